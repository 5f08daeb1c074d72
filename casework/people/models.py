"""Who works with whom, and the append-only log of who looked at what.

Record content (notes, goals, plans) hangs off ``Person``; access to any of it
is decided in ``casework.access`` and nowhere else.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from casework.common.models import AppendOnlyModel, AppendOnlyQuerySet, Voice

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
        _("organisation administrator"),
        default=False,
        help_text=_("Manages staff, teams and assignments. Sees no record content."),
    )

    interface_language = models.CharField(
        _("language for this website"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language pages are shown in after sign-in; empty follows the browser."),
    )

    session_salt = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text=_("Changed to sign this account out everywhere."),
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


def validate_working_days(value: str) -> None:
    if not value or any(c not in "1234567" for c in value) or len(set(value)) != len(value):
        raise ValidationError(
            "Write each working day once, as a number from 1 (Monday) to 7 (Sunday)."
        )


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    not_seen_weeks = models.PositiveSmallIntegerField(
        _("not seen for more than (weeks)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("The practice review counts people not seen for longer than this."),
    )
    # When the team's workers are at work: the person is told honestly when a
    # check-in sent out of hours will be seen (casework/crisis/hours.py).
    works_from = models.TimeField(_("workers start at"), default=datetime.time(9, 0))
    works_until = models.TimeField(_("workers finish at"), default=datetime.time(17, 0))
    working_days = models.CharField(
        _("working days"),
        max_length=7,
        default="12345",
        validators=[validate_working_days],
        help_text=_(
            "The days the team works, as numbers: 1 is Monday, 7 is Sunday. "
            "Monday to Friday is 12345."
        ),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique")
        ]
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.works_from and self.works_until and self.works_from >= self.works_until:
            raise ValidationError({"works_until": "The finishing time must be after the start."})


class StaffMembership(models.Model):
    class Role(models.TextChoices):
        PRACTITIONER = "practitioner", _("Practitioner")
        PEER_SUPPORT = "peer_support", _("Peer support worker")
        SUPERVISOR = "supervisor", _("Supervisor")
        # Adds people to the team and chooses their lead worker; reads no record
        # unless also assigned to it (casework.access.teams_that_may_add_people).
        TEAM_ADMIN = "team_admin", _("Team administrator")

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
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    JUSTICE = "justice", _("Justice (probation)")


def validate_support_contexts(value):
    if not isinstance(value, list) or any(v not in SupportContext.values for v in value):
        raise ValidationError("Choose contexts of support from the list.")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person")


def validate_contact_methods(value):
    if not isinstance(value, list) or any(v not in ContactMethod.values for v in value):
        raise ValidationError("Choose ways to get in touch from the list.")


LEGAL_NAME_HELP = (
    "Only if the service needs it, for example for court, health or benefit letters. "
    "Leave it empty if not: the name they like to be called is used everywhere else."
)


class Person(models.Model):
    """Someone the service supports. Their own words come first."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Being supported")
        CLOSED = "closed", _("Support has ended")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    preferred_name = models.CharField(
        _("name they like to be called"),
        max_length=100,
        help_text=_("The name they like to be called."),
    )
    full_name = models.CharField(
        _("legal name"), max_length=200, blank=True, help_text=LEGAL_NAME_HELP
    )
    pronouns = models.CharField(max_length=50, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    about_me = models.TextField(
        _("about me"),
        max_length=4000,
        blank=True,
        help_text=_("In their own words: who they are and what matters to them."),
    )
    support_contexts = models.JSONField(
        default=list, blank=True, validators=[validate_support_contexts]
    )
    identity = models.TextField(
        _("identity and background"),
        max_length=2000,
        blank=True,
        help_text=_("Identity, culture, faith or background, only what they choose to share."),
    )
    valued_roles = models.TextField(
        _("roles that matter"),
        max_length=2000,
        blank=True,
        help_text=_("For example parent, carer, volunteer, footballer, friend."),
    )
    contact_methods = models.JSONField(
        _("ways to get in touch"),
        default=list,
        blank=True,
        validators=[validate_contact_methods],
    )
    contact_notes = models.TextField(
        _("more about getting in touch"),
        max_length=1000,
        blank=True,
        help_text=_("Best times, numbers or addresses to avoid, anything else."),
    )
    language = models.CharField(
        _("language"),
        max_length=100,
        blank=True,
        help_text=_("For example English, Polish, BSL."),
    )
    needs_interpreter = models.BooleanField(_("would like an interpreter"), default=False)
    accessibility_needs = models.TextField(
        _("access needs"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Access needs: large print, easy read, step-free access, more time, a quiet room."
        ),
    )
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        help_text=_("The team that added them and supports them."),
    )
    profile_version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_(
            "Goes up with each profile change, so two people editing at once never "
            "silently lose an edit."
        ),
    )
    user = models.OneToOneField(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("Their own login, once they have accepted an invitation."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    closed_on = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "The day support ended. Their own record stays readable online for a year after."
        ),
    )
    email = models.EmailField(
        blank=True,
        help_text=_("Only if they want account links sent by email."),
    )
    last_seen_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When they last opened their own space (for 'new since your last visit')."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    retention_applied_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the retention period ended and the record was removed or anonymised "
            "(casework.people.retention). Only this stub and the access log are left."
        ),
    )

    class Meta:
        ordering = ["preferred_name", "id"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.preferred_name

    @property
    def about_me_first_line(self) -> str:
        return self.about_me.strip().splitlines()[0] if self.about_me.strip() else ""

    def get_contact_methods_display(self) -> list[str]:
        labels = dict(ContactMethod.choices)
        return [labels[c] for c in self.contact_methods if c in labels]

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
        LEAD = "lead", _("Lead worker")
        CO_WORKER = "co_worker", _("Co-worker")
        PEER_SUPPORT = "peer_support", _("Peer support worker")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assignments")
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LEAD)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(
        null=True, blank=True, help_text=_("Leave empty while the work goes on.")
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


class AccessEventQuerySet(AppendOnlyQuerySet):
    pass


class AccessEvent(AppendOnlyModel):
    """One read or write of a person's record. Append-only: never updated or deleted."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("looked at")
        CHANGED = "changed", _("changed")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_events")
    actor = models.ForeignKey(
        User, null=True, on_delete=models.PROTECT, related_name="access_events"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=200, help_text=_("The part of the record, in plain words."))
    acting_role = models.CharField(max_length=50)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    history_name = "The access log"

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"], name="access_person_at_idx")]

    def __str__(self):
        return f"{self.actor} {self.get_action_display()} {self.what} ({self.at:%Y-%m-%d %H:%M})"


class ProfileChange(AppendOnlyModel):
    """One field of a person's profile changed: the earlier and later value, who and when.

    Append-only: the profile history the person and their workers read
    (DESIGN section 3.4, "nothing lost").
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="profile_changes")
    changed_by = models.ForeignKey(
        User, null=True, on_delete=models.PROTECT, related_name="profile_changes"
    )
    voice = models.CharField(max_length=10, choices=Voice.choices)
    field = models.CharField(max_length=50)
    label = models.CharField(max_length=100, help_text=_("The field, in plain words."))
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    history_name = "The profile history"

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"], name="profile_change_person_at_idx")]

    def __str__(self):
        return f"{self.label} changed ({self.at:%Y-%m-%d %H:%M})"
