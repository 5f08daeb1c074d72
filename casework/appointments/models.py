"""Appointments: the diary a service runs on, shared with the person (issue 20).

An ``Appointment`` is booked by a worker with a person; moving or cancelling it
needs a reason, and every change is an ``AppointmentChange`` row that both the
worker and the person read. The person asks for a change with a
``RearrangeRequest``; a worker answers it. Outcomes are neutral: it happened, it
was rearranged, or it did not happen, with the reason in the person's words and
in the worker's.

A ``CalendarSubscription`` is a private calendar link for a worker (their diary)
or a person (their own appointments): only a hash of its token is stored, and
revoking it makes the old link answer 404.
"""

from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.common.models import AppendOnlyModel, AppendOnlyQuerySet, Voice
from casework.notes.models import SessionNote
from casework.people.models import Person, User

REASON_LIMIT = 1000


class Kind(models.TextChoices):
    OFFICE = "office", _("At the office")
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")
    COMMUNITY = "community", _("Out in the community")
    WITH_CIRCLE = "with_circle", _("With someone from their circle")


class AppointmentQuerySet(models.QuerySet):
    def booked(self):
        return self.filter(status=Appointment.Status.BOOKED)

    def upcoming(self, now=None):
        return self.booked().filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(starts_at__lt=now or timezone.now())

    def between(self, start, end):
        return self.filter(starts_at__gte=start, starts_at__lt=end)


class Appointment(models.Model):
    """A time a person and one or more workers meet (or call). Changes go through actions."""

    # Retention, anonymise: the place is often a home address (casework/people/retention.py).
    RETENTION_ANONYMISE = ("place",)

    Kind = Kind

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    class Outcome(models.TextChoices):
        NONE = "", _("Not recorded yet")
        ATTENDED = "attended", _("It happened")
        REARRANGED = "rearranged", _("Rearranged")
        DID_NOT_HAPPEN = "did_not_happen", _("Did not happen")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appointments")
    workers = models.ManyToManyField(User, related_name="appointments", verbose_name=_("who"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    kind = models.CharField(_("how"), max_length=20, choices=Kind.choices, default=Kind.OFFICE)
    place = models.CharField(
        _("where"),
        max_length=300,
        blank=True,
        help_text=_("In plain words: an address, a room, or who calls whom."),
    )
    purpose = models.TextField(
        _("what it is for"),
        max_length=REASON_LIMIT,
        blank=True,
        help_text=_("In plain words, as you would say it to the person."),
    )
    goals = models.ManyToManyField(
        "strengths.Goal",
        blank=True,
        related_name="appointments",
        verbose_name=_("goals it is about"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True, default="")
    outcome_person_words = models.TextField(
        _("what happened, in the person's words"), max_length=REASON_LIMIT, blank=True
    )
    outcome_worker_words = models.TextField(
        _("what happened, in the worker's words"), max_length=REASON_LIMIT, blank=True
    )
    outcome_recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    # Booked as the "next contact" of a session note (casework/notes).
    from_note = models.ForeignKey(
        SessionNote,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointments_booked",
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Compare-and-swap: a change made from an out-of-date page is refused, not lost.
    version = models.PositiveIntegerField(default=1)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["person", "starts_at"], name="appt_person_starts_idx"),
            models.Index(fields=["starts_at"], name="appt_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appt_ends_after"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {timezone.localtime(self.starts_at):%d %b %Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def local_day(self):
        """The day it starts, in the service's time zone (for grouping a diary by day)."""
        return timezone.localdate(self.starts_at)

    @property
    def is_past(self) -> bool:
        return self.starts_at < timezone.now()


class AppointmentChange(AppendOnlyModel):
    """One change to an appointment, kept for good: what, from and to, why, who, when."""

    # Retention, anonymise: "Place: <old> → <new>" can hold a home address.
    RETENTION_ANONYMISE = ("detail",)

    class What(models.TextChoices):
        BOOKED = "booked", _("Booked")
        MOVED = "moved", _("Moved")
        DETAILS = "details", _("Details changed")
        CANCELLED = "cancelled", _("Cancelled")
        OUTCOME = "outcome", _("What happened recorded")
        ASKED = "asked", _("Asked to rearrange")
        ANSWERED = "answered", _("Answered a request to rearrange")

    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="changes")
    what = models.CharField(max_length=10, choices=What.choices)
    from_starts_at = models.DateTimeField(null=True, blank=True)
    from_ends_at = models.DateTimeField(null=True, blank=True)
    to_starts_at = models.DateTimeField(null=True, blank=True)
    to_ends_at = models.DateTimeField(null=True, blank=True)
    # Text, not a short field: "Place: <old> → <new>" holds two places of up to 300 characters.
    detail = models.TextField(blank=True, help_text=_("What else changed, in plain words."))
    reason = models.TextField(max_length=REASON_LIMIT, blank=True)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    voice = models.CharField(max_length=10, choices=Voice.choices, default=Voice.WORKER)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    history_name = "The appointment's history"

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_what_display()} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def moved(self) -> bool:
        return self.from_starts_at is not None and self.to_starts_at is not None


class RearrangeRequest(models.Model):
    """The person's "I can't make this": their reason, and the worker's answer."""

    class Answer(models.TextChoices):
        NONE = "", _("Not answered yet")
        MOVED = "moved", _("Moved to a new time")
        KEPT = "kept", _("Kept as it is")
        CANCELLED = "cancelled", _("Cancelled")

    appointment = models.ForeignKey(
        Appointment, on_delete=models.PROTECT, related_name="rearrange_requests"
    )
    reason = models.TextField(
        _("why, in your words"),
        max_length=REASON_LIMIT,
        help_text=_("A few words are enough. You can say which times suit you better."),
    )
    asked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True, default="")
    answer_text = models.TextField(_("your answer"), max_length=REASON_LIMIT, blank=True)
    answered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        constraints = [
            # One open request per appointment: a second "I can't make this" adds nothing.
            models.UniqueConstraint(
                fields=["appointment"],
                condition=Q(answered_at__isnull=True),
                name="rearrange_one_open_per_appt",
            ),
        ]

    def __str__(self):
        return f"Request to rearrange ({self.asked_at:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarSubscription(models.Model):
    """A private calendar link: a worker's diary, or a person's own appointments.

    Only the SHA-256 of the random token is stored (the link is shown once, when
    made). ``revoked_at`` set means the link answers 404 from then on.
    """

    # Retention, anonymise: a person's own link goes (a worker's diary link is not in a record).
    RETENTION_ANONYMISE = "delete"

    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="calendar_links")
    # Set for a person's own link; empty for a worker's diary.
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="calendar_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    include_names = models.BooleanField(
        _("show names in the calendar"),
        default=False,
        help_text=_(
            "Off: events say only what kind of appointment it is. "
            "Anyone who sees your calendar would see the names."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Calendar link of {self.owner} ({'off' if self.revoked_at else 'on'})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
