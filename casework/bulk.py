"""Fast creation of a large, realistic organisation for benchmarks (``seed_bulk``).

Rows are built in memory and written with ``bulk_create`` in batches; nothing
here calls ``save()`` per row. Each kind of record has a generator function;
features add theirs to ``GENERATORS`` so the bulk seed grows with the product.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from casework.models import (
    AccessEvent,
    CaseAssignment,
    Organisation,
    Person,
    StaffMembership,
    SupportContext,
    Team,
    User,
)

BENCH_ORGANISATION = "Bench region"
BATCH = 5000

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


def bulk_insert(model, rows, label: str, total: int, report) -> None:
    progress = Progress(label, total, report)
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch, batch_size=BATCH)
            progress.add(len(batch))
            batch = []
    if batch:
        model.objects.bulk_create(batch, batch_size=BATCH)
        progress.add(len(batch))


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
        AccessEvent(
            person_id=pid,
            actor_id=ctx.worker_ids[i % len(ctx.worker_ids)],
            action=AccessEvent.Action.VIEWED,
            what="their overview",
            acting_role="Lead worker",
            at=now - datetime.timedelta(minutes=rng.randint(1, 500_000)),
        )
        for i, pid in enumerate(ctx.person_ids)
        for _ in range(per_person)
    )
    bulk_insert(AccessEvent, events, "access events", total, ctx.report)


# Features append their generators here (notes, goals, plans ...), in order.
GENERATORS: list[Callable[[BulkContext], None]] = [_staff, _people, _access_events]


def seed_bulk(ctx: BulkContext) -> None:
    started = time.monotonic()
    for generator in GENERATORS:
        generator(ctx)
    ctx.report(f"Bulk seed finished in {time.monotonic() - started:,.1f} s.")


def bench_seed_present(min_people: int) -> bool:
    return Person.objects.filter(organisation__name=BENCH_ORGANISATION).count() >= min_people
