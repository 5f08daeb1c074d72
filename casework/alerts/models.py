"""Alerts: what staff need to know before they open a record, always with a reason.

An alert replaces the silent flag. Each one carries its wording, a reason in
plain words, who added it and when, a review date at most six months ahead,
and whether the person has been told (or the fixed-list reason why not yet).

History is kept by never overwriting: the wording and reason of an alert are
fixed once it is saved (end it and add a new one instead); each review is an
``AlertReview`` row holding the old and new review dates; ending sets
``ended_*`` once and the alert stays in the history. Nothing here is deleted
(``on_delete=PROTECT`` throughout). Imported by ``casework.models``.

There is deliberately no score, level, priority or colour on an alert.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# "At most six months ahead", counted in days so the rule is the same every month.
MAX_REVIEW_DAYS = 183


def check_review_date(value: datetime.date | None, today: datetime.date | None = None) -> None:
    """Refuse a missing review date, one in the past, or one more than six months ahead."""
    today = today or timezone.localdate()
    if value is None:
        raise ValidationError("Enter a review date.", code="required")
    if value < today:
        raise ValidationError("The review date cannot be in the past.", code="past")
    if value > today + datetime.timedelta(days=MAX_REVIEW_DAYS):
        latest = today + datetime.timedelta(days=MAX_REVIEW_DAYS)
        raise ValidationError(
            f"The review date must be within six months: {latest:%-d %B %Y} at the latest.",
            code="too_far",
        )


def check_plain_text(value: str, message: str) -> str:
    """Refuse empty or whitespace-only text; return it stripped."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code="required")
    return value


class AlertQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)

    def ended(self):
        return self.filter(ended_at__isnull=False)

    def told(self):
        return self.filter(person_told=True)

    def due_review(self, on: datetime.date | None = None):
        """Current alerts whose review date has come (on or before ``on``)."""
        return self.current().filter(review_by__lte=on or timezone.localdate())

    def overdue(self, on: datetime.date | None = None):
        """Current alerts whose review date has passed (before ``on``)."""
        return self.current().filter(review_by__lt=on or timezone.localdate())


class Alert(models.Model):
    """Something staff should know before they open a record, with the reason why."""

    class NotToldReason(models.TextChoices):
        # The same fixed list as withheld session notes, plus "not yet".
        SOMEONE_ELSE = "someone_else", _("It holds information about someone else")
        SERIOUS_HARM = "serious_harm", _("Telling them could cause serious harm")
        LEGAL = "legal", _("A legal restriction")
        NOT_YET = "not_yet", _("We have not had the chance to tell them yet")

    # The same reasons, as the person reads them on their own page.
    NOT_TOLD_FOR_THE_PERSON = {
        NotToldReason.SOMEONE_ELSE: _("It holds information about someone else."),
        NotToldReason.SERIOUS_HARM: _("We think telling you now could cause serious harm."),
        NotToldReason.LEGAL: _("The law does not let us share it yet."),
        NotToldReason.NOT_YET: _("Your worker has not had the chance to tell you yet."),
    }

    class ToldHow(models.TextChoices):
        IN_PERSON = "in_person", _("Face to face")
        PHONE = "phone", _("Phone call")
        VIDEO = "video", _("Video call")
        LETTER = "letter", _("Letter")
        MESSAGE = "message", _("Message or email")

    person = models.ForeignKey("casework.Person", on_delete=models.PROTECT, related_name="alerts")
    wording = models.CharField(
        _("what staff need to know"),
        max_length=300,
        help_text=_("Short and plain, for example: Please call before a home visit."),
    )
    reason = models.TextField(
        _("why this alert is needed"),
        max_length=2000,
        help_text=_("In plain words the person would understand."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alerts_added"
    )
    added_at = models.DateTimeField(default=timezone.now)
    review_by = models.DateField(_("review by"), help_text=_("At most six months from today."))

    person_told = models.BooleanField(_("the person has been told"), default=False)
    told_on = models.DateField(null=True, blank=True)
    told_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alerts_told",
    )
    told_how = models.CharField(
        _("how they were told"), max_length=20, choices=ToldHow.choices, blank=True
    )
    # Kept after the person is told, so the history shows why telling waited.
    not_told_reason = models.CharField(
        _("why they have not been told yet"),
        max_length=20,
        choices=NotToldReason.choices,
        blank=True,
    )
    not_told_explanation = models.CharField(
        _("a short explanation"),
        max_length=500,
        blank=True,
        help_text=_("For staff. The person is never shown this."),
    )

    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alerts_ended",
    )
    end_reason = models.TextField(_("why the alert was ended"), max_length=2000, blank=True)
    # Compare-and-swap on every change (casework.common.concurrency): a review, "told"
    # or reply opened before someone else's change is never saved over it.
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = AlertQuerySet.as_manager()

    # Fixed once saved: to change what an alert says, end it and add a new one.
    FIXED_FIELDS = ("person_id", "wording", "reason", "added_by_id", "added_at")

    class Meta:
        ordering = ["review_by", "id"]
        indexes = [
            models.Index(fields=["person", "ended_at", "review_by"], name="alert_person_review_idx")
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="alert_has_reason"),
            models.CheckConstraint(condition=~Q(wording=""), name="alert_has_wording"),
            models.CheckConstraint(
                condition=Q(person_told=True, told_on__isnull=False)
                | (Q(person_told=False) & ~Q(not_told_reason="")),
                name="alert_told_or_reason_why_not",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | ~Q(end_reason=""),
                name="alert_ended_with_reason",
            ),
        ]

    def __str__(self):
        return f"Alert for {self.person}: {self.wording}"

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded", None)
        if loaded and not self._state.adding:
            for name in self.FIXED_FIELDS:
                if name in loaded and getattr(self, name) != loaded[name]:
                    raise ValidationError(
                        "An alert's wording and reason cannot be changed. End it and add a new one."
                    )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Alerts are never deleted: end them with a reason instead.")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = dict(zip(field_names, values, strict=True))
        return instance

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    def is_due_review(self, on: datetime.date | None = None) -> bool:
        return self.is_current and self.review_by <= (on or timezone.localdate())

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.is_current and self.review_by < (on or timezone.localdate())


class AlertReview(models.Model):
    """One look at an alert: keep it with a new review date, or end it."""

    class Outcome(models.TextChoices):
        KEEP = "keep", _("Keep it, with a new review date")
        END = "end", _("End it")

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="reviews")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alert_reviews"
    )
    at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(_("what you decided"), max_length=10, choices=Outcome.choices)
    previous_review_by = models.DateField()
    new_review_by = models.DateField(
        _("new review date"),
        null=True,
        blank=True,
        help_text=_("Only if you keep it. At most six months from today."),
    )
    note = models.TextField(
        _("why"),
        max_length=2000,
        help_text=_("In plain words. If you end the alert, this is the reason the person sees."),
    )

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="alert_review_has_note"),
            models.CheckConstraint(
                condition=Q(outcome="end") | Q(new_review_by__isnull=False),
                name="alert_review_keep_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.at:%Y-%m-%d})"


class AlertResponse(models.Model):
    """The person's "I see this differently", and the worker's reply."""

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="responses")
    text = models.TextField(_("how you see it"), max_length=4000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alert_responses"
    )
    at = models.DateTimeField(default=timezone.now)
    reply = models.TextField(_("your reply"), max_length=4000, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="alert_replies",
    )
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="alert_response_has_text"),
        ]

    def __str__(self):
        return f"Response to alert {self.alert_id} ({self.at:%Y-%m-%d})"
