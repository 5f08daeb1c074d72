"""factory-boy factories shared by the tests and by ``seed_demo``.

Content is respectful and person-first: people describe themselves in their own
words, and nothing here labels anyone.
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from casework.models import (
    CaseAssignment,
    CheckIn,
    Organisation,
    Person,
    StaffMembership,
    SupportContext,
    Team,
    User,
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
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
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
    full_name = factory.Faker("name", locale="en_GB")
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


class CheckInFactory(DjangoModelFactory):
    class Meta:
        model = CheckIn

    person = factory.SubFactory(PersonFactory)
    feeling = CheckIn.Feeling.OKAY
    words = "Had a steady week. Went for a walk most mornings."
    wants_to_talk = False
