"""The person's own story: goals, steps, strengths, their circle and setbacks.

Everything here hangs off ``casework.Person`` and is reached through it (see
``casework.access``). Every row records who wrote or changed it and in which
voice (the person, or a worker on their behalf); ``HistoricalRecords`` keeps each
earlier version. Nothing is deleted: goals, steps, strengths, circle members
and setbacks are archived and can be restored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.common.models import Voice
from casework.models import Person


class LifeArea(models.TextChoices):
    HOME = "home", _("Home and daily living")
    MONEY = "money", _("Money")
    WORK = "work", _("Work, learning and volunteering")
    RELATIONSHIPS = "relationships", _("Relationships and family")
    HEALTH = "health", _("Health and wellbeing")
    LEISURE = "leisure", _("Leisure and interests")
    IDENTITY = "identity", _("Identity, culture and spirituality")
    STAYING_WELL = "staying_well", _("Staying safe and well")


class StoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class Authored(models.Model):
    """Who wrote this, in whose voice, and who changed it last."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_as = models.CharField(max_length=10, choices=Voice.choices, default=Voice.WORKER)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_as = models.CharField(max_length=10, choices=Voice.choices, default=Voice.WORKER)
    archived_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Compare-and-swap on every change (casework.common.concurrency): a form opened
    # at an older version never saves over a newer one.
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def in_their_own_words(self) -> bool:
        return self.created_as == Voice.PERSON


class SignificantOther(Authored):
    """Someone in the person's circle of support, involved only as the person chooses."""

    class Kind(models.TextChoices):
        PERSON = "person", _("A person")
        GROUP = "group", _("A group or community")
        PEER = "peer", _("A peer supporter")

    class Involvement(models.TextChoices):
        INVOLVE = "involve", _("Involve in my plan")
        KEEP_INFORMED = "keep_informed", _("Keep informed")
        DO_NOT_CONTACT = "do_not_contact", _("Do not contact")
        NOT_DECIDED = "not_decided", _("Not decided yet")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="circle")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(
        _("name, or how they are known"),
        max_length=100,
        help_text=_(
            "However the person refers to them: “Mum”, “Dave from the allotment”. "
            "Up to 100 characters."
        ),
    )
    relationship = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("For example sister, friend, sponsor, running club. Up to 100 characters."),
    )
    how_they_help = models.TextField(
        max_length=1000, blank=True, help_text=_("Up to 1,000 characters.")
    )
    what_is_hard = models.TextField(
        _("what can be hard (optional)"),
        max_length=1000,
        blank=True,
        help_text=_("Only if the person wants it noted. Up to 1,000 characters."),
    )
    contact_details = models.TextField(
        max_length=500,
        blank=True,
        help_text=_(
            "Only if the person wants them held here. Never shown while they ask "
            "for this person not to be contacted. Up to 500 characters."
        ),
    )
    involvement = models.CharField(
        _("involvement in the plan"),
        max_length=20,
        choices=Involvement.choices,
        default=Involvement.NOT_DECIDED,
        help_text=_("The person's own choice."),
    )
    # The person's own choice, set only from their own space: shown on their
    # "I need help now" page (contact details never, while "do not contact").
    call_in_crisis = models.BooleanField(
        _("someone I would call in a crisis"),
        default=False,
        help_text=_("They will be shown on your I need help now page."),
    )
    involvement_set_at = models.DateTimeField(default=timezone.now)
    involvement_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    involvement_set_as = models.CharField(
        max_length=10, choices=Voice.choices, default=Voice.WORKER
    )
    # A worker records a choice only as something the person said in a session
    # (issue 17): the day they said it, and the choice before, which the person's
    # one-click undo goes back to.
    involvement_said_on = models.DateField(_("said in the session on"), null=True, blank=True)
    involvement_before = models.CharField(
        max_length=20, choices=Involvement.choices, blank=True, default=""
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "member of the circle of support"

    def __str__(self):
        return self.name

    @property
    def do_not_contact(self) -> bool:
        return self.involvement == self.Involvement.DO_NOT_CONTACT

    @property
    def contact_for_crisis(self) -> str:
        """Contact details for the person's crisis page: never for someone not to be contacted."""
        return "" if self.do_not_contact else self.contact_details

    @property
    def phone_href(self) -> str:
        """A tel: link when the contact details are just a phone number (and may be shown)."""
        details = self.contact_for_crisis.strip()
        digits = "".join(c for c in details if c.isdigit() or c == "+")
        if not details or any(c not in "0123456789+ -()" for c in details) or len(digits) < 5:
            return ""
        return f"tel:{digits}"

    @property
    def choice_recorded_by_someone_else(self) -> bool:
        """A worker recorded the current choice, so the person may undo it."""
        return self.involvement_set_as == Voice.WORKER and bool(self.involvement_before)


class Strength(Authored):
    class Kind(models.TextChoices):
        QUALITY = "quality", _("A personal quality")
        SKILL = "skill", _("A skill")
        INTEREST = "interest", _("An interest")
        RESOURCE = "resource", _("A resource around them")
        CULTURAL = "cultural", _("Cultural or spiritual")

    class NoticedBy(models.TextChoices):
        PERSON = "person", _("The person themselves")
        WORKER = "worker", _("Their worker")
        CIRCLE = "circle", _("Someone in their circle")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="strengths")
    description = models.CharField(
        _("what it is"),
        max_length=200,
        help_text=_("For example “I keep going when things are hard”. Up to 200 characters."),
    )
    life_area = models.CharField(max_length=20, choices=LifeArea.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.QUALITY)
    noticed_by = models.CharField(
        _("who noticed it"), max_length=10, choices=NoticedBy.choices, default=NoticedBy.PERSON
    )
    example = models.TextField(
        _("an example of it in action"),
        max_length=2000,
        blank=True,
        help_text=_("Up to 2,000 characters."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "-created_at"], name="strength_person_created_idx")
        ]

    def __str__(self):
        return self.description


class Goal(Authored):
    class Status(models.TextChoices):
        EXPLORING = "exploring", _("Exploring")
        WORKING_ON_IT = "working_on_it", _("Working on it")
        ACHIEVED = "achieved", _("Achieved")
        PAUSED = "paused", _("Paused for now")
        LET_GO = "let_go", _("Let go")

    class Horizon(models.TextChoices):
        NOW = "now", _("Now")
        ONE_DAY = "one_day", _("One day")

    CURRENT_STATUSES = (Status.EXPLORING, Status.WORKING_ON_IT)

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="goals")
    in_their_words = models.CharField(
        _("the goal, in the person's own words"),
        max_length=300,
        help_text=_("For example “I want to get my driving licence back”. Up to 300 characters."),
    )
    why_it_matters = models.TextField(
        _("why it matters to them"),
        max_length=2000,
        blank=True,
        help_text=_("Up to 2,000 characters."),
    )
    life_area = models.CharField(max_length=20, choices=LifeArea.choices)
    horizon = models.CharField(
        _("when"), max_length=10, choices=Horizon.choices, default=Horizon.NOW
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.EXPLORING)
    achieved_at = models.DateTimeField(null=True, blank=True)
    strengths = models.ManyToManyField(
        Strength,
        blank=True,
        related_name="goals",
        help_text=_("Strengths this goal draws on."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"], name="goal_person_created_idx")]

    def __str__(self):
        return self.in_their_words


class GoalStep(Authored):
    class Who(models.TextChoices):
        PERSON = "person", _("The person")
        WORKER = "worker", _("Their worker")
        CIRCLE = "circle", _("Someone from their circle")
        OTHER_SERVICE = "other_service", _("Another service")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_YET = "not_yet", _("Can't be done yet")
        NO_LONGER_NEEDED = "no_longer_needed", _("No longer needed")

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="steps")
    what = models.CharField(max_length=300, help_text=_("Up to 300 characters."))
    who = models.CharField(_("who does it"), max_length=20, choices=Who.choices, default=Who.PERSON)
    circle_member = models.ForeignKey(
        SignificantOther,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steps",
        verbose_name=_("someone from their circle"),
    )
    other_service = models.CharField(
        _("which service"), max_length=100, blank=True, help_text=_("Up to 100 characters.")
    )
    due_on = models.DateField(_("by when (optional)"), null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    done_at = models.DateTimeField(null=True, blank=True)
    strength = models.ForeignKey(
        Strength,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steps",
        verbose_name=_("a strength it draws on"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.what


class GoalRating(models.Model):
    """How things are going on a goal, 1 to 10, in one voice. Never edited, only added."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="ratings")
    voice = models.CharField(_("whose view"), max_length=10, choices=Voice.choices)
    score = models.PositiveSmallIntegerField(
        _("how things are going (1 to 10)"),
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("1 is “not going well at all”, 10 is “going really well”."),
    )
    comment = models.TextField(
        _("comment (optional)"), max_length=1000, blank=True, help_text=_("Up to 1,000 characters.")
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "id"]
        # The overview's "latest rating in each voice" subqueries.
        indexes = [models.Index(fields=["goal", "voice", "-at"], name="rating_goal_voice_at_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=10), name="goal_rating_1_to_10"
            )
        ]

    def __str__(self):
        return f"{self.get_voice_display()}: {self.score}/10"


def not_in_the_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("This date is in the future. Please give the date it happened."))


class Setback(Authored):
    """Something that got in the way, recorded as learning. There is no severity score."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="setbacks")
    what_happened = models.TextField(
        max_length=2000,
        help_text=_("In the person's own words where possible. Up to 2,000 characters."),
    )
    happened_on = models.DateField(_("when it happened"), validators=[not_in_the_future])
    early_signs = models.TextField(
        _("early signs noticed"),
        max_length=2000,
        blank=True,
        help_text=_("Up to 2,000 characters."),
    )
    what_helped = models.TextField(
        max_length=2000, blank=True, help_text=_("Up to 2,000 characters.")
    )
    what_was_learned = models.TextField(
        max_length=2000, blank=True, help_text=_("Up to 2,000 characters.")
    )
    next_time = models.TextField(
        _("what to do next time"),
        max_length=2000,
        blank=True,
        help_text=_("Up to 2,000 characters."),
    )
    goals = models.ManyToManyField(
        Goal,
        blank=True,
        related_name="setbacks",
        help_text=_("Goals it touched. They carry on; nothing is reset."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on", "-created_at", "-id"]
        # The caseload's "recent setback" and the journey's newest-first setbacks.
        indexes = [
            models.Index(fields=["person", "-happened_on"], name="setback_person_happened_idx")
        ]

    def __str__(self):
        return self.what_happened[:60]
