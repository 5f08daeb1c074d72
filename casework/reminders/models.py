"""Reminders (issue 20): how and when the person wants to be reminded, and every message sent.

``ReminderPreference`` is the person's own choice: no reminders (the default, so
nothing reaches a phone or inbox they have not chosen), email or a text message,
the day before and/or 2 hours before, and whether the message may name the
service. ``SentMessage`` is the log of every message: its unique ``key`` (one per
appointment time, reminder slot, recipient and channel) is written before the
message goes, so a second scan, a restart or a retry never sends it twice.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.appointments.models import Appointment, RearrangeRequest
from casework.people.models import Person, User

PHONE_DIGITS = re.compile(r"^\+?[0-9]{7,15}$")


def validate_phone(value: str) -> None:
    """A mobile number: digits, optionally starting with +, spaces and dashes allowed."""
    if not PHONE_DIGITS.match(re.sub(r"[\s()-]", "", value)):
        raise ValidationError(
            "Enter a mobile number with 7 to 15 digits, for example 07700 900123 or +44 7700 900123."
        )


class Channel(models.TextChoices):
    NONE = "none", _("No reminders")
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class Slot(models.TextChoices):
    """When a message goes. The first two are the person's choices; the rest are workers'."""

    DAY_BEFORE = "day_before", _("The day before")
    TWO_HOURS = "two_hours", _("2 hours before")
    PLAN_REVIEW = "plan_review", _("Plan review due")
    REARRANGE = "rearrange", _("Asked to rearrange")


# How long before the appointment each of the person's slots falls.
SLOT_OFFSETS = {
    Slot.DAY_BEFORE: datetime.timedelta(hours=24),
    Slot.TWO_HOURS: datetime.timedelta(hours=2),
}


class ReminderPreference(models.Model):
    """The person's choice. Changed only by them, on /me/reminders/ (each change logged)."""

    # Retention, anonymise: the choice holds only contact details, so it goes.
    RETENTION_ANONYMISE = "delete"

    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="reminder_preference"
    )
    channel = models.CharField(
        _("how to remind me"), max_length=10, choices=Channel.choices, default=Channel.NONE
    )
    email = models.EmailField(_("email address for reminders"), blank=True)
    phone = models.CharField(
        _("mobile number for text reminders"),
        max_length=30,
        blank=True,
        validators=[validate_phone],
    )
    day_before = models.BooleanField(_("the day before"), default=True)
    two_hours_before = models.BooleanField(_("2 hours before"), default=False)
    name_the_service = models.BooleanField(
        _("say who the message is from"),
        default=False,
        help_text=_("Off: the message says only the time, not the name of the service."),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Reminder choices ({self.get_channel_display()})"

    @property
    def wants_reminders(self) -> bool:
        return self.channel != Channel.NONE and bool(self.slots)

    @property
    def slots(self) -> list[Slot]:
        chosen = [(Slot.DAY_BEFORE, self.day_before), (Slot.TWO_HOURS, self.two_hours_before)]
        return [slot for slot, on in chosen if on]

    @property
    def address(self) -> str:
        return self.email if self.channel == Channel.EMAIL else self.phone


class SentMessageQuerySet(models.QuerySet):
    """The log keeps every row: nothing is deleted, in bulk or one by one."""

    def delete(self):
        raise PermissionError(f"{self.model.history_name} cannot be deleted.")


class SentMessage(models.Model):
    """One reminder or notice: to whom (the person, or a worker), how, when, and what happened.

    The row is written (``queued``) before anything is sent, with a unique ``key``;
    its outcome only moves forward: queued -> sending -> sent, or failed (tried again
    by the task queue) -> sending ... -> sent or not_sent. A row is never deleted.
    """

    class About(models.TextChoices):
        APPOINTMENT = "appointment", _("An appointment")
        PLAN_REVIEW = "plan_review", _("A plan review")
        REARRANGE = "rearrange", _("A request to rearrange")

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Not sent yet: trying again")
        NOT_SENT = "not_sent", _("Could not be sent")

    key = models.CharField(max_length=200, unique=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="reminder_messages",
        help_text=_("Whose record the message is about."),
    )
    # Empty: the message went to the person. Set: to this worker.
    to_worker = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="reminder_messages"
    )
    about = models.CharField(max_length=20, choices=About.choices)
    appointment = models.ForeignKey(
        Appointment, null=True, blank=True, on_delete=models.PROTECT, related_name="reminders"
    )
    rearrange_request = models.ForeignKey(
        RearrangeRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="reminders"
    )
    slot = models.CharField(max_length=20, choices=Slot.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(_("sent to"), max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(_("what the message said"))
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    queued_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    history_name = "The list of messages sent"
    # Retention, anonymise: where each message went is blanked; the rest is kept.
    RETENTION_ANONYMISE = ("address",)

    objects = SentMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at", "-id"]
        indexes = [
            models.Index(fields=["person", "-queued_at"], name="sentmessage_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="sent", sent_at__isnull=False) | ~Q(outcome="sent"),
                name="sentmessage_sent_has_time",
            )
        ]

    def __str__(self):
        return f"{self.get_about_display()} by {self.get_channel_display()} ({self.outcome})"

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{self.history_name} cannot be deleted.")

    @property
    def to_the_person(self) -> bool:
        return self.to_worker_id is None
