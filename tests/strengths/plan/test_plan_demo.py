"""Demo plans: every demo person has one; alex agreed, chris could not answer yet; idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from casework.models import Person
from strengths.plan.models import (
    PlanAgreement,
    PlanDifference,
    PlanSectionRevision,
    RecoveryPlan,
)
from strengths.plan.reads import agreement_status, sections_for_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", people=6, stdout=StringIO())


def test_every_demo_person_has_a_plan_with_history(seeded):
    for person in Person.objects.all():
        plan = RecoveryPlan.objects.get(person=person, is_current=True)
        assert PlanSectionRevision.objects.filter(section__plan=plan).exists(), person


def test_alex_agreed_and_wrote_together_with_sam(seeded):
    plan = RecoveryPlan.objects.get(person__user__username="alex")
    status = agreement_status(plan)
    assert status.agreed_and_current and not status.last_agreed.in_the_room
    about = sections_for_page(plan).get(key="about")
    assert about.person_wrote and about.worker_wrote and about.version == 3


def test_chris_could_not_answer_now_and_sees_something_differently(seeded):
    plan = RecoveryPlan.objects.get(person__user__username="chris")
    status = agreement_status(plan)
    assert status.answer.answer == PlanAgreement.Answer.COULD_NOT_ANSWER
    assert status.answer.in_the_room and status.answer.recorded_by.username == "priya"
    assert PlanDifference.objects.filter(plan=plan, resolved_at__isnull=True).count() == 1


def test_seeding_twice_adds_no_plan_history(seeded):
    counts = (RecoveryPlan.objects.count(), PlanSectionRevision.objects.count())
    call_command("seed_demo", people=6, stdout=StringIO())
    assert (RecoveryPlan.objects.count(), PlanSectionRevision.objects.count()) == counts
