"""Fast creation of a large, realistic organisation for benchmarks (``seed_bulk``).

Rows are built in memory and written with ``bulk_create`` in batches; nothing
here calls ``save()`` per row. Each kind of record has a generator function;
features add theirs to ``GENERATORS`` so the bulk seed grows with the product.
"""

from __future__ import annotations

import datetime
import io
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models.functions import Mod
from django.utils import timezone

from casework.models import (
    AccessEvent,
    Alert,
    AuthenticatorDevice,
    CaseAssignment,
    NoteAddendum,
    NoteSharingChange,
    Organisation,
    Person,
    SessionNote,
    StaffMembership,
    SupportContext,
    Team,
    User,
)
from casework.security.models import encrypt_key
from strengths.models import (
    Goal,
    GoalRating,
    GoalStep,
    LifeArea,
    Setback,
    SignificantOther,
    Strength,
)
from strengths.plan.models import PlanSection, PlanSectionRevision, RecoveryPlan

BENCH_ORGANISATION = "Bench region"
BATCH = 5000
SHOWCASE_NOTES = 500  # bp1's record: the long timeline and the big download
# The supervisors' (bs*) two-step key, so the bench driver can compute their codes.
BENCH_TOTP_KEY_HEX = "3132333435363738393031323334353637383930"

PRESETS = {
    "small": {"people": 1000, "notes_per_person": 20, "workers": 40},
    "medium": {"people": 10_000, "notes_per_person": 50, "workers": 400},
    "large": {"people": 50_000, "notes_per_person": 50, "workers": 2000},
}

FIRST = ["Alex", "Sam", "Jordan", "Priya", "Chris", "Kim", "Amir", "Beth", "Tom", "Nadia",
         "Leon", "Grace", "Owen", "Maya", "Dev", "Ruth", "Kai", "Zara", "Ian", "Lucy"]  # fmt: skip
LAST = ["Turner", "Shah", "Okafor", "Reid", "Evans", "Khan", "Murphy", "Lewis", "Byrne",
        "Clarke", "Patel", "Walsh", "Hughes", "Begum", "Price", "Foster"]  # fmt: skip
ABOUT = [
    "I want steady work and a place that feels like mine.",
    "My kids come first. I'm working on being there for them.",
    "I'm into boxing and it keeps me level.",
    "I like being outdoors, walking and fishing.",
    "I'm getting back into college to finish my qualifications.",
]


@dataclass
class BulkContext:
    people: int
    notes_per_person: int
    workers: int
    password: str
    rng: random.Random = field(default_factory=lambda: random.Random(7))  # noqa: S311
    organisation: Organisation | None = None
    worker_ids: list[int] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    showcase_person_id: int | None = None
    worker_of: dict[int, int] = field(default_factory=dict)  # person id -> lead worker id
    report: Callable[[str], None] = print


class Progress:
    """Regular progress lines with rows per second, for long inserts."""

    def __init__(self, label: str, total: int, report: Callable[[str], None]):
        self.label, self.total, self.report = label, total, report
        self.done = 0
        self.started = time.monotonic()
        self.last = 0.0

    def add(self, n: int):
        self.done += n
        now = time.monotonic()
        if now - self.last >= 2 or self.done >= self.total:
            self.last = now
            rate = self.done / max(now - self.started, 1e-6)
            pct = 100 * self.done / max(self.total, 1)
            bar = "#" * int(pct // 5)
            self.report(
                f"  {self.label:<18} [{bar:<20}] {self.done:>9,}/{self.total:,} ({rate:,.0f} rows/s)"
            )


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_batch(model, batch: list[dict]) -> None:
    """Write one batch of rows (dicts of field attnames) with PostgreSQL's COPY.

    Several times faster than INSERT, mostly because no model instances are built.
    Columns a row leaves out get the field's default, as ``save()`` would give them.
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    defaults = {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in fields
    }
    lines = "".join(
        "\t".join(_copy_value(row.get(f.attname, defaults[f.attname])) for f in fields) + "\n"
        for row in batch
    )
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN",
            io.StringIO(lines),
        )


def bulk_insert(model, rows, label: str, total: int, report) -> None:
    """Insert ``rows`` in batches, with progress lines.

    Rows are model instances (``bulk_create``) or, for the big tables, dicts of
    field values: those go through COPY on PostgreSQL and become instances elsewhere.
    """
    progress = Progress(label, total, report)
    batch = []

    def flush():
        if batch and isinstance(batch[0], dict):
            if connection.vendor == "postgresql":
                _copy_batch(model, batch)
            else:
                model.objects.bulk_create([model(**row) for row in batch], batch_size=BATCH)
        else:
            model.objects.bulk_create(batch, batch_size=BATCH)
        progress.add(len(batch))

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
            batch = []
    if batch:
        flush()


def _staff(ctx: BulkContext) -> None:
    org, _ = Organisation.objects.get_or_create(name=BENCH_ORGANISATION)
    ctx.organisation = org
    n_teams = max(1, ctx.workers // 10)
    Team.objects.bulk_create(
        [Team(organisation=org, name=f"Bench team {t + 1}") for t in range(n_teams)],
        batch_size=BATCH,
    )
    teams = list(Team.objects.filter(organisation=org).order_by("id"))
    hashed = make_password(ctx.password)
    users = [
        User(
            username=f"bw{i + 1}",
            first_name=ctx.rng.choice(FIRST),
            last_name=ctx.rng.choice(LAST),
            password=hashed,
        )
        for i in range(ctx.workers)
    ] + [
        User(username=f"bs{t + 1}", first_name="Supervisor", last_name=str(t + 1), password=hashed)
        for t in range(n_teams)
    ]
    bulk_insert(User, users, "staff", len(users), ctx.report)
    by_name = dict(
        User.objects.filter(username__regex=r"^b[ws][0-9]+$").values_list("username", "id")
    )
    ctx.worker_ids = [by_name[f"bw{i + 1}"] for i in range(ctx.workers)]
    memberships = [
        StaffMembership(
            user_id=wid, team=teams[i % n_teams], role=StaffMembership.Role.PRACTITIONER
        )
        for i, wid in enumerate(ctx.worker_ids)
    ] + [
        StaffMembership(
            user_id=by_name[f"bs{t + 1}"], team=teams[t], role=StaffMembership.Role.SUPERVISOR
        )
        for t in range(n_teams)
    ]
    bulk_insert(StaffMembership, memberships, "memberships", len(memberships), ctx.report)
    # Supervisors must use two-step sign-in: give each a device with a known key.
    # One encryption for all of them: each row holds the same published key.
    encrypted = encrypt_key(bytes.fromhex(BENCH_TOTP_KEY_HEX))
    AuthenticatorDevice.objects.bulk_create(
        [
            AuthenticatorDevice(
                user_id=by_name[f"bs{t + 1}"], name="Bench", encrypted_key=encrypted, confirmed=True
            )
            for t in range(n_teams)
        ],
        batch_size=BATCH,
    )


def _people(ctx: BulkContext) -> None:
    rng, org = ctx.rng, ctx.organisation
    contexts = [[c] for c in SupportContext.values]
    now = timezone.now()
    people = (
        Person(
            organisation=org,
            preferred_name=rng.choice(FIRST),
            full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i + 1}",
            pronouns=rng.choice(["he/him", "she/her", "they/them"]),
            about_me=rng.choice(ABOUT),
            support_contexts=rng.choice(contexts),
            created_at=now - datetime.timedelta(days=rng.randint(30, 1500)),
        )
        for i in range(ctx.people)
    )
    bulk_insert(Person, people, "people", ctx.people, ctx.report)
    ctx.person_ids = list(
        Person.objects.filter(organisation=org).order_by("id").values_list("id", flat=True)
    )
    ctx.showcase_person_id = ctx.person_ids[0]
    # The showcase person (on bw1's caseload, with the most history) has a login: bp1.
    login = User.objects.create(
        username="bp1", first_name="Bench", password=make_password(ctx.password)
    )
    Person.objects.filter(pk=ctx.showcase_person_id).update(user=login)
    today = timezone.localdate()
    ctx.worker_of = {
        pid: ctx.worker_ids[i % len(ctx.worker_ids)] for i, pid in enumerate(ctx.person_ids)
    }
    assignments = (
        CaseAssignment(
            person_id=pid,
            worker_id=ctx.worker_ids[i % len(ctx.worker_ids)],
            role=CaseAssignment.Role.LEAD,
            started_on=today - datetime.timedelta(days=rng.randint(10, 900)),
        )
        for i, pid in enumerate(ctx.person_ids)
    )
    bulk_insert(CaseAssignment, assignments, "assignments", len(ctx.person_ids), ctx.report)


def _access_events(ctx: BulkContext) -> None:
    per_person = 10
    now = timezone.now()
    rng = ctx.rng
    total = per_person * len(ctx.person_ids)
    events = (
        {
            "person_id": pid,
            "actor_id": ctx.worker_ids[i % len(ctx.worker_ids)],
            "action": AccessEvent.Action.VIEWED,
            "what": "their overview",
            "acting_role": "Lead worker",
            "at": now - datetime.timedelta(minutes=rng.randint(1, 500_000)),
        }
        for i, pid in enumerate(ctx.person_ids)
        for _ in range(per_person)
    )
    bulk_insert(AccessEvent, events, "access events", total, ctx.report)


# --- session notes ------------------------------------------------------------------

TALKED = [
    "We talked about how the week went at the new flat.",
    "Talked through the college application and what is still needed.",
    "We went over the budget and the letter from the council.",
    "Talked about seeing the kids at the weekend and how it felt.",
    "We looked at the volunteering options at the allotment.",
    "Talked about sleep, which has been better since the change of routine.",
    "We planned the appointment with the GP about medication.",
    "Talked about the boxing club and the new coach.",
    "We went through the job centre meeting and the work search plan.",
    "Talked about a difficult conversation with family and what helped.",
]
GOING_WELL = [
    "Kept every appointment this month and was on time.",
    "Started walking every morning with a friend.",
    "Paid the first instalment on the arrears.",
    "Spoke up at the group for the first time.",
    "Got a reference from the volunteering coordinator.",
    "Feeling more settled at home and cooking most days.",
    "",
]
NEXT_STEPS = [
    "Call the housing officer by Friday; I will send the form.",
    "Bring the payslips next time so we can check the benefit claim.",
    "Try the drop-in at the library on Tuesday.",
    "Ring the college about the start date.",
    "Keep the sleep diary for another fortnight.",
    "",
]
WITHHELD_WHY = [
    "Mentions a family member's health, which they asked us to keep private.",
    "Holds the police disclosure, which cannot be shared yet.",
    "Records a third party's account given in confidence.",
]
ADDENDA = [
    "Correction: the appointment was on the Thursday, not the Wednesday.",
    "Adding that the housing officer has since replied.",
    "Clarifying that the group session was the peer-led one.",
]


def _notes(ctx: BulkContext) -> None:
    rng, now = ctx.rng, timezone.now()
    how = SessionNote.How.values
    reasons = SessionNote.WithheldReason.values
    counts = dict.fromkeys(ctx.person_ids, ctx.notes_per_person)
    counts[ctx.showcase_person_id] = max(SHOWCASE_NOTES, ctx.notes_per_person)
    total = sum(counts.values())
    span_days = 4 * 365  # spread over years

    def rows():
        for pid in ctx.person_ids:
            author = ctx.worker_of[pid]
            n = counts[pid]
            for k in range(n):
                # Oldest first, roughly evenly spaced, jittered; the newest is within a fortnight.
                days_ago = (n - k) * span_days // n + rng.randint(0, 3)
                at = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 8))
                withheld = rng.random() < 0.03
                reason = rng.choice(reasons) if withheld else ""
                yield {
                    "person_id": pid,
                    "author_id": author,
                    "happened_at": at,
                    "how": rng.choice(how),
                    "duration_minutes": rng.choice((20, 30, 45, 60, 90)),
                    "person_present": rng.random() < 0.95,
                    "talked_about": rng.choice(TALKED),
                    "going_well": rng.choice(GOING_WELL),
                    "next_steps": rng.choice(NEXT_STEPS),
                    "next_contact_on": (at + datetime.timedelta(days=14)).date()
                    if k == n - 1
                    else None,
                    "created_at": at + datetime.timedelta(hours=2),
                    "withheld_reason": reason,
                    "withheld_explanation": rng.choice(WITHHELD_WHY) if withheld else "",
                    "suggestions_shown": rng.choice((0, 0, 0, 1)),
                }

    bulk_insert(SessionNote, rows(), "session notes", total, ctx.report)
    notes = SessionNote.objects.filter(person__organisation=ctx.organisation)
    withheld = list(
        notes.exclude(withheld_reason="").values_list(
            "id", "author_id", "withheld_reason", "withheld_explanation", "created_at"
        )
    )
    changes = (
        NoteSharingChange(
            note_id=nid, withheld=True, reason=reason, explanation=why, changed_by_id=author,
            changed_at=at,
        )
        for nid, author, reason, why, at in withheld
    )  # fmt: skip
    bulk_insert(NoteSharingChange, changes, "sharing changes", len(withheld), ctx.report)
    # Addenda on about 3 % of notes (those whose id is a multiple of 33).
    sample = list(
        notes.alias(m=Mod("id", 33)).filter(m=0).values_list("id", "author_id", "created_at")
    )
    addenda = (
        NoteAddendum(
            note_id=nid,
            author_id=author,
            text=rng.choice(ADDENDA),
            created_at=at + datetime.timedelta(days=rng.randint(1, 10)),
        )
        for nid, author, at in sample
    )
    bulk_insert(NoteAddendum, addenda, "addenda", len(sample), ctx.report)


# --- strengths, goals, circle, setbacks ---------------------------------------------

GOALS = [
    ("Get my own place with a door I can lock", "home"),
    ("Finish my level 2 in maths", "work"),
    ("See my kids every weekend", "relationships"),
    ("Get back to the boxing club twice a week", "leisure"),
    ("Sort out the debts so the letters stop", "money"),
    ("Sleep through the night most nights", "health"),
    ("Find volunteering I enjoy", "work"),
]
STEPS = [
    "Ring the housing officer",
    "Fill in the application form",
    "Go to the open day",
    "Ask Mum to come along",
    "Book the GP appointment",
    "Write down three things that went well each week",
]
STRENGTHS = [
    ("Determined: I keep going when it's hard", "identity"),
    ("Good with my hands, I can fix most things", "work"),
    ("A loyal friend", "relationships"),
    ("I cook for my family", "home"),
    ("Honest about how I'm feeling", "health"),
    ("Funny, people say I lift the room", "leisure"),
]
CIRCLE = [
    ("Mum", "mother"),
    ("Dave from the allotment", "friend"),
    ("Sis", "sister"),
    ("The Tuesday group", "peer support group"),
    ("Coach Lee", "boxing coach"),
]
SETBACKS = [
    "Missed two appointments after the housing letter came.",
    "Had a drink after the argument with my ex.",
    "Stopped going to the group for a month.",
]


def _story(ctx: BulkContext) -> None:

    areas = set(LifeArea.values)
    rng, now, today = ctx.rng, timezone.now(), timezone.localdate()

    def area(key):
        return next((a for a in sorted(areas) if a.startswith(key)), sorted(areas)[0])

    def ago(max_days):
        return now - datetime.timedelta(days=rng.randint(1, max_days))

    per, n = 3, len(ctx.person_ids)
    strengths = (
        {
            "person_id": pid,
            "description": d,
            "life_area": area(a),
            "kind": rng.choice(Strength.Kind.values),
            "noticed_by": rng.choice(Strength.NoticedBy.values),
            "example": "Helped a neighbour move last month.",
            "created_at": ago(900),
            "created_by_id": ctx.worker_of[pid],
            "created_as": rng.choice(("person", "worker")),
        }
        for pid in ctx.person_ids
        for d, a in rng.sample(STRENGTHS, per)
    )
    bulk_insert(Strength, strengths, "strengths", per * n, ctx.report)
    circle = (
        {
            "person_id": pid,
            "name": name,
            "relationship": rel,
            "how_they_help": "Listens without judging and comes to appointments.",
            "involvement": rng.choice(SignificantOther.Involvement.values),
            "created_by_id": ctx.worker_of[pid],
            "created_at": ago(900),
        }
        for pid in ctx.person_ids
        for name, rel in rng.sample(CIRCLE, 2)
    )
    bulk_insert(SignificantOther, circle, "circle members", 2 * n, ctx.report)
    goals = (
        {
            "person_id": pid,
            "in_their_words": words,
            "why_it_matters": "It would make me feel like me again.",
            "life_area": area(a),
            "status": rng.choice(Goal.Status.values),
            "created_at": ago(900),
            "created_by_id": ctx.worker_of[pid],
            "created_as": rng.choice(("person", "worker")),
        }
        for pid in ctx.person_ids
        for words, a in rng.sample(GOALS, per)
    )
    bulk_insert(Goal, goals, "goals", per * n, ctx.report)
    goal_rows = list(
        Goal.objects.filter(person__organisation=ctx.organisation).values_list(
            "id", "person_id", "created_at"
        )
    )
    steps = (
        {
            "goal_id": gid,
            "what": rng.choice(STEPS),
            "who": rng.choice(GoalStep.Who.values[:2]),
            "status": rng.choice(GoalStep.Status.values),
            "due_on": today + datetime.timedelta(days=rng.randint(-60, 60)),
            "created_at": at,
            "created_by_id": ctx.worker_of[pid],
        }
        for gid, pid, at in goal_rows
        for _ in range(2)
    )
    bulk_insert(GoalStep, steps, "goal steps", 2 * len(goal_rows), ctx.report)
    ratings = (
        {
            "goal_id": gid,
            "voice": voice,
            "score": rng.randint(2, 9),
            "rated_by_id": ctx.worker_of[pid],
            "at": at + datetime.timedelta(days=30 * k + 1),
        }
        for gid, pid, at in goal_rows
        for k, voice in enumerate(("person", "worker", "person"))
    )
    bulk_insert(GoalRating, ratings, "goal ratings", 3 * len(goal_rows), ctx.report)
    setbacks = (
        {
            "person_id": pid,
            "what_happened": rng.choice(SETBACKS),
            "happened_on": today - datetime.timedelta(days=rng.randint(1, 700)),
            "early_signs": "Not sleeping, avoiding calls.",
            "what_helped": "Talking it through with Mum.",
            "what_was_learned": "Ask for help sooner.",
            "next_time": "Ring the worker the same day.",
            "created_by_id": ctx.worker_of[pid],
            "created_at": ago(700),
        }
        for pid in ctx.person_ids
    )
    bulk_insert(Setback, setbacks, "setbacks", n, ctx.report)


# --- recovery plans ---------------------------------------------------------------

PLAN_TEXT = {
    "about": "I'm a dad, a boxer and a decent cook. What matters most is my kids.",
    "staying_well": "Keep to my routine, walk every morning, ring Mum on Sundays.",
    "hard_times": "If I stop answering calls, please text rather than turn up.",
    "agreed": "Meet fortnightly; I'll bring the housing letters next time.",
}


def _plans(ctx: BulkContext) -> None:

    rng, now, today = ctx.rng, timezone.now(), timezone.localdate()
    n = len(ctx.person_ids)
    plans = (
        RecoveryPlan(
            person_id=pid,
            review_due=today + datetime.timedelta(days=rng.randint(-30, 180)),
            created_at=now - datetime.timedelta(days=rng.randint(60, 700)),
        )
        for pid in ctx.person_ids
    )
    bulk_insert(RecoveryPlan, plans, "recovery plans", n, ctx.report)
    plan_rows = list(
        RecoveryPlan.objects.filter(person__organisation=ctx.organisation).values_list(
            "id", "person_id"
        )
    )
    keys = PlanSection.Key
    versions = {}  # (plan id, key) -> number of saved versions

    def sections():
        for plan_id, pid in plan_rows:
            for position, (key, heading) in enumerate(keys.choices):
                text = PLAN_TEXT.get(key, "")
                v = rng.choice((1, 1, 1, 2, 3)) if text else 0
                versions[(plan_id, key)] = v
                yield {
                    "plan_id": plan_id,
                    "key": key,
                    "position": position,
                    "heading": heading,
                    "text": text,
                    "version": v,
                    "updated_at": now - datetime.timedelta(days=rng.randint(1, 60)) if v else None,
                    "updated_by_id": ctx.worker_of[pid] if v else None,
                }

    bulk_insert(PlanSection, sections(), "plan sections", n * len(keys.choices), ctx.report)
    RecoveryPlan.objects.filter(person__organisation=ctx.organisation).update(version=3)
    section_rows = list(
        PlanSection.objects.filter(plan__person__organisation=ctx.organisation, version__gt=0)
        .values_list("id", "plan__person_id", "heading", "text", "version", "updated_at")
        .order_by()
    )
    revisions = (
        {
            "section_id": sid,
            "version": v,
            "heading": heading,
            "text": text if v == version else text.split(".")[0] + ".",
            "author_id": ctx.worker_of[pid],
            "author_voice": "person" if v % 2 else "worker",
            "recorded_by_id": ctx.worker_of[pid],
            "created_at": at - datetime.timedelta(days=7 * (version - v)),
        }
        for sid, pid, heading, text, version, at in section_rows
        for v in range(1, version + 1)
    )
    total = sum(r[4] for r in section_rows)
    bulk_insert(PlanSectionRevision, revisions, "plan revisions", total, ctx.report)


# --- alerts ---------------------------------------------------------------------


def _alerts(ctx: BulkContext) -> None:
    rng, now, today = ctx.rng, timezone.now(), timezone.localdate()
    chosen = ctx.person_ids[::20]  # one person in twenty has an alert
    alerts = (
        Alert(
            person_id=pid,
            wording="Please call before a home visit.",
            reason="A neighbour's dog is kept in the front room; calling ahead lets them settle it.",
            added_by_id=ctx.worker_of[pid],
            added_at=now - datetime.timedelta(days=rng.randint(1, 150)),
            review_by=today + datetime.timedelta(days=rng.randint(-20, 150)),
            person_told=told,
            told_on=today - datetime.timedelta(days=1) if told else None,
            told_by_id=ctx.worker_of[pid] if told else None,
            told_how="in_person" if told else "",
            not_told_reason="" if told else "not_yet",
            not_told_explanation="" if told else "Next visit is on Monday.",
        )
        for pid in chosen
        for told in [rng.random() < 0.8]
    )
    bulk_insert(Alert, alerts, "alerts", len(chosen), ctx.report)


def _showcase_access(ctx: BulkContext) -> None:
    """The showcase person has a long access log (their 'who has looked' and download)."""
    now, rng = timezone.now(), ctx.rng
    total = 2000
    events = (
        {
            "person_id": ctx.showcase_person_id,
            "actor_id": ctx.worker_of[ctx.showcase_person_id],
            "action": rng.choice(AccessEvent.Action.values),
            "what": rng.choice(("their overview", "their notes", "their plan", "a session note")),
            "acting_role": "Lead worker",
            "at": now - datetime.timedelta(minutes=rng.randint(1, 2_000_000)),
        }
        for _ in range(total)
    )
    bulk_insert(AccessEvent, events, "showcase access", total, ctx.report)


# Features append their generators here (notes, goals, plans ...), in order.
GENERATORS: list[Callable[[BulkContext], None]] = [
    _staff,
    _people,
    _access_events,
    _notes,
    _story,
    _plans,
    _alerts,
    _showcase_access,
]


def seed_bulk(ctx: BulkContext) -> None:
    started = time.monotonic()
    for generator in GENERATORS:
        generator(ctx)
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner guesses from an empty database.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    ctx.report(f"Bulk seed finished in {time.monotonic() - started:,.1f} s.")


def bench_seed_present(min_people: int) -> bool:
    return Person.objects.filter(organisation__name=BENCH_ORGANISATION).count() >= min_people
