"""Demo data: the accounts named in the README, and people described in their own words.

Built on the same factories as the tests. Every step is get-or-create, so running
it twice leaves one copy of everything.
"""

import datetime
import random

from django.utils import timezone

from casework.models import (
    CaseAssignment,
    Organisation,
    Person,
    StaffMembership,
    SupportContext,
    Team,
    User,
)

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


def seed_demo(*, extra_people: int, password: str) -> str:
    # The factories are shared with the tests (tests/factories.py), so demo
    # people look like the people the tests are written about.
    from tests.factories import ABOUT_ME_LINES, PersonFactory

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
        _assign(person, staff[worker])
        named[username] = person

    # Extra people, the same every run: a fixed random seed picks their details.
    rng = random.Random(20261129)  # noqa: S311 - demo data, not security
    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(20261129)
    workers = [staff["sam"], staff["jo"], staff["priya"]]
    pronouns = ["he/him", "she/her", "they/them", ""]
    contexts = [
        [SupportContext.JUSTICE],
        [SupportContext.JUSTICE, SupportContext.SUBSTANCE_USE],
        [SupportContext.MENTAL_HEALTH],
        [SupportContext.MENTAL_HEALTH, SupportContext.SUBSTANCE_USE],
    ]
    others = []
    for i in range(extra_people):
        full = fake.name()
        worker = workers[i % len(workers)]
        choice = rng.choice(pronouns)
        person = Person.objects.filter(organisation=org, full_name=full).first()
        if person is None:
            person = PersonFactory(
                organisation=org,
                full_name=full,
                pronouns=choice,
                about_me=ABOUT_ME_LINES[i % len(ABOUT_ME_LINES)],
                support_contexts=contexts[i % len(contexts)],
            )
        _assign(person, worker, days_ago=rng.randint(20, 600))
        others.append((person, worker))

    from strengths.demo import seed_plans

    seed_plans(
        alex=named["alex"],
        sam=staff["sam"],
        chris=named["chris"],
        priya=staff["priya"],
        others=others,
    )
    return (
        f"Demo data ready: {Person.objects.filter(organisation=org).count()} people, "
        f"{StaffMembership.objects.filter(team__organisation=org).count()} staff roles. "
        f"Sign in as sam, jo, priya, morgan, lee, alex, chris or admin with the demo password."
    )
