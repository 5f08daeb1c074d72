"""Reads for the appointment pages, each a fixed number of queries whatever the size."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.access import Can, people_where_user_may
from casework.appointments.models import Appointment, AppointmentChange, RearrangeRequest
from casework.people.models import Person, User

OPEN_REQUESTS = RearrangeRequest.objects.filter(answered_at__isnull=True)


def _with_people(appointments: QuerySet[Appointment]) -> QuerySet[Appointment]:
    """Each appointment with its person and its workers (two queries), and its open request
    to rearrange, if any (at most one is open), as ``open_request_pk`` / ``open_request_asked_at``.
    """
    open_request = OPEN_REQUESTS.filter(appointment=OuterRef("pk")).order_by("asked_at")
    return (
        appointments.select_related("person")
        .annotate(
            open_request_pk=Subquery(open_request.values("pk")[:1]),
            open_request_asked_at=Subquery(open_request.values("asked_at")[:1]),
        )
        .prefetch_related(
            Prefetch("workers", queryset=User.objects.order_by("first_name", "username"))
        )
    )


def for_person(person: Person) -> QuerySet[Appointment]:
    return _with_people(person.appointments.all())


def upcoming_for_person(person: Person, now=None, *, limit: int | None = None) -> list[Appointment]:
    """The person's booked appointments not yet over, soonest first (the first ``limit``)."""
    upcoming = for_person(person).upcoming(now)
    return list(upcoming[:limit] if limit else upcoming)


def past_for_person(person: Person, now=None) -> QuerySet[Appointment]:
    """Appointments that have started, and cancelled ones, most recent first (paginate it)."""
    now = now or timezone.now()
    return (
        for_person(person)
        .filter(Q(starts_at__lt=now) | Q(status=Appointment.Status.CANCELLED))
        .order_by("-starts_at", "-id")
    )


def history(appointment: Appointment) -> list[AppointmentChange]:
    return list(appointment.changes.select_related("by"))


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return start, timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def week_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """Monday 00:00 to the next Monday 00:00 of ``day``'s week, local time."""
    monday = day - datetime.timedelta(days=day.weekday())
    start, _ = day_bounds(monday)
    end, _ = day_bounds(monday + datetime.timedelta(days=7))
    return start, end


def diary_for(user: User) -> QuerySet[Appointment]:
    """The booked appointments ``user`` is on, soonest first (person, workers loaded)."""
    return _with_people(Appointment.objects.booked().filter(workers=user)).order_by(
        "starts_at", "id"
    )


@dataclass
class Diary:
    today: list[Appointment]
    rest_of_week: list[Appointment]
    open_requests: list[RearrangeRequest]


def rearrange_requests_to_answer(user: User) -> QuerySet[RearrangeRequest]:
    """Open requests to rearrange on people whose appointments ``user`` may change, oldest
    first, with the columns the caseload's glance shows."""
    return (
        OPEN_REQUESTS.filter(
            appointment__person__in=people_where_user_may(user, Can.MANAGE_APPOINTMENTS),
            appointment__status=Appointment.Status.BOOKED,
        )
        .select_related("appointment__person")
        .only(
            "appointment",
            "appointment__starts_at",
            "appointment__person",
            "appointment__person__preferred_name",
        )
        .order_by("asked_at", "id")
    )


def diary_at_a_glance(user: User, requests, now=None) -> Diary:
    """Today and the rest of this week for the caseload page, and open requests to answer.

    One query, of the columns the glance shows (``_diary_glance.html``): the
    appointments ``user`` is on (time, kind, place, the person's name). ``requests``
    are the open requests on people whose appointments ``user`` may change
    (``rearrange_requests_to_answer``, or ``[]`` when the page has asked and there
    are none).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    day_start, day_end = day_bounds(today)
    _, week_end = week_bounds(today)
    shown = list(
        Appointment.objects.booked()
        .filter(workers=user, ends_at__gte=day_start, starts_at__lt=week_end)
        .select_related("person")
        .only("starts_at", "kind", "place", "person", "person__preferred_name")
        .order_by("starts_at", "id")
    )
    return Diary(
        today=[a for a in shown if a.starts_at < day_end],
        rest_of_week=[a for a in shown if a.starts_at >= day_end],
        open_requests=list(requests),
    )


def with_open_rearrange_requests(people: QuerySet[Person]) -> QuerySet[Person]:
    """Annotate ``open_rearrange_requests`` (the caseload column), one subquery."""
    waiting = (
        OPEN_REQUESTS.filter(
            appointment__person=OuterRef("pk"), appointment__status=Appointment.Status.BOOKED
        )
        .order_by()
        .values("appointment__person")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    return people.annotate(
        open_rearrange_requests=Coalesce(Subquery(waiting, output_field=IntegerField()), 0)
    )


def with_next_appointment(people: QuerySet[Person], now=None) -> QuerySet[Person]:
    """Annotate ``next_appointment_at``: the start of the person's next booked appointment."""
    soonest = (
        Appointment.objects.upcoming(now)
        .filter(person=OuterRef("pk"))
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return people.annotate(next_appointment_at=Subquery(soonest))


def with_diary_counts(workers: QuerySet[User], now=None) -> QuerySet[User]:
    """Annotate each worker with ``appointments_today`` and ``appointments_this_week``.

    Counts only, for supervisors: they see how full a diary is, not whom it is with.
    """
    today = timezone.localdate(now or timezone.now())

    def count_between(start, end):
        rows = (
            Appointment.objects.booked()
            .filter(workers=OuterRef("pk"), starts_at__gte=start, starts_at__lt=end)
            .order_by()
            .values("workers")
            .annotate(n=Count("id"))
            .values("n")[:1]
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    return workers.annotate(
        appointments_today=count_between(*day_bounds(today)),
        appointments_this_week=count_between(*week_bounds(today)),
    )
