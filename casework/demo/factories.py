"""factory-boy factories shared by the tests and by ``seed_demo``.

Content is respectful and person-first: people describe themselves in their own
words, and nothing here labels anyone.
"""

import datetime

import factory
import faker
from django.utils import timezone
from factory.django import DjangoModelFactory

from casework.models import (
    Alert,
    AlertResponse,
    Appointment,
    AppointmentChange,
    CaseAssignment,
    CheckIn,
    NoteAddendum,
    Organisation,
    Person,
    ReminderPreference,
    SessionNote,
    StaffMembership,
    SupportContext,
    Team,
    User,
)
from strengths.models import (
    Goal,
    GoalRating,
    GoalStep,
    LifeArea,
    Setback,
    SignificantOther,
    Strength,
    Voice,
)

ABOUT_ME_LINES = [
    "I'm a dad of two and I want to be someone they can rely on.",
    "I love cooking for people. It's when I feel most like myself.",
    "I used to play football for the county and I'd like to coach kids one day.",
    "I'm good with engines and I want to get back into work at a garage.",
    "My faith matters to me and my church has stood by me.",
    "I write songs when things get loud in my head. It helps.",
    "I'm getting my own place sorted and want it to feel like home.",
    "I'm a carer for my mum and I want her to be proud of me.",
    "Walking my dog every morning keeps me steady.",
    "I'm studying for my maths GCSE at the college on Tuesdays.",
    "I like fixing bikes and I help out at the community bike shop.",
    "Art got me through school and I'd like to make it part of my life again.",
]


_FAKE = faker.Faker("en_GB")


def _plain(name: str) -> str:
    # Names like O'Neill are real, but HTML-escaped apostrophes make text checks flaky.
    return name.replace("'", "")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Community service {n}")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyFunction(lambda: _plain(_FAKE.first_name()))
    last_name = factory.LazyFunction(lambda: _plain(_FAKE.last_name()))
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("recovery-demo")


class StaffMembershipFactory(DjangoModelFactory):
    class Meta:
        model = StaffMembership
        django_get_or_create = ("user", "team", "role")

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = StaffMembership.Role.PRACTITIONER


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.LazyFunction(lambda: _plain(f"{_FAKE.first_name()} {_FAKE.last_name()}"))
    preferred_name = factory.LazyAttribute(lambda p: p.full_name.split()[0])
    pronouns = factory.Iterator(["he/him", "she/her", "they/them", ""])
    about_me = factory.Iterator(ABOUT_ME_LINES)
    support_contexts = factory.Iterator(
        [
            [SupportContext.JUSTICE],
            [SupportContext.MENTAL_HEALTH],
            [SupportContext.JUSTICE, SupportContext.SUBSTANCE_USE],
            [SupportContext.MENTAL_HEALTH, SupportContext.SUBSTANCE_USE],
        ]
    )
    created_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=200))


class CaseAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = CaseAssignment

    person = factory.SubFactory(PersonFactory)
    worker = factory.SubFactory(UserFactory)
    role = CaseAssignment.Role.LEAD
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=180))
    ended_on = None


class SessionNoteFactory(DjangoModelFactory):
    """A shared note, written now about a session a few days ago."""

    class Meta:
        model = SessionNote

    person = factory.SubFactory(PersonFactory)
    author = factory.SubFactory(UserFactory)
    happened_at = factory.Sequence(
        lambda n: timezone.now() - datetime.timedelta(days=3, hours=n % 1000)
    )
    how = SessionNote.How.FACE_TO_FACE
    duration_minutes = 45
    talked_about = "We talked about the week and about the plan for the allotment."
    going_well = "Getting to the allotment three mornings this week."
    next_steps = "Erin to ask about the volunteering role by Friday."


class NoteAddendumFactory(DjangoModelFactory):
    class Meta:
        model = NoteAddendum

    note = factory.SubFactory(SessionNoteFactory)
    author = factory.LazyAttribute(lambda a: a.note.author)
    text = "To add: the next session will be at the community garden."


# The person's own story -----------------------------------------------------


class StrengthFactory(DjangoModelFactory):
    class Meta:
        model = Strength

    person = factory.SubFactory(PersonFactory)
    description = factory.Iterator(
        [
            "I keep going when things are hard",
            "Good with my hands",
            "I make people laugh",
            "My sister always picks up the phone",
            "I know the bus routes inside out",
        ]
    )
    life_area = factory.Iterator(LifeArea.values)
    kind = Strength.Kind.QUALITY
    noticed_by = Strength.NoticedBy.PERSON
    example = "Last month I kept every appointment even when the bus was late."


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    in_their_words = factory.Iterator(
        [
            "I want to get my driving licence back",
            "I'd like to cook a proper Sunday dinner for my kids",
            "I want to find work outdoors",
            "I want to sleep better",
            "One day I'd like to run a 10k",
        ]
    )
    why_it_matters = "It would mean I can get to work and see my family."
    life_area = factory.Iterator(LifeArea.values)
    status = Goal.Status.WORKING_ON_IT


class GoalStepFactory(DjangoModelFactory):
    class Meta:
        model = GoalStep

    goal = factory.SubFactory(GoalFactory)
    what = "Ring the DVLA about the application form"
    who = GoalStep.Who.PERSON
    status = GoalStep.Status.NOT_STARTED


class GoalRatingFactory(DjangoModelFactory):
    class Meta:
        model = GoalRating

    goal = factory.SubFactory(GoalFactory)
    voice = Voice.PERSON
    score = 6
    rated_by = factory.SubFactory(UserFactory)


class SignificantOtherFactory(DjangoModelFactory):
    class Meta:
        model = SignificantOther

    person = factory.SubFactory(PersonFactory)
    name = factory.Iterator(["Mum", "Dave from the allotment", "Aunty Grace", "Parkrun group"])
    relationship = "family"
    how_they_help = "Listens without judging and checks in on Sundays."
    involvement = SignificantOther.Involvement.INVOLVE


class SetbackFactory(DjangoModelFactory):
    class Meta:
        model = Setback
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    what_happened = "I missed two weeks of college when my sleep went."
    happened_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    what_helped = "Talking it through with my sister."
    what_was_learned = "Late nights are an early sign for me."


# --- Alerts (issue 12) -----------------------------------------------------------


class AlertFactory(DjangoModelFactory):
    """A current alert the person has been told about, reviewed in 90 days."""

    class Meta:
        model = Alert

    person = factory.SubFactory(PersonFactory)
    wording = "Please call before a home visit"
    reason = "They work shifts and often sleep in the day. They asked for a call first."
    added_by = factory.SubFactory(UserFactory)
    review_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    person_told = True
    told_on = factory.LazyFunction(timezone.localdate)
    told_by = factory.SelfAttribute("added_by")
    told_how = Alert.ToldHow.IN_PERSON

    class Params:
        not_told = factory.Trait(
            person_told=False,
            told_on=None,
            told_by=None,
            told_how="",
            not_told_reason=Alert.NotToldReason.NOT_YET,
            not_told_explanation="We have not seen them since it was added.",
        )


class AlertResponseFactory(DjangoModelFactory):
    class Meta:
        model = AlertResponse

    alert = factory.SubFactory(AlertFactory)
    text = "I only sleep in the day on night-shift weeks. Other weeks, just come round."
    by = factory.LazyAttribute(lambda r: r.alert.person.user)


class CheckInFactory(DjangoModelFactory):
    class Meta:
        model = CheckIn

    person = factory.SubFactory(PersonFactory)
    feeling = CheckIn.Feeling.OKAY
    words = "Had a steady week. Went for a walk most mornings."
    wants_to_talk = False


def _next_weekday_at(hour: int, days_ahead: int = 3) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class AppointmentFactory(DjangoModelFactory):
    """A booked hour at the office a few days ahead, with its "booked" history row.

    ``workers`` defaults to ``created_by``; pass ``workers=[...]`` for others.
    """

    class Meta:
        model = Appointment
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    created_by = factory.SubFactory(UserFactory)
    starts_at = factory.LazyFunction(lambda: _next_weekday_at(10))
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + datetime.timedelta(hours=1))
    kind = Appointment.Kind.OFFICE
    place = "The Hub, 12 Market Street, room 2"
    purpose = "Catch up on how the week went and plan the next steps."

    @factory.post_generation
    def workers(self, create, extracted, **kwargs):
        if not create:
            return
        self.workers.set(extracted or [self.created_by])
        AppointmentChange.objects.create(
            appointment=self,
            what=AppointmentChange.What.BOOKED,
            to_starts_at=self.starts_at,
            to_ends_at=self.ends_at,
            by=self.created_by,
            at=self.created_at,
        )


class ReminderPreferenceFactory(DjangoModelFactory):
    """Email reminders the day before, without the service's name."""

    class Meta:
        model = ReminderPreference

    person = factory.SubFactory(PersonFactory)
    channel = "email"
    email = factory.LazyAttribute(lambda p: f"reminders-{p.person.pk}@example.org")
    day_before = True
