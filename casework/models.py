"""Who works with whom, and the append-only log of who looked at what.

Record content (notes, goals, plans) hangs off ``Person``; access to any of it
is decided in ``casework.access`` and nowhere else.
"""

import datetime
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from simple_history.models import HistoricalRecords

ADMIN_HOLDS_NO_ROLE_IN_RECORDS = (
    "An organisation administrator cannot be in a team or work with a person. "
    "Use a separate staff account for that work."
)


def refuse_org_admin(user: "User | None", field: str | None = None) -> None:
    """Refuse ``user`` if they are an organisation administrator (error on ``field``)."""
    if user is not None and user.is_org_admin:
        raise ValidationError(
            {field: ADMIN_HOLDS_NO_ROLE_IN_RECORDS} if field else ADMIN_HOLDS_NO_ROLE_IN_RECORDS
        )


class User(AbstractUser):
    """A login: staff (through memberships), an org administrator, or a person."""

    is_org_admin = models.BooleanField(
        "organisation administrator",
        default=False,
        help_text="Manages staff, teams and assignments. Sees no record content.",
    )

    session_salt = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="Changed to sign this account out everywhere.",
    )

    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        # An administrator manages who works with whom, so they may never be one
        # of those people: otherwise they could hand themselves record access.
        if self.is_org_admin and self.pk and self._works_with_people():
            raise ValidationError({"is_org_admin": ADMIN_HOLDS_NO_ROLE_IN_RECORDS})

    def _works_with_people(self) -> bool:
        return self.memberships.exists() or self.assignments.exists()

    def _get_session_auth_hash(self, secret=None):
        # Django checks this hash on every request: a session signed in with an
        # older salt (or password) stops working, which is how "sign out
        # everywhere" ends every other sign-in at once.
        key_salt = "casework.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_salt}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def rotate_session_salt(self) -> None:
        self.session_salt = secrets.token_hex(16)
        self.save(update_fields=["session_salt"])


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)

    def __str__(self):
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    not_seen_weeks = models.PositiveSmallIntegerField(
        "not seen for more than (weeks)",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="The practice review counts people not seen for longer than this.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique")
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name


class StaffMembership(models.Model):
    class Role(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        PEER_SUPPORT = "peer_support", "Peer support worker"
        SUPERVISOR = "supervisor", "Supervisor"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "team", "role"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.team}"

    def clean(self):
        # On the row, not the field: on a user's own admin page the user field is
        # the hidden link to that page, and an error there would not be shown.
        refuse_org_admin(self.user if self.user_id else None)


class SupportContext(models.TextChoices):
    MENTAL_HEALTH = "mental_health", "Mental health"
    SUBSTANCE_USE = "substance_use", "Substance use"
    JUSTICE = "justice", "Justice (probation)"


def validate_support_contexts(value):
    if not isinstance(value, list) or any(v not in SupportContext.values for v in value):
        raise ValidationError("Choose contexts of support from the list.")


class Person(models.Model):
    """Someone the service supports. Their own words come first."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Being supported"
        CLOSED = "closed", "Support has ended"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    preferred_name = models.CharField(max_length=100, help_text="The name they like to be called.")
    full_name = models.CharField(max_length=200)
    pronouns = models.CharField(max_length=50, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    about_me = models.TextField(
        "about me",
        max_length=4000,
        blank=True,
        help_text="In their own words: who they are and what matters to them.",
    )
    support_contexts = models.JSONField(
        default=list, blank=True, validators=[validate_support_contexts]
    )
    user = models.OneToOneField(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text="Their own login, once they have accepted an invitation.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    closed_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day support ended. Their own record stays readable online for a year after.",
    )
    email = models.EmailField(
        blank=True,
        help_text="Only if they want account links sent by email.",
    )
    last_seen_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When they last opened their own space (for 'new since your last visit').",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["preferred_name", "id"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.preferred_name

    @property
    def about_me_first_line(self) -> str:
        return self.about_me.strip().splitlines()[0] if self.about_me.strip() else ""

    def get_support_contexts_display(self) -> list[str]:
        labels = dict(SupportContext.choices)
        return [labels[c] for c in self.support_contexts if c in labels]

    # A closed case: the person reads their record (and downloads it) for this
    # long after support ends; after that, pages say how to ask for a copy.
    ONLINE_AFTER_CLOSING = datetime.timedelta(days=365)

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def online_until(self) -> datetime.date | None:
        """The last day a closed record is readable online; ``None`` while support goes on."""
        if not self.is_closed:
            return None
        # A case marked closed without a date counts from today, in the person's favour.
        closed_on = self.closed_on or timezone.localdate()
        return closed_on + self.ONLINE_AFTER_CLOSING

    def record_online(self, today: datetime.date | None = None) -> bool:
        until = self.online_until()
        return until is None or (today or timezone.localdate()) <= until


class CaseAssignmentQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on), started_on__lte=on)


class CaseAssignment(models.Model):
    """A worker working with a person, from one date until (optionally) another."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead worker"
        CO_WORKER = "co_worker", "Co-worker"
        PEER_SUPPORT = "peer_support", "Peer support worker"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assignments")
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LEAD)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(
        null=True, blank=True, help_text="Leave empty while the work goes on."
    )

    objects = CaseAssignmentQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["worker", "ended_on"], name="assignment_worker_idx"),
            models.Index(fields=["person", "ended_on"], name="assignment_person_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="assignment_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.worker} – {self.person} ({self.get_role_display()})"

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date must be on or after the start date."})
        refuse_org_admin(self.worker if self.worker_id else None, "worker")


class AccessEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The access log cannot be changed.")

    def delete(self):
        raise PermissionError("The access log cannot be deleted.")


class AccessEvent(models.Model):
    """One read or write of a person's record. Append-only: never updated or deleted."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "looked at"
        CHANGED = "changed", "changed"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_events")
    actor = models.ForeignKey(
        User, null=True, on_delete=models.PROTECT, related_name="access_events"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=200, help_text="The part of the record, in plain words.")
    acting_role = models.CharField(max_length=50)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"], name="access_person_at_idx")]

    def __str__(self):
        return f"{self.actor} {self.get_action_display()} {self.what} ({self.at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("The access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access log cannot be deleted.")


# --- Session notes -------------------------------------------------------------------

NOTE_TEXT_LIMIT = 10_000
NOTE_TEXT_HELP = f"Up to {NOTE_TEXT_LIMIT:,} characters."


class SessionNote(models.Model):
    """The record of one contact with a person. Shared with them unless withheld with a reason.

    Text is never overwritten: after the typo window (``casework.notes``) corrections
    are ``NoteAddendum`` rows, and every saved version is kept by ``history``.
    """

    class How(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"
        HOME_VISIT = "home_visit", "Home visit"
        GROUP = "group", "Group"
        MESSAGE = "message", "Message"

    class WithheldReason(models.TextChoices):
        SOMEONE_ELSE = "someone_else", "It holds information about someone else"
        SERIOUS_HARM = "serious_harm", "Sharing it could cause serious harm"
        LEGAL = "legal", "A legal restriction"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="authored_notes")
    happened_at = models.DateTimeField("date and time of the session")
    how = models.CharField("how we met", max_length=20, choices=How.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        "how long (minutes)",
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Between 1 and 600 minutes.",
    )
    person_present = models.BooleanField(
        "the person was there", default=True, help_text="Untick if you met without them."
    )
    other_professionals = models.CharField(
        "other professionals there",
        max_length=500,
        blank=True,
        help_text="Names and roles, if anyone else joined.",
    )
    talked_about = models.TextField(
        "what we talked about", max_length=NOTE_TEXT_LIMIT, help_text=NOTE_TEXT_HELP
    )
    going_well = models.TextField(
        "what is going well", max_length=NOTE_TEXT_LIMIT, blank=True, help_text=NOTE_TEXT_HELP
    )
    next_steps = models.TextField(
        "agreed next steps",
        max_length=NOTE_TEXT_LIMIT,
        blank=True,
        help_text=f"Who does what, by when. {NOTE_TEXT_HELP}",
    )
    next_contact_on = models.DateField("next contact", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    withheld_reason = models.CharField(
        "reason for not sharing",
        max_length=20,
        choices=WithheldReason.choices,
        blank=True,
        help_text="Leave empty to share this note with the person (the usual choice).",
    )
    withheld_explanation = models.CharField("why, in a sentence", max_length=500, blank=True)

    person_view = models.TextField(
        "their view", max_length=NOTE_TEXT_LIMIT, blank=True, editable=False
    )
    person_view_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    person_view_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Numbers only: which words were suggested is not kept (see docs/architecture.md).
    suggestions_shown = models.PositiveSmallIntegerField(default=0, editable=False)
    suggestions_acted_on = models.PositiveSmallIntegerField(default=0, editable=False)

    goals_touched = models.ManyToManyField(
        "strengths.Goal",
        blank=True,
        related_name="sessions",
        verbose_name="goals this session touched",
    )
    circle_present = models.ManyToManyField(
        "strengths.SignificantOther",
        blank=True,
        related_name="sessions",
        verbose_name="people from their circle who were there",
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
    text = models.TextField("addendum", max_length=NOTE_TEXT_LIMIT, help_text=NOTE_TEXT_HELP)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "addenda"

    def __str__(self):
        return f"Addendum to note {self.note_id} ({self.created_at:%d %b %Y %H:%M})"


class NoteSharingChange(models.Model):
    """Each time a note is withheld or shared again: who, when, why. Never edited."""

    note = models.ForeignKey(SessionNote, on_delete=models.PROTECT, related_name="sharing_changes")
    withheld = models.BooleanField(help_text="True: withheld from the person. False: shared.")
    reason = models.CharField(max_length=20, choices=SessionNote.WithheldReason.choices, blank=True)
    explanation = models.CharField(max_length=500)
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self):
        state = "withheld" if self.withheld else "shared"
        return f"Note {self.note_id} {state} ({self.changed_at:%d %b %Y %H:%M})"


# --- Alerts (issue 12) and supervision notes (issue 8): own modules, to ease merging. ---
from casework.alert_models import Alert, AlertResponse, AlertReview  # noqa: E402, F401

# --- What the person says back about a note (issue 7). ----------------------------
from casework.note_feedback_models import CorrectionRequest, SessionFeedback  # noqa: E402, F401
from casework.supervision_models import SupervisionNote  # noqa: E402, F401


class AccountInvitation(models.Model):
    """A one-time link that lets a person set up (or reset) their own login.

    Only a SHA-256 hash of the token is stored: the link is shown to the worker
    once and cannot be read back from the database.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="invitations_created"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    emailed_to = models.EmailField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Invitation for {self.person} ({self.created_at:%Y-%m-%d})"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now


class CheckIn(models.Model):
    """How the person is doing between sessions, in their words, for their workers."""

    class Feeling(models.IntegerChoices):
        STRUGGLING = 1, "Really struggling"
        NOT_GREAT = 2, "Not so good"
        OKAY = 3, "Okay"
        GOOD = 4, "Good"
        REALLY_GOOD = 5, "Really good"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="check_ins")
    feeling = models.PositiveSmallIntegerField("how I'm doing", choices=Feeling.choices)
    words = models.TextField("anything you want to say", max_length=2000, blank=True)
    wants_to_talk = models.BooleanField("I'd like to talk to my worker soon", default=False)
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True)
    seen_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="check_ins_seen"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "seen_at"], name="checkin_person_seen_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(feeling__gte=1, feeling__lte=5), name="checkin_feeling_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_feeling_display()} ({self.created_at:%Y-%m-%d})"


class PeerNoteSharingChoice(models.Model):
    """The person's choice: may their peer support worker read other workers' shared notes?

    A history, never edited: the current choice is the latest row; with no row
    the answer is "no". The access module (``casework.access``) applies it.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="peer_note_choices")
    allow = models.BooleanField(
        "my peer supporter may read other shared session notes", default=False
    )
    set_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    in_the_room = models.BooleanField(
        default=False, help_text="Recorded by a worker with the person there, deciding."
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"], name="peer_choice_person_at_idx")]

    def __str__(self):
        return f"{self.person}: peer may read shared notes = {self.allow} ({self.at:%Y-%m-%d})"
