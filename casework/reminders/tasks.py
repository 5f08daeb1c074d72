"""The scheduled work, as django-q2 tasks (decision 0016, docs/operations.md).

``send_due_reminders`` runs every few minutes (the "Send due reminders"
schedule): it writes each due message to the log and queues one
``deliver_message`` task per new message, so a failed send is retried on its
own by the queue without holding up the others. ``ensure_schedules`` writes the
schedules; it runs after every ``migrate``.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.models import Schedule
from django_q.tasks import async_task

from casework.reminders.due import everything_due
from casework.reminders.models import SentMessage
from casework.reminders.sending import deliver, queue_message

logger = logging.getLogger(__name__)

DELIVER_TASK = "casework.reminders.tasks.deliver_message"
SCAN_TASK = "casework.reminders.tasks.send_due_reminders"
RETENTION_TASK = "casework.reminders.tasks.apply_retention_on_schedule"
# The retention rules (docs/operations.md "Retention"; merged from the "faults" branch).
RETENTION_FUNCTION = "casework.people.retention.apply_retention"


def send_due_reminders(now=None, *, inline: bool = False) -> int:
    """Queue every message that is due and not yet in the log; returns how many were new.

    ``inline`` sends in this process instead of queueing (``manage.py send_reminders``).
    """
    now = now or timezone.now()
    drafts = list(everything_due(now))
    taken = set(
        SentMessage.objects.filter(key__in=[d.key for d in drafts]).values_list("key", flat=True)
    )
    queued = 0
    for draft in drafts:
        if draft.key in taken:
            continue
        message = queue_message(draft, now=now)
        if message is None:  # another scan wrote it in the meantime
            continue
        queued += 1
        if inline and _delivered_here(message.pk):
            continue
        async_task(DELIVER_TASK, message.pk, task_name=f"deliver message {message.pk}")
    return queued


def _delivered_here(message_id: int) -> bool:
    """Send now; on failure leave it to the queue's retries (``False``)."""
    try:
        deliver(message_id)
    except Exception:
        logger.exception("message %s could not be sent now; queued for a retry", message_id)
        return False
    return True


def deliver_message(message_id: int) -> bool:
    """One message; raises (and so is retried by the queue) when the channel fails."""
    return deliver(message_id)


def apply_retention_on_schedule() -> object:
    """The nightly retention run: a report only, unless RETENTION_APPLY_ON_SCHEDULE is on."""
    apply_retention = import_string(RETENTION_FUNCTION)
    return apply_retention(apply=settings.RETENTION_APPLY_ON_SCHEDULE)


def _next_local(hour: int, minute: int, now=None) -> datetime.datetime:
    now = timezone.localtime(now)
    at = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return at if at > now else at + datetime.timedelta(days=1)


def ensure_schedules() -> None:
    """Create or update the schedules (by name), so every deployment has the same ones."""
    Schedule.objects.update_or_create(
        name="Send due reminders",
        defaults={
            "func": SCAN_TASK,
            "schedule_type": Schedule.MINUTES,
            "minutes": settings.REMINDER_SCAN_MINUTES,
            "repeats": -1,
        },
    )
    Schedule.objects.update_or_create(
        name="Apply retention",
        defaults={
            "func": RETENTION_TASK,
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
        },
        create_defaults={
            "func": RETENTION_TASK,
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
            "next_run": _next_local(2, 30),
        },
    )
