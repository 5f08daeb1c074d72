"""The co-authored recovery plan: one current plan per person, sections, history, agreement.

Nothing here is overwritten without a trace. Section text changes only through
``strengths.plan.actions.save_section`` (an atomic compare-and-swap on ``version``),
and every version, including a text that lost a race, is kept as an
append-only ``PlanSectionRevision``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.common.models import AppendOnlyModel, Voice

SECTION_TEXT_LIMIT = 5000
HEADING_LIMIT = 120


class RecoveryPlan(models.Model):
    person = models.ForeignKey(
        "casework.Person", on_delete=models.PROTECT, related_name="recovery_plans"
    )
    is_current = models.BooleanField(default=True)
    # Incremented with every section change: "ready to agree" snapshots it, so
    # "changed since agreed" is one integer comparison.
    version = models.PositiveIntegerField(default=0)
    review_due = models.DateField(_("review date"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(is_current=True), name="one_current_plan_per_person"
            )
        ]

    def __str__(self):
        return f"Recovery plan for {self.person}"

    def review_overdue(self, on=None) -> bool:
        return bool(self.review_due and self.review_due < (on or timezone.localdate()))


class PlanSection(models.Model):
    class Key(models.TextChoices):
        ABOUT = "about", _("About me and what matters to me")
        GOALS = "goals", _("My goals")
        STRENGTHS = "strengths", _("My strengths and what helps")
        CIRCLE = "circle", _("My circle of support")
        STAYING_WELL = "staying_well", _("Staying well")
        HARD_TIMES = "hard_times", _("If things get hard")
        AGREED = "agreed", _("What we agreed for the next weeks")

    plan = models.ForeignKey(RecoveryPlan, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=20, choices=Key.choices)
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=HEADING_LIMIT)
    text = models.TextField(max_length=SECTION_TEXT_LIMIT, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="plan_section_key_unique")
        ]

    def __str__(self):
        return self.heading


class PlanSectionRevision(AppendOnlyModel):
    """One version of a section's heading and text, or a text kept from a conflict."""

    history_name = "Plan history"

    class Kind(models.TextChoices):
        SAVED = "saved", _("Saved")
        CONFLICT_KEPT = "conflict_kept", _("Kept from an edit made at the same time")
        RESTORED = "restored", _("Earlier text brought back")

    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="revisions")
    # The section version this text became; for a kept conflict, the version
    # the writer started from (their text never became a version of its own).
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SAVED)
    heading = models.CharField(max_length=HEADING_LIMIT)
    text = models.TextField(blank=True)
    # Whose words these are (for a restore: the words' original author).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_voice = models.CharField(max_length=10, choices=Voice.choices)
    # Who pressed save (differs from the author only for a restore).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    restored_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["section", "version"], name="plan_revision_section_idx"),
            # A section's history, newest first.
            models.Index(fields=["section", "-created_at"], name="plan_revision_recent_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "version"],
                condition=~Q(kind="conflict_kept"),
                name="one_revision_per_section_version",
            )
        ]

    def __str__(self):
        return f"{self.heading} v{self.version} ({self.get_kind_display()})"


class PlanDifference(models.Model):
    """A second voice ("I see this differently") on part of the plan, kept until both resolve it.

    Generic on purpose (``target_kind`` + ``target_id``) so goals can use it
    later; today the only kind is a plan section.
    """

    class TargetKind(models.TextChoices):
        SECTION = "section", _("Plan section")

    plan = models.ForeignKey(RecoveryPlan, on_delete=models.CASCADE, related_name="differences")
    target_kind = models.CharField(
        max_length=20, choices=TargetKind.choices, default=TargetKind.SECTION
    )
    target_id = models.PositiveIntegerField()
    text_then = models.TextField(
        blank=True, help_text=_("What the plan said when this was raised.")
    )
    wording = models.TextField(max_length=SECTION_TEXT_LIMIT)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_voice = models.CharField(max_length=10, choices=Voice.choices)
    raised_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "id"]
        indexes = [models.Index(fields=["plan", "resolved_at"], name="plan_difference_open_idx")]

    def __str__(self):
        return f"A different view on {self.target_kind} {self.target_id}"


class PlanDifferenceResolution(AppendOnlyModel):
    history_name = "Plan history"

    difference = models.ForeignKey(
        PlanDifference, on_delete=models.CASCADE, related_name="resolutions"
    )
    voice = models.CharField(max_length=10, choices=Voice.choices)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["difference", "voice"], name="one_resolution_per_voice")
        ]

    def __str__(self):
        return f"Resolved by {self.get_voice_display().lower()}"


class PlanVersion(AppendOnlyModel):
    """The plan as it stood when a worker marked it ready to agree."""

    history_name = "Plan history"

    plan = models.ForeignKey(RecoveryPlan, on_delete=models.CASCADE, related_name="versions")
    plan_version = models.PositiveIntegerField()
    section_versions = models.JSONField(help_text=_("Section id → section version at that moment."))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-marked_at", "-id"]

    def __str__(self):
        return f"Plan version {self.plan_version}"


class PlanAgreement(AppendOnlyModel):
    """The person's answer to one exact plan version, given by them or recorded in the room."""

    history_name = "Plan history"

    class Answer(models.TextChoices):
        AGREE = "agree", _("I agree with this plan")
        DISAGREE = "disagree", _("I don't agree yet")
        COULD_NOT_ANSWER = "could_not_answer", _("I can't answer now")

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="answers")
    answer = models.CharField(max_length=20, choices=Answer.choices)
    detail = models.TextField(
        max_length=2000,
        blank=True,
        help_text=_("What they would change, or why they could not answer now."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    in_the_room = models.BooleanField(
        default=False, help_text=_("Recorded by a worker, with the person, in the room.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.get_answer_display()
