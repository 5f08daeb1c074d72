"""What the person says back about a session note: corrections asked for, and feedback.

``CorrectionRequest`` is the person's "I see this differently": what is wrong
and what it should say. The worker answers once, either by adding an addendum
to the note (the original stays as written) or by explaining why not. Both the
request and the answer stay on the note for the person and the worker.

``SessionFeedback`` is one short, optional form per shared note: did you feel
listened to, did we talk about what matters to you (1 to 5, in words), and
anything to add. The person may change it for ``FEEDBACK_EDIT_DAYS`` days; the
note's workers see it on the note, and supervisors see it aggregated.

Imported by ``casework.models``. Nothing here is deleted (``PROTECT``).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FEEDBACK_EDIT_DAYS = 14
TEXT_LIMIT = 4000


class CorrectionRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ADDENDUM_ADDED = "addendum_added", _("Your worker added a correction to the note")
        DECLINED = "declined", _("Your worker explained why the note stays as it is")

    note = models.ForeignKey(
        "casework.SessionNote", on_delete=models.PROTECT, related_name="correction_requests"
    )
    person = models.ForeignKey(
        "casework.Person", on_delete=models.PROTECT, related_name="correction_requests"
    )
    what_is_wrong = models.TextField("what is wrong", max_length=TEXT_LIMIT)
    what_it_should_say = models.TextField("what it should say", max_length=TEXT_LIMIT, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    response = models.TextField("answer", max_length=TEXT_LIMIT, blank=True)
    addendum = models.OneToOneField(
        "casework.NoteAddendum",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction_request",
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["person", "status"], name="correction_person_status_idx")]
        constraints = [
            # An answered request always says who answered, when, and how.
            models.CheckConstraint(
                condition=Q(status="open")
                | (Q(responded_by__isnull=False, responded_at__isnull=False) & ~Q(response="")),
                name="correction_answer_complete",
            ),
        ]

    def __str__(self):
        return f"Correction request on note {self.note_id} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class SessionFeedback(models.Model):
    class Scale(models.IntegerChoices):
        NOT_AT_ALL = 1, _("Not at all")
        A_LITTLE = 2, _("A little")
        SOMEWHAT = 3, _("Partly")
        MOSTLY = 4, _("Mostly")
        COMPLETELY = 5, _("Yes, completely")

    note = models.OneToOneField(
        "casework.SessionNote", on_delete=models.PROTECT, related_name="feedback"
    )
    listened_to = models.PositiveSmallIntegerField(
        "did you feel listened to?", choices=Scale.choices
    )
    talked_about_what_matters = models.PositiveSmallIntegerField(
        "did we talk about what matters to you?", choices=Scale.choices
    )
    comment = models.TextField("anything to add?", max_length=TEXT_LIMIT, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "session feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(listened_to__gte=1, listened_to__lte=5)
                & Q(talked_about_what_matters__gte=1, talked_about_what_matters__lte=5),
                name="feedback_scale_1_to_5",
            )
        ]

    def __str__(self):
        return f"Feedback on note {self.note_id}"

    def editable_until(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(days=FEEDBACK_EDIT_DAYS)

    def is_editable(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) <= self.editable_until()
