"""Session notes: what was talked about, shared with the person unless withheld with a reason."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.common.models import OneQueryChecksModel
from casework.people.models import Person, User

# --- Session notes -------------------------------------------------------------------

NOTE_TEXT_LIMIT = 10_000
NOTE_TEXT_HELP = f"Up to {NOTE_TEXT_LIMIT:,} characters."

# The notes that say something about the next contact: a date, or "none planned".
# A note that leaves the date empty changes nothing, so the next contact shown on
# the caseload and in the person's space is read from the latest note matching this.
SETS_NEXT_CONTACT = Q(next_contact_on__isnull=False) | Q(no_next_contact_planned=True)


class SessionNote(OneQueryChecksModel):
    """The record of one contact with a person. Shared with them unless withheld with a reason.

    Text is never overwritten: after the typo window (``casework.notes.actions``) corrections
    are ``NoteAddendum`` rows, and every saved version is kept by ``history``.
    """

    class How(models.TextChoices):
        FACE_TO_FACE = "face_to_face", _("Face to face")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")
        HOME_VISIT = "home_visit", _("Home visit")
        GROUP = "group", _("Group")
        MESSAGE = "message", _("Message")

    class WithheldReason(models.TextChoices):
        SOMEONE_ELSE = "someone_else", _("It holds information about someone else")
        SERIOUS_HARM = "serious_harm", _("Sharing it could cause serious harm")
        LEGAL = "legal", _("A legal restriction")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="authored_notes")
    happened_at = models.DateTimeField(_("date and time of the session"))
    how = models.CharField(_("how we met"), max_length=20, choices=How.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("how long (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Between 1 and 600 minutes."),
    )
    person_present = models.BooleanField(
        _("the person was there"), default=True, help_text=_("Untick if you met without them.")
    )
    other_professionals = models.CharField(
        _("other professionals there"),
        max_length=500,
        blank=True,
        help_text=_("Names and roles, if anyone else joined."),
    )
    talked_about = models.TextField(
        _("what we talked about"), max_length=NOTE_TEXT_LIMIT, help_text=NOTE_TEXT_HELP
    )
    going_well = models.TextField(
        _("what is going well"), max_length=NOTE_TEXT_LIMIT, blank=True, help_text=NOTE_TEXT_HELP
    )
    next_steps = models.TextField(
        _("agreed next steps"),
        max_length=NOTE_TEXT_LIMIT,
        blank=True,
        help_text=f"Who does what, by when. {NOTE_TEXT_HELP}",
    )
    next_contact_on = models.DateField(
        _("next contact"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep the next contact already planned."),
    )
    no_next_contact_planned = models.BooleanField(
        _("no next contact planned"),
        default=False,
        help_text=_(
            "Tick only to clear the next contact already planned. "
            "Leaving the date empty keeps it as it is."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set by a typo fix (``actions.correct_typo``): shown as "edited at" to everyone,
    # with the earlier wording from ``history``.
    text_edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    withheld_reason = models.CharField(
        _("reason for not sharing"),
        max_length=20,
        choices=WithheldReason.choices,
        blank=True,
        help_text=_("Leave empty to share this note with the person (the usual choice)."),
    )
    withheld_explanation = models.CharField(_("why, in a sentence"), max_length=500, blank=True)

    person_view = models.TextField(
        _("their view"), max_length=NOTE_TEXT_LIMIT, blank=True, editable=False
    )
    person_view_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    person_view_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Compare-and-swap for "my view" (casework.common.concurrency): written from two
    # devices at once, the second is shown the first rather than saving over it.
    person_view_version = models.PositiveIntegerField(default=0, editable=False)

    # Numbers only: which words were suggested is not kept (docs/decisions/0002-language-suggestions.md).
    suggestions_shown = models.PositiveSmallIntegerField(default=0, editable=False)
    suggestions_acted_on = models.PositiveSmallIntegerField(default=0, editable=False)

    goals_touched = models.ManyToManyField(
        "strengths.Goal",
        blank=True,
        related_name="sessions",
        verbose_name=_("goals this session touched"),
    )
    circle_present = models.ManyToManyField(
        "strengths.SignificantOther",
        blank=True,
        related_name="sessions",
        verbose_name=_("people from their circle who were there"),
    )

    # The person's view is tracked too: a second reply replaces the one shown, and
    # every earlier wording stays in ``history`` with who and when.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_at", "-id"]
        # The full-text index (PostgreSQL only) is created by raw SQL in migration 0002,
        # outside the model state, so SQLite never tries to rebuild it.
        indexes = [
            models.Index(fields=["person", "-happened_at"], name="note_person_happened_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=600),
                name="note_duration_sensible",
            ),
            models.CheckConstraint(
                condition=Q(withheld_reason="") | ~Q(withheld_explanation=""),
                name="note_withheld_needs_explanation",
            ),
            models.CheckConstraint(
                condition=Q(next_contact_on__isnull=True) | Q(no_next_contact_planned=False),
                name="note_next_contact_date_or_none_planned",
            ),
        ]

    def __str__(self):
        return f"Session with {self.person} on {self.happened_at:%d %b %Y}"

    @property
    def is_withheld(self) -> bool:
        return bool(self.withheld_reason)


class NoteAddendum(models.Model):
    """A later correction or addition, shown under the original, which stays as written."""

    note = models.ForeignKey(SessionNote, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("addendum"), max_length=NOTE_TEXT_LIMIT, help_text=NOTE_TEXT_HELP)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "addenda"
        # "New since your last visit" asks for the addenda after a moment: without this
        # index PostgreSQL read the whole addenda table (75,000 rows at 50,000 people).
        indexes = [models.Index(fields=["created_at"], name="addendum_created_idx")]

    def __str__(self):
        return f"Addendum to note {self.note_id} ({self.created_at:%d %b %Y %H:%M})"


class NoteSharingChange(models.Model):
    """Each time a note is withheld or shared again: who, when, why. Never edited."""

    note = models.ForeignKey(SessionNote, on_delete=models.PROTECT, related_name="sharing_changes")
    withheld = models.BooleanField(help_text=_("True: withheld from the person. False: shared."))
    reason = models.CharField(max_length=20, choices=SessionNote.WithheldReason.choices, blank=True)
    explanation = models.CharField(max_length=500)
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self):
        state = "withheld" if self.withheld else "shared"
        return f"Note {self.note_id} {state} ({self.changed_at:%d %b %Y %H:%M})"
