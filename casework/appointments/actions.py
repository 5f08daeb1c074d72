"""Every change to an appointment: booked, moved, cancelled, what happened, asked, answered.

Each function checks its rules, writes an ``AppointmentChange`` row (the history
both the worker and the person read), and logs the change with
``access.record_change``. A change made from an out-of-date page (someone else
moved it meanwhile) is refused with ``ActionRefused`` rather than lost: the
appointment's ``version`` is compared and bumped in one UPDATE.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from casework.access import Can, may, record_change
from casework.appointments.models import (
    Appointment,
    AppointmentChange,
    CalendarSubscription,
    RearrangeRequest,
    hash_token,
)
from casework.common.errors import ActionRefused
from casework.common.models import Voice
from casework.people.models import CaseAssignment, Person, User

WHAT = "their appointments"
CHANGED_MEANWHILE = (
    "Someone changed this appointment while you had it open. Nothing was saved: "
    "here it is as it is now. Please check it and try again."
)
LONGEST = datetime.timedelta(hours=12)


def _refuse_unless_may(user: User, person: Person) -> None:
    if not may(user, person, Can.MANAGE_APPOINTMENTS):
        raise ActionRefused("Only the person's lead worker or co-worker can change appointments.")


def workers_who_may_attend(person: Person):
    """Staff actively assigned to ``person``: who an appointment may be with."""
    return User.objects.filter(
        pk__in=CaseAssignment.objects.active().filter(person=person).values("worker_id"),
        is_active=True,
    ).order_by("first_name", "last_name", "username")


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if ends_at <= starts_at:
        raise ActionRefused("The end time must be after the start time.")
    if ends_at - starts_at > LONGEST:
        raise ActionRefused("An appointment can be up to 12 hours long. Please check the times.")


def book_appointment(
    user: User,
    person: Person,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    kind: str,
    place: str = "",
    purpose: str = "",
    workers: Iterable[User] = (),
    goals: Iterable = (),
    from_note=None,
) -> Appointment:
    """Book an appointment with ``person``; ``workers`` default to ``user``.

    Only staff assigned to the person can be on it, and only the person's own goals.
    """
    _refuse_unless_may(user, person)
    _check_times(starts_at, ends_at)
    allowed = workers_who_may_attend(person)
    chosen = list(allowed.filter(pk__in=[w.pk for w in workers])) or [user]
    with transaction.atomic():
        appointment = Appointment.objects.create(
            person=person,
            starts_at=starts_at,
            ends_at=ends_at,
            kind=kind,
            place=place,
            purpose=purpose,
            created_by=user,
            from_note=from_note,
        )
        appointment.workers.set(chosen)
        appointment.goals.set(person.goals.filter(pk__in=[g.pk for g in goals]))
        AppointmentChange.objects.create(
            appointment=appointment,
            what=AppointmentChange.What.BOOKED,
            to_starts_at=starts_at,
            to_ends_at=ends_at,
            by=user,
            at=appointment.created_at,
        )
        record_change(user, person, "an appointment (booked)")
    return appointment


def _swap(appointment: Appointment, version: int, **changes) -> None:
    """Apply ``changes`` only if nobody changed the appointment since ``version``."""
    updated = Appointment.objects.filter(pk=appointment.pk, version=version).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        raise ActionRefused(CHANGED_MEANWHILE)
    for field, value in changes.items():
        setattr(appointment, field, value)
    appointment.version = version + 1


def _refuse_if_cancelled(appointment: Appointment) -> None:
    if appointment.is_cancelled:
        raise ActionRefused("This appointment was cancelled. Book a new one instead.")


def _need_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused("Say why, in a few words. The person sees it.")
    return reason


def move_appointment(
    user: User,
    appointment: Appointment,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    reason: str,
    version: int,
    place: str | None = None,
) -> AppointmentChange:
    """Move ``appointment`` to a new time (and place), with a reason the person sees."""
    person = appointment.person
    _refuse_unless_may(user, person)
    _refuse_if_cancelled(appointment)
    _check_times(starts_at, ends_at)
    reason = _need_reason(reason)
    before = (appointment.starts_at, appointment.ends_at, appointment.place)
    changes = {"starts_at": starts_at, "ends_at": ends_at}
    detail = ""
    if place is not None and place != appointment.place:
        changes["place"] = place
        detail = f"Place: {appointment.place or 'not given'} → {place or 'not given'}"
    with transaction.atomic():
        _swap(appointment, version, **changes)
        change = AppointmentChange.objects.create(
            appointment=appointment,
            what=AppointmentChange.What.MOVED,
            from_starts_at=before[0],
            from_ends_at=before[1],
            to_starts_at=starts_at,
            to_ends_at=ends_at,
            detail=detail,
            reason=reason,
            by=user,
        )
        record_change(user, person, "an appointment (moved)")
    return change


def cancel_appointment(
    user: User, appointment: Appointment, *, reason: str, version: int
) -> AppointmentChange:
    """Cancel ``appointment`` with a reason the person sees. It stays in the history."""
    person = appointment.person
    _refuse_unless_may(user, person)
    _refuse_if_cancelled(appointment)
    reason = _need_reason(reason)
    with transaction.atomic():
        _swap(appointment, version, status=Appointment.Status.CANCELLED)
        change = AppointmentChange.objects.create(
            appointment=appointment,
            what=AppointmentChange.What.CANCELLED,
            from_starts_at=appointment.starts_at,
            from_ends_at=appointment.ends_at,
            reason=reason,
            by=user,
        )
        record_change(user, person, "an appointment (cancelled)")
    return change


def record_outcome(
    user: User,
    appointment: Appointment,
    *,
    outcome: str,
    person_words: str = "",
    worker_words: str = "",
    version: int,
    now: datetime.datetime | None = None,
) -> AppointmentChange:
    """Record what happened, neutrally: it happened, it was rearranged, or it did not happen.

    Only once the appointment has started. Recording it again is a new history row;
    the earlier words stay there.
    """
    person = appointment.person
    now = now or timezone.now()
    _refuse_unless_may(user, person)
    _refuse_if_cancelled(appointment)
    if appointment.starts_at > now:
        raise ActionRefused("You can record what happened once the appointment has started.")
    if outcome not in {c for c in Appointment.Outcome.values if c}:
        raise ActionRefused("Choose what happened.")
    # An empty box keeps the words already recorded (nothing is cleared by leaving it empty).
    person_words = person_words.strip() or appointment.outcome_person_words
    worker_words = worker_words.strip() or appointment.outcome_worker_words
    label = Appointment.Outcome(outcome).label
    with transaction.atomic():
        _swap(
            appointment,
            version,
            outcome=outcome,
            outcome_person_words=person_words,
            outcome_worker_words=worker_words,
            outcome_recorded_by=user,
            outcome_recorded_at=now,
        )
        change = AppointmentChange.objects.create(
            appointment=appointment,
            what=AppointmentChange.What.OUTCOME,
            detail=label,
            reason="\n\n".join(
                w
                for w in (
                    f"In their words: {person_words}" if person_words else "",
                    f"In the worker's words: {worker_words}" if worker_words else "",
                )
                if w
            ),
            by=user,
            at=now,
        )
        record_change(user, person, "an appointment (what happened)")
    return change


def ask_to_rearrange(user: User, appointment: Appointment, *, reason: str) -> RearrangeRequest:
    """The person's "I can't make this": one open request per appointment, before it starts."""
    person = appointment.person
    if not may(user, person, Can.ASK_TO_REARRANGE):
        raise ActionRefused("Only the person can ask to rearrange their appointment.")
    _refuse_if_cancelled(appointment)
    if appointment.starts_at <= timezone.now():
        raise ActionRefused(
            "This appointment has already started. Please contact your worker directly."
        )
    if appointment.rearrange_requests.filter(answered_at__isnull=True).exists():
        raise ActionRefused("You have already asked to rearrange this. Your worker will answer.")
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused("Please say a few words about why, or which times suit you better.")
    with transaction.atomic():
        request = RearrangeRequest.objects.create(
            appointment=appointment, reason=reason, asked_by=user
        )
        AppointmentChange.objects.create(
            appointment=appointment,
            what=AppointmentChange.What.ASKED,
            reason=reason,
            by=user,
            voice=Voice.PERSON,
            at=request.asked_at,
        )
        record_change(user, person, "an appointment (asked to rearrange)")
    return request


def answer_rearrange_request(
    user: User,
    request: RearrangeRequest,
    *,
    answer: str,
    answer_text: str,
    version: int,
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
) -> RearrangeRequest:
    """Answer the person's request: move the appointment, keep it, or cancel it.

    Moving or cancelling goes through ``move_appointment``/``cancel_appointment``,
    so the history shows the change with the answer as its reason.
    """
    appointment = request.appointment
    _refuse_unless_may(user, appointment.person)
    if not request.is_open:
        raise ActionRefused("This request has already been answered.")
    answer_text = (answer_text or "").strip()
    if not answer_text:
        raise ActionRefused("Write a short answer. The person sees it.")
    with transaction.atomic():
        if answer == RearrangeRequest.Answer.MOVED:
            if starts_at is None or ends_at is None:
                raise ActionRefused("Give the new day and times.")
            move_appointment(
                user,
                appointment,
                starts_at=starts_at,
                ends_at=ends_at,
                reason=answer_text,
                version=version,
            )
        elif answer == RearrangeRequest.Answer.CANCELLED:
            cancel_appointment(user, appointment, reason=answer_text, version=version)
        elif answer == RearrangeRequest.Answer.KEPT:
            AppointmentChange.objects.create(
                appointment=appointment,
                what=AppointmentChange.What.ANSWERED,
                detail=RearrangeRequest.Answer.KEPT.label,
                reason=answer_text,
                by=user,
            )
            record_change(user, appointment.person, "an appointment (request answered)")
        else:
            raise ActionRefused("Choose an answer.")
        answered = RearrangeRequest.objects.filter(pk=request.pk, answered_at__isnull=True).update(
            answer=answer, answer_text=answer_text, answered_by=user, answered_at=timezone.now()
        )
        if not answered:
            raise ActionRefused("This request has already been answered.")
    request.refresh_from_db()
    return request


# --- Private calendar links ----------------------------------------------------------------


def make_calendar_link(
    user: User, *, person: Person | None = None, include_names: bool = False
) -> tuple[CalendarSubscription, str]:
    """A new private calendar link for ``user`` (their diary, or ``person``'s own appointments).

    Switches off any earlier link of the same kind: one live link each. Returns the
    subscription and the token, which is shown once and never stored.
    """
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        revoke_calendar_links(user, person=person)
        subscription = CalendarSubscription.objects.create(
            owner=user, person=person, token_hash=hash_token(token), include_names=include_names
        )
    return subscription, token


def revoke_calendar_links(user: User, *, person: Person | None = None) -> int:
    """Switch off ``user``'s live links of this kind: their URLs answer 404 from now on."""
    return CalendarSubscription.objects.filter(
        owner=user, person=person, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


def subscription_for_token(token: str) -> CalendarSubscription | None:
    """The live subscription a token opens, or ``None`` (unknown and switched off alike)."""
    if not token or len(token) > 100:
        return None
    return (
        CalendarSubscription.objects.filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .select_related("owner", "person")
        .first()
    )
