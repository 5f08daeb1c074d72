"""What is due now: the person's appointment reminders and the workers' notices.

Each function yields ``Draft`` messages; ``casework.reminders.tasks`` queues them.
A draft's key names the appointment *time*, so a moved appointment is reminded
again at its new time, while a second scan at the same time finds the key taken.
Bodies carry the time and nothing else about the person: no names, no place, no
service name unless the person allowed it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from casework.appointments.models import Appointment, RearrangeRequest
from casework.people.models import CaseAssignment, Person, User
from casework.reminders.models import SLOT_OFFSETS, Channel, ReminderPreference, SentMessage, Slot
from casework.reminders.sending import Draft, render_body
from strengths.plan.models import RecoveryPlan

# Plan reviews: workers hear once, within this many days of the review date (either side).
PLAN_REVIEW_NOTICE_DAYS = 7
APPOINTMENT_SUBJECT = gettext_noop("Appointment reminder")


def person_language(person: Person) -> str:
    """The language the person chose for the website, for their reminders too."""
    chosen = person.user.interface_language if person.user_id else ""
    return chosen or settings.LANGUAGE_CODE


def _slot_due(appointment: Appointment, preference: ReminderPreference, now) -> Slot | None:
    """The latest of the person's chosen slots that has begun (one message, not two at once)."""
    started = [s for s in preference.slots if appointment.starts_at - SLOT_OFFSETS[s] <= now]
    return min(started, key=lambda s: SLOT_OFFSETS[s]) if started else None


def appointment_reminders(now) -> Iterator[Draft]:
    """Reminders for people who chose them, for booked appointments that start soon."""
    horizon = now + max(SLOT_OFFSETS.values())
    appointments = (
        Appointment.objects.booked()
        .filter(
            starts_at__gt=now,
            starts_at__lte=horizon,
            person__status=Person.Status.ACTIVE,
            person__reminder_preference__isnull=False,
        )
        .exclude(person__reminder_preference__channel=Channel.NONE)
        .select_related("person__reminder_preference", "person__organisation", "person__user")
    )
    for appointment in appointments:
        preference = appointment.person.reminder_preference
        slot = _slot_due(appointment, preference, now)
        if slot is None or not preference.address:
            continue
        service = appointment.person.organisation.name if preference.name_the_service else ""
        template = (
            "appointment_reminder_sms.txt"
            if preference.channel == Channel.SMS
            else "appointment_reminder.txt"
        )
        context = {"starts_at": appointment.starts_at, "service_name": service}
        with translation.override(person_language(appointment.person)):
            subject, body = gettext(APPOINTMENT_SUBJECT), render_body(template, context)
        yield Draft(
            key=(
                f"appointment:{appointment.pk}:{appointment.starts_at.isoformat()}:{slot}"
                f":person:{appointment.person_id}:{preference.channel}"
            ),
            person_id=appointment.person_id,
            about=SentMessage.About.APPOINTMENT,
            slot=slot,
            channel=preference.channel,
            address=preference.address,
            subject=subject,
            body=body,
            appointment_id=appointment.pk,
        )


def _lead_workers() -> Prefetch:
    return Prefetch(
        "person__assignments",
        queryset=CaseAssignment.objects.active()
        .filter(role=CaseAssignment.Role.LEAD, worker__is_active=True)
        .exclude(worker__email="")
        .select_related("worker"),
        to_attr="lead_assignments",
    )


def plan_review_notices(now) -> Iterator[Draft]:
    """One email to each lead worker when a current plan's review date comes near."""
    today = timezone.localdate(now)
    window = datetime.timedelta(days=PLAN_REVIEW_NOTICE_DAYS)
    plans = RecoveryPlan.objects.filter(
        is_current=True,
        review_due__gte=today - window,
        review_due__lte=today + window,
        person__status=Person.Status.ACTIVE,
    ).prefetch_related(_lead_workers())
    for plan in plans:
        body = render_body("plan_review_due.txt", {"review_due": plan.review_due})
        for assignment in plan.person.lead_assignments:
            worker = assignment.worker
            yield Draft(
                key=f"plan_review:{plan.pk}:{plan.review_due.isoformat()}:worker:{worker.pk}:email",
                person_id=plan.person_id,
                to_worker_id=worker.pk,
                about=SentMessage.About.PLAN_REVIEW,
                slot=Slot.PLAN_REVIEW,
                channel=Channel.EMAIL,
                address=worker.email,
                subject="A plan review is due",
                body=body,
            )


def rearrange_notices(now) -> Iterator[Draft]:
    """One email to each worker of the appointment when the person asks to rearrange it."""
    requests = (
        RearrangeRequest.objects.filter(
            answered_at__isnull=True,
            appointment__status=Appointment.Status.BOOKED,
            appointment__person__status=Person.Status.ACTIVE,
        )
        .select_related("appointment")
        .prefetch_related(
            Prefetch(
                "appointment__workers",
                queryset=User.objects.filter(is_active=True).exclude(email=""),
                to_attr="reachable_workers",
            )
        )
    )
    for request in requests:
        appointment = request.appointment
        body = render_body("rearrange_asked.txt", {"starts_at": appointment.starts_at})
        for worker in appointment.reachable_workers:
            yield Draft(
                key=f"rearrange:{request.pk}:worker:{worker.pk}:email",
                person_id=appointment.person_id,
                to_worker_id=worker.pk,
                about=SentMessage.About.REARRANGE,
                slot=Slot.REARRANGE,
                channel=Channel.EMAIL,
                address=worker.email,
                subject="Someone asked to rearrange an appointment",
                body=body,
                appointment_id=appointment.pk,
                rearrange_request_id=request.pk,
            )


def everything_due(now) -> Iterator[Draft]:
    yield from appointment_reminders(now)
    yield from plan_review_notices(now)
    yield from rearrange_notices(now)
