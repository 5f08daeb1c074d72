"""Demo reminders (issue 20): alex chose email reminders the day before, and got one.

The message is written as the reminder scan writes it (same template), already
sent, for the appointment alex had last week. Idempotent, like the rest of the seed.
"""

from __future__ import annotations

import datetime

from casework.models import Person, ReminderPreference, SentMessage
from casework.reminders.due import APPOINTMENT_SUBJECT
from casework.reminders.models import Channel, Slot
from casework.reminders.sending import render_body


def seed_reminders(*, alex: Person) -> None:
    if ReminderPreference.objects.filter(person=alex).exists():
        return
    address = alex.email or "alex@example.org"
    ReminderPreference.objects.create(
        person=alex, channel=Channel.EMAIL, email=address, day_before=True
    )
    earliest = alex.appointments.order_by("starts_at").first()
    if earliest is None:
        return
    sent_at = earliest.starts_at - datetime.timedelta(hours=24)
    SentMessage.objects.create(
        key=f"appointment:{earliest.pk}:{earliest.starts_at.isoformat()}:{Slot.DAY_BEFORE}"
        f":person:{alex.pk}:{Channel.EMAIL}",
        person=alex,
        about=SentMessage.About.APPOINTMENT,
        appointment=earliest,
        slot=Slot.DAY_BEFORE,
        channel=Channel.EMAIL,
        address=address,
        subject=APPOINTMENT_SUBJECT,
        body=render_body(
            "appointment_reminder.txt", {"starts_at": earliest.starts_at, "service_name": ""}
        ),
        outcome=SentMessage.Outcome.SENT,
        attempts=1,
        queued_at=sent_at,
        sent_at=sent_at,
    )
