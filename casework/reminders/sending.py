"""Writing a message to the log, then sending it exactly once.

``queue_message`` writes the ``SentMessage`` row first, with its unique key, in
its own transaction: a second scan, a restart or two workers racing all find
the key taken and queue nothing. ``deliver`` then claims the row (one
conditional UPDATE from queued/failed to sending, so only one worker wins),
sends, and records the outcome. A send that raises is recorded as failed and
raised again, so the task queue tries it again later; after
``Q_CLUSTER["max_attempts"]`` tries it stays "could not be sent". A worker that
dies between claiming and finishing leaves the row "being sent": it is never
sent again, because nobody can tell whether it went (at most once).
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from casework.reminders import sms
from casework.reminders.models import Channel, SentMessage

Outcome = SentMessage.Outcome
ERROR_LIMIT = 300


@dataclass(frozen=True)
class Draft:
    """A message ready to queue: who it is about, where it goes, and what it says."""

    key: str
    person_id: int
    about: str
    slot: str
    channel: str
    address: str
    subject: str
    body: str
    to_worker_id: int | None = None
    appointment_id: int | None = None
    rearrange_request_id: int | None = None


def render_body(template: str, context: dict) -> str:
    return render_to_string(f"casework/email/{template}", context).strip()


def queue_message(draft: Draft, *, now=None) -> SentMessage | None:
    """Write the message to the log; ``None`` if its key was already there (nothing to send)."""
    try:
        with transaction.atomic():
            return SentMessage.objects.create(**draft.__dict__, queued_at=now or timezone.now())
    except IntegrityError:
        return None


def _from_address(named: bool) -> str:
    """The sender: the service's name only when the person allows it."""
    if named:
        return settings.DEFAULT_FROM_EMAIL
    return email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def _send(message: SentMessage, named: bool) -> None:
    if message.channel == Channel.SMS:
        sms.send_sms(message.address, message.body)
        return
    html = render_to_string(
        "casework/email/message.html", {"subject": message.subject, "body": message.body}
    )
    mail = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body + "\n",
        from_email=_from_address(named),
        to=[message.address],
    )
    mail.attach_alternative(html, "text/html")
    mail.send()


def _names_the_service(message: SentMessage) -> bool:
    if message.to_worker_id is not None:
        return True
    preference = getattr(message.person, "reminder_preference", None)
    return bool(preference and preference.name_the_service)


def deliver(message_id: int, *, now=None) -> bool:
    """Send one logged message if nobody has yet; ``True`` when this call sent it.

    Raises what the channel raised, after recording the failure, so the task
    queue retries the task.
    """
    claimed = SentMessage.objects.filter(
        pk=message_id, outcome__in=[Outcome.QUEUED, Outcome.FAILED]
    ).update(outcome=Outcome.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return False
    message = SentMessage.objects.select_related("person__reminder_preference").get(pk=message_id)
    try:
        _send(message, _names_the_service(message))
    except Exception as error:
        gave_up = message.attempts >= settings.Q_CLUSTER["max_attempts"]
        SentMessage.objects.filter(pk=message_id, outcome=Outcome.SENDING).update(
            outcome=Outcome.NOT_SENT if gave_up else Outcome.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:ERROR_LIMIT],
        )
        raise
    SentMessage.objects.filter(pk=message_id, outcome=Outcome.SENDING).update(
        outcome=Outcome.SENT, sent_at=now or timezone.now(), last_error=""
    )
    return True
