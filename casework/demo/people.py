"""Demo data: the accounts named in the README, and people described in their own words.

Built on the same factories as the tests. Each person also gets their story
(goals, strengths, circle of support, setbacks, ratings): see ``casework.demo.story``.
Every step is get-or-create, so running it twice leaves one copy of everything.
"""

import datetime
import random

from django.utils import timezone

from casework.access import acting_role
from casework.accounts.actions import invite_person
from casework.demo.appointments import seed_appointments
from casework.demo.factories import PersonFactory
from casework.demo.handover import seed_handover
from casework.demo.more_stories import JAMIE
from casework.demo.notes import (
    ADDENDA,
    GOING_WELL,
    NEXT_STEPS,
    PERSON_VIEWS,
    TALKED_ABOUT,
    WITHHELD,
)
from casework.demo.plan import seed_plans
from casework.demo.reminders import seed_reminders
from casework.demo.story import extra_person, seed_story, story_for
from casework.models import (
    AccessEvent,
    Alert,
    AlertResponse,
    CaseAssignment,
    CheckIn,
    Organisation,
    Person,
    SessionNote,
    StaffMembership,
    SupportContext,
    Team,
    User,
)
from casework.notes import actions
from casework.peer.actions import set_peer_note_sharing

ORGANISATION = "Northshire Recovery Partnership"
NORTHGATE = "Northgate probation team"
RIVERSIDE = "Riverside community mental health team"

STAFF = [
    # username, first, last, team, role
    ("sam", "Sam", "Okafor", NORTHGATE, StaffMembership.Role.PRACTITIONER),
    ("jo", "Jo", "Whitfield", NORTHGATE, StaffMembership.Role.PRACTITIONER),
    ("priya", "Priya", "Shah", RIVERSIDE, StaffMembership.Role.PRACTITIONER),
    ("morgan", "Morgan", "Reid", NORTHGATE, StaffMembership.Role.SUPERVISOR),
    ("lee", "Lee", "Anders", RIVERSIDE, StaffMembership.Role.SUPERVISOR),
    ("rob", "Rob", "Hughes", NORTHGATE, StaffMembership.Role.PEER_SUPPORT),
]

NAMED_PEOPLE = [
    # username, preferred, full, pronouns, worker, about me, contexts
    (
        "alex",
        "Alex",
        "Alexander Turner",
        "he/him",
        "sam",
        "I'm Alex. I'm a joiner by trade and I want to get back on the tools.\n"
        "My daughter Mia is the most important person in my life. I'm working on "
        "being there for her every Saturday, and on keeping my flat.",
        [SupportContext.JUSTICE, SupportContext.SUBSTANCE_USE],
    ),
    (
        "chris",
        "Chris",
        "Christine Mbeki",
        "she/her",
        "priya",
        "I'm Chris. I paint, mostly the sea, and I sing in a community choir.\n"
        "Some weeks are harder than others. What helps is routine, my sister, and "
        "getting outside early.",
        [SupportContext.MENTAL_HEALTH],
    ),
]


# Handover (issue 21): jamie was jo's, and is being handed over to sam (morgan did it).
HANDED_OVER_PERSON = (
    "jamie",
    "Jamie",
    "Jamie Rowe",
    "they/them",
    "jo",
    "sam",
    "I'm Jamie. I cook for the Thursday group at the community centre and I want to "
    "train as a chef.\nI like to know what is coming: a text the day before helps.",
    [SupportContext.JUSTICE],
)


def _person_with_login(org, password, username, preferred, full, pronouns, about, contexts):
    """A demo person with a login of their own, made once and brought up to date after."""
    login = _user(username, preferred, full.split()[-1], password)
    person, _ = Person.objects.update_or_create(
        organisation=org,
        full_name=full,
        defaults={
            "preferred_name": preferred,
            "pronouns": pronouns,
            "about_me": about,
            "support_contexts": contexts,
            "user": login,
        },
    )
    return person


def _handed_over_person(org, staff, password, sessions: int):
    username, preferred, full, pronouns, old, new, about, contexts = HANDED_OVER_PERSON
    person = _person_with_login(org, password, username, preferred, full, pronouns, about, contexts)
    if not person.handovers.exists():
        _assign(person, staff[old], days_ago=200)
        _seed_notes(person, staff[old], sessions)
        seed_story(person, staff[old], JAMIE)
    seed_handover(person, staff[old], staff[new], staff["morgan"])
    return person


def _user(username, first, last, password, **extra):
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            **extra,
        },
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _assign(person, worker, role=CaseAssignment.Role.LEAD, days_ago=240):
    CaseAssignment.objects.get_or_create(
        person=person,
        worker=worker,
        role=role,
        ended_on=None,
        defaults={"started_on": timezone.localdate() - datetime.timedelta(days=days_ago)},
    )


def _seed_notes(person, worker, count: int) -> int:
    """Give ``person`` ``count`` notes over the last months; tops up, never duplicates."""

    existing = person.notes.count()
    if existing >= count:
        return 0
    rng = random.Random(person.pk)  # noqa: S311 - demo data, not security
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    name = person.preferred_name
    for i in range(existing, count):
        # Roughly fortnightly, oldest first, ending a few days ago.
        happened = now - datetime.timedelta(days=(count - i) * 12 + rng.randint(0, 4) - 8)
        happened = happened.replace(hour=rng.choice([9, 10, 11, 14, 15]))
        how = SessionNote.How.values[(i + person.pk) % len(SessionNote.How.values)]
        data = {
            "happened_at": happened,
            "how": how,
            "duration_minutes": 15 if how in ("phone", "message") else rng.choice([40, 50, 60]),
            "person_present": how != "group" or i % 2 == 0,
            "talked_about": TALKED_ABOUT[(i + person.pk) % len(TALKED_ABOUT)].format(name=name),
            "going_well": GOING_WELL[(i * 3 + person.pk) % len(GOING_WELL)].format(name=name),
            "next_steps": NEXT_STEPS[(i + 2 * person.pk) % len(NEXT_STEPS)].format(name=name),
            "next_contact_on": timezone.localdate(happened) + datetime.timedelta(days=14),
        }
        if how == "group":
            data["other_professionals"] = "Dee Marsh, group facilitator"
        if i % 6 == 4:
            reason, text, why = WITHHELD[(i + person.pk) % len(WITHHELD)]
            data.update(
                talked_about=text.format(name=name),
                withheld_reason=reason,
                withheld_explanation=why,
            )
        written = happened + datetime.timedelta(hours=2)
        note = actions.record_session(person, worker, data, now=written)
        if i % 5 == 2:
            text = ADDENDA[(i + person.pk) % len(ADDENDA)].format(name=name)
            actions.add_addendum(note, worker, text, now=written + datetime.timedelta(days=1))
        if person.user_id and i % 4 == 1 and not note.is_withheld:
            views = PERSON_VIEWS.get(person.user.username, [])
            if views:
                actions.set_person_view(
                    note,
                    person.user,
                    views[i % len(views)],
                    now=written + datetime.timedelta(days=2),
                )
    return count - existing


# A person on sam's caseload who has been invited but has not set up an account.
INVITED_PERSON = (
    "Dani",
    "Danielle Brooks",
    "they/them",
    "sam",
    "I'm Dani. I'm into climbing and I volunteer at the food bank on Fridays.",
    [SupportContext.JUSTICE],
)

CHECK_INS = {
    # username: (days ago, feeling, words, wants to talk, seen)
    "alex": [
        (9, CheckIn.Feeling.GOOD, "Saw Mia on Saturday. We went to the park.", False, True),
        (2, CheckIn.Feeling.NOT_GREAT, "Rent letter came. Not sure what it means.", True, False),
    ],
    "chris": [
        (5, CheckIn.Feeling.OKAY, "Choir was good. Sleep not so good.", False, True),
        (1, CheckIn.Feeling.GOOD, "Painted at the harbour this morning.", False, False),
    ],
}

ACCESS_LOG = {
    # username: (days ago, staff username, action, what)
    "alex": [
        (20, "sam", AccessEvent.Action.VIEWED, "their overview"),
        (14, "morgan", AccessEvent.Action.VIEWED, "their overview"),
        (9, "sam", AccessEvent.Action.VIEWED, "their overview"),
        (8, "sam", AccessEvent.Action.CHANGED, "your check-ins (marked as read)"),
        (1, "sam", AccessEvent.Action.VIEWED, "their overview"),
    ],
    "chris": [
        (12, "priya", AccessEvent.Action.VIEWED, "their overview"),
        (6, "lee", AccessEvent.Action.VIEWED, "their overview"),
        (4, "priya", AccessEvent.Action.CHANGED, "your check-ins (marked as read)"),
    ],
}


def _demo_activity(person, staff):
    """Check-ins and an access log for a named person; added once, never twice."""
    now = timezone.now()
    username = person.user.username
    for days, feeling, words, talk, seen in CHECK_INS.get(username, []):
        at = now - datetime.timedelta(days=days)
        worker = person.assignments.select_related("worker").first().worker
        CheckIn.objects.get_or_create(
            person=person,
            words=words,
            defaults={
                "feeling": feeling,
                "wants_to_talk": talk,
                "created_at": at,
                "seen_at": at + datetime.timedelta(hours=20) if seen else None,
                "seen_by": worker if seen else None,
            },
        )
    if AccessEvent.objects.filter(person=person).exclude(actor=person.user).exists():
        return  # the log is append-only: write the demo history once
    for days, actor, action, what in ACCESS_LOG.get(username, []):
        user = staff[actor]
        AccessEvent.objects.create(
            person=person,
            actor=user,
            action=action,
            what=what,
            acting_role=acting_role(user, person),
            at=now - datetime.timedelta(days=days),
        )


def _peer_support_for_alex(alex, rob):
    """rob is alex's peer support worker; alex has not (yet) let him read sam's notes."""

    _assign(alex, rob, role=CaseAssignment.Role.PEER_SUPPORT, days_ago=60)
    if not alex.peer_note_choices.exists():
        set_peer_note_sharing(alex, alex.user, allow=False)
    if not alex.notes.filter(author=rob).exists():
        actions.record_session(
            alex,
            rob,
            {
                "happened_at": timezone.now() - datetime.timedelta(days=5, hours=3),
                "how": SessionNote.How.FACE_TO_FACE,
                "duration_minutes": 60,
                "person_present": True,
                "talked_about": "Coffee after the Tuesday recovery group. Alex talked about "
                "what helped him in his first months, and what helped me in mine.",
                "going_well": "Alex spoke up in the group for the first time.",
                "next_steps": "Go to the group together again next Tuesday.",
            },
        )


def _invited_person(org, staff):
    preferred, full, pronouns, worker, about, contexts = INVITED_PERSON
    person, _ = Person.objects.update_or_create(
        organisation=org,
        full_name=full,
        defaults={
            "preferred_name": preferred,
            "pronouns": pronouns,
            "about_me": about,
            "support_contexts": contexts,
        },
    )
    _assign(person, staff[worker])
    pending = [i for i in person.invitations.all() if i.is_open()]
    if person.user_id is None and not pending:
        # Nobody knows this link's token: it only shows a pending invitation.
        invite_person(staff[worker], person)
    return person


def seed_demo(*, extra_people: int, password: str, sessions_per_person: int = 10) -> str:
    # The factories are shared with the tests (casework/demo/factories.py), so demo
    # people look like the people the tests are written about.

    org, _ = Organisation.objects.get_or_create(name=ORGANISATION)
    teams = {
        name: Team.objects.get_or_create(organisation=org, name=name)[0]
        for name in (NORTHGATE, RIVERSIDE)
    }
    staff = {}
    for username, first, last, team, role in STAFF:
        staff[username] = _user(username, first, last, password)
        StaffMembership.objects.get_or_create(user=staff[username], team=teams[team], role=role)
    _user("admin", "Ayesha", "Karim", password, is_org_admin=True)

    named = {}
    for username, preferred, full, pronouns, worker, about, contexts in NAMED_PEOPLE:
        person = _person_with_login(
            org, password, username, preferred, full, pronouns, about, contexts
        )
        _assign(person, staff[worker])
        # The demo access log first: it is written once, on a record with no events yet.
        _demo_activity(person, staff)
        _seed_notes(person, staff[worker], sessions_per_person)
        seed_story(person, staff[worker], story_for(username, 0))
        named[username] = person
    _peer_support_for_alex(named["alex"], staff["rob"])
    dani = _invited_person(org, staff)
    _seed_notes(dani, staff[INVITED_PERSON[3]], sessions_per_person)
    seed_story(dani, staff[INVITED_PERSON[3]], story_for("dani", 0))
    _demo_alerts(staff)
    jamie = _handed_over_person(org, staff, password, sessions_per_person)

    # Extra people, the same every run: a fixed random seed picks their details.
    rng = random.Random(20261129)  # noqa: S311 - demo data, not security
    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(20261129)
    workers = [staff["sam"], staff["jo"], staff["priya"]]
    contexts = [
        [SupportContext.JUSTICE],
        [SupportContext.JUSTICE, SupportContext.SUBSTANCE_USE],
        [SupportContext.MENTAL_HEALTH],
        [SupportContext.MENTAL_HEALTH, SupportContext.SUBSTANCE_USE],
    ]
    # Every first name once: a note that says "Sam" means one person (staff included).
    taken = {first for _, first, *_ in STAFF} | {"Ayesha", INVITED_PERSON[0]}
    taken |= {p.preferred_name for p in named.values()}
    others = []
    for i in range(extra_people):
        pronouns, about, _story = extra_person(i)
        first = _first_name(fake, pronouns, taken)
        full = f"{first} {fake.last_name()}"
        worker = workers[i % len(workers)]
        person = Person.objects.filter(organisation=org, full_name=full).first()
        if person is None:
            person = PersonFactory(
                organisation=org,
                full_name=full,
                preferred_name=first,
                pronouns=pronouns,
                about_me=about,
                support_contexts=contexts[i % len(contexts)],
            )
        _assign(person, worker, days_ago=rng.randint(20, 600))
        # 8-15 notes each by default, varied but the same on every run.
        _seed_notes(person, worker, max(0, sessions_per_person + (i % 8) - 2))
        seed_story(person, worker, story_for(None, i))
        others.append((person, worker))
    others.append((dani, staff[INVITED_PERSON[3]]))

    seed_plans(
        alex=named["alex"],
        sam=staff["sam"],
        chris=named["chris"],
        priya=staff["priya"],
        # Jamie's plan was written with jo, before the handover.
        others=[*others, (jamie, staff[HANDED_OVER_PERSON[4]])],
    )
    seed_appointments(
        alex=named["alex"],
        sam=staff["sam"],
        chris=named["chris"],
        priya=staff["priya"],
        others=others,
    )
    seed_reminders(alex=named["alex"])
    return (
        f"Demo data ready: {Person.objects.filter(organisation=org).count()} people, "
        f"{StaffMembership.objects.filter(team__organisation=org).count()} staff roles, "
        f"{SessionNote.objects.filter(person__organisation=org).count()} session notes. "
        f"Sign in as sam, jo, priya, morgan, lee, rob, alex, chris, jamie or admin with the "
        "demo password."
    )


def _first_name(fake, pronouns: str, taken: set[str]) -> str:
    """A first name that fits the pronouns and no other demo person (or worker) has."""
    pick = {"he/him": fake.first_name_male, "she/her": fake.first_name_female}.get(
        pronouns, fake.first_name_nonbinary
    )
    name = pick()
    while name in taken:
        name = pick()
    taken.add(name)
    return name


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _demo_alerts(staff):
    """Alerts with reasons: one told, one not told yet and one ended for alex;
    one told and past its review date for chris. Keyed on wording, so idempotent."""
    alex = Person.objects.get(user__username="alex")
    chris = Person.objects.get(user__username="chris")
    sam, priya = staff["sam"], staff["priya"]
    told = {"person_told": True, "told_how": Alert.ToldHow.IN_PERSON}
    shifts = _alert(
        alex,
        sam,
        "Please call before visiting: Alex works shifts",
        "Alex works shifts at the timber yard and often sleeps in the day. "
        "He asked us to ring first so a visit does not wake him.",
        review_by=_days(75),
        told_on=_days(-20),
        **told,
    )
    _alert(
        alex,
        sam,
        "Court date on 12 March: offer a lift to court",
        "Alex has a court hearing and getting there by bus is hard from the estate.",
        review_by=_days(40),
        person_told=False,
        not_told_reason=Alert.NotToldReason.NOT_YET,
        not_told_explanation="The court letter came after our last session. "
        "I will go through it with Alex on Friday.",
    )
    _alert(
        alex,
        sam,
        "Use the side door: the front door lock is broken",
        "The front door of the flat would not open and Alex asked us to use the side door.",
        review_by=_days(20),
        told_on=_days(-120),
        ended={"end_reason": "The landlord fixed the lock.", "days_ago": 60},
        **told,
    )
    if not shifts.responses.exists():
        AlertResponse.objects.create(
            alert=shifts,
            by=alex.user,
            text="I only work nights every other week. On day-shift weeks you can just knock.",
        )
    _alert(
        chris,
        priya,
        "Please call before a home visit",
        "Chris finds visits without warning unsettling and asked for a phone call first.",
        review_by=_days(-12),
        told_on=_days(-170),
        **told,
    )


def _alert(person, worker, wording, reason, *, ended=None, told_on=None, **fields):
    existing = Alert.objects.filter(person=person, wording=wording).first()
    if existing:
        return existing
    alert = Alert(person=person, wording=wording, reason=reason, added_by=worker, **fields)
    alert.added_at = timezone.now() - datetime.timedelta(days=180 if ended else 30)
    if alert.person_told:
        alert.told_on, alert.told_by = told_on, worker
    if ended:
        alert.end_reason, alert.ended_by = ended["end_reason"], worker
        alert.ended_at = timezone.now() - datetime.timedelta(days=ended["days_ago"])
    # Saved directly, not through add_alert: demo dates sit in the past on purpose
    # (an overdue review for chris), which add_alert would rightly refuse.
    alert.save()
    return alert
