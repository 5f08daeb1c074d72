"""The journey timeline: small event records merged from several sources.

Each kind of event is one ``Source``: a function giving a newest-first queryset
for a person, and a function turning one row into an ``Event``. The timeline
asks every source for at most the rows the current page could need, merges and
slices them, so a page costs two queries per source whatever the person's
history. Session notes are a source too; which notes a viewer sees is decided by
``casework.access.notes_visible_to`` (a peer supporter may see fewer).
"""

from __future__ import annotations

import datetime
import functools
import heapq
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from casework.access import notes_visible_to
from casework.common.counting import row_counts
from casework.models import CaseAssignment, Person
from strengths.models import Goal, GoalStep, Setback, SignificantOther, Strength


@dataclass(frozen=True)
class Event:
    kind: str  # the template shows each kind in its own words
    when: datetime.date
    at: datetime.datetime  # orders events within a day
    item: object  # the goal, step, strength or setback itself

    @property
    def month(self) -> datetime.date:
        return self.when.replace(day=1)

    @property
    def sort_key(self):
        return (self.when, self.at, self.kind, self.item.pk)


@dataclass(frozen=True)
class Source:
    filter: str  # the ?kind= value that shows this source
    queryset: Callable[[Person, object], QuerySet]  # (person, viewer), newest first
    to_event: Callable[[object], Event]


def _local(dt: datetime.datetime) -> datetime.date:
    return timezone.localdate(dt)


def goals_set(person: Person, viewer=None) -> QuerySet:
    return person.goals.active().select_related("created_by").order_by("-created_at", "-id")


def goal_set_event(goal: Goal) -> Event:
    return Event("goal_set", _local(goal.created_at), goal.created_at, goal)


def goals_achieved(person: Person, viewer=None) -> QuerySet:
    return (
        person.goals.active()
        .filter(status=Goal.Status.ACHIEVED, achieved_at__isnull=False)
        .order_by("-achieved_at", "-id")
    )


def goal_achieved_event(goal: Goal) -> Event:
    return Event("goal_achieved", _local(goal.achieved_at), goal.achieved_at, goal)


def steps_done(person: Person, viewer=None) -> QuerySet:
    return (
        GoalStep.objects.active()
        .filter(goal__person=person, goal__archived_at__isnull=True, done_at__isnull=False)
        .select_related("goal")
        .order_by("-done_at", "-id")
    )


def step_done_event(step: GoalStep) -> Event:
    return Event("step_done", _local(step.done_at), step.done_at, step)


def strengths_noticed(person: Person, viewer=None) -> QuerySet:
    return person.strengths.active().order_by("-created_at", "-id")


def strength_event(strength: Strength) -> Event:
    return Event("strength", _local(strength.created_at), strength.created_at, strength)


def setbacks(person: Person, viewer=None) -> QuerySet:
    return (
        person.setbacks.active()
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.active()))
        .order_by("-happened_on", "-created_at", "-id")
    )


def setback_event(setback: Setback) -> Event:
    return Event("setback", setback.happened_on, setback.created_at, setback)


def sessions(person: Person, viewer=None) -> QuerySet:

    notes = notes_visible_to(viewer, person) if viewer is not None else person.notes.none()
    return notes.select_related("author").order_by("-happened_at", "-id")


def session_event(note) -> Event:
    return Event("session", _local(note.happened_at), note.happened_at, note)


def appointments_past(person: Person, viewer=None) -> QuerySet:
    """Appointments that have started (not cancelled ones), with what happened if recorded."""
    return (
        person.appointments.booked()
        .filter(starts_at__lt=timezone.now())
        .prefetch_related("workers")
        .order_by("-starts_at", "-id")
    )


def appointment_event(appointment) -> Event:
    return Event("appointment", _local(appointment.starts_at), appointment.starts_at, appointment)


SOURCES: list[Source] = [
    Source("sessions", sessions, session_event),
    Source("appointments", appointments_past, appointment_event),
    Source("goals", goals_set, goal_set_event),
    Source("goals", goals_achieved, goal_achieved_event),
    Source("steps", steps_done, step_done_event),
    Source("strengths", strengths_noticed, strength_event),
    Source("setbacks", setbacks, setback_event),
]

FILTERS = [
    ("", "Everything"),
    ("sessions", "Sessions"),
    ("appointments", "Appointments"),
    ("goals", "Goals set and achieved"),
    ("steps", "Steps done"),
    ("strengths", "Strengths noticed"),
    ("setbacks", "Setbacks and what helped"),
]


class Timeline:
    """A lazy, newest-first sequence of events that ``Paginator`` can page through."""

    def __init__(self, person: Person, kind: str = "", viewer=None):
        self.person = person
        self.viewer = viewer
        self.sources = [s for s in SOURCES if not kind or s.filter == kind]
        # Build each source's queryset once; counting and slicing both clone it.
        self.querysets = [source.queryset(person, viewer) for source in self.sources]

    def count(self) -> int:
        """Every source's count in one query (a scalar subquery each)."""
        return sum(row_counts(**{f"s{i}": qs for i, qs in enumerate(self.querysets)}).values())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Timeline supports slices only.")
        start, stop = index.start or 0, index.stop
        # The newest `stop` events overall are among the newest `stop` of each source.
        streams = [
            [source.to_event(row) for row in queryset[:stop]]
            for source, queryset in zip(self.sources, self.querysets, strict=True)
        ]
        merged = heapq.merge(*streams, key=lambda e: e.sort_key, reverse=True)
        return list(merged)[start:stop]


def started_on(person: Person) -> datetime.date:
    """When the journey with the service began: the earlier of the record and the first work."""
    first = person.assignments.aggregate(first=Min("started_on"))["first"]
    created = _local(person.created_at)
    return min(first, created) if first else created


def months_between(start: datetime.date, end: datetime.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def _count(queryset) -> Subquery:
    return Subquery(
        queryset.filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )


@functools.cache
def _summary_parts() -> dict[str, Subquery]:
    """The summary's subqueries, built once: they hold no values, and annotate() copies them."""
    return {
        "goals_achieved": _count(Goal.objects.active().filter(status=Goal.Status.ACHIEVED)),
        "strengths_noted": _count(Strength.objects.active()),
        "circle_size": _count(SignificantOther.objects.active()),
        "first_assignment": Subquery(
            CaseAssignment.objects.filter(person=OuterRef("pk"))
            .order_by("started_on")
            .values("started_on")[:1]
        ),
    }


def journey_so_far(person: Person) -> dict:
    """The summary line, in one query."""
    row = (
        Person.objects.filter(pk=person.pk)
        .annotate(**_summary_parts())
        .values("goals_achieved", "strengths_noted", "circle_size", "first_assignment")
        .get()
    )
    created = _local(person.created_at)
    first = row["first_assignment"]
    start = min(first, created) if first else created
    return {
        "goals_achieved": row["goals_achieved"] or 0,
        "strengths_noted": row["strengths_noted"] or 0,
        "circle_size": row["circle_size"] or 0,
        "started_on": start,
        "months": months_between(start, timezone.localdate()),
    }
