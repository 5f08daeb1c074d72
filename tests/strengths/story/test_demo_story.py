"""seed_demo gives every demo person a story, and running it twice duplicates nothing."""

import pytest
from django.core.management import call_command

from casework.models import Person
from strengths.models import Goal, GoalRating, GoalStep, Setback, SignificantOther, Strength

pytestmark = pytest.mark.django_db

MODELS = (Goal, GoalStep, GoalRating, Strength, SignificantOther, Setback)


def _counts():
    return {m.__name__: m.objects.count() for m in MODELS}


def test_every_demo_person_has_a_story_and_seeding_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", people=4, stdout=None)
    first = _counts()
    call_command("seed_demo", people=4, stdout=None)
    assert _counts() == first
    for person in Person.objects.all():
        goals = person.goals.all()
        assert 3 <= goals.count() <= 6, person
        assert goals.filter(status=Goal.Status.ACHIEVED).exists(), person
        assert goals.filter(status__in=[Goal.Status.PAUSED, Goal.Status.LET_GO]).exists()
        assert len({g.life_area for g in goals}) >= 2
        assert person.strengths.exclude(example="").exists()
        assert 2 <= person.circle.count() <= 5
        assert person.circle.filter(involvement="do_not_contact").exists()
        assert 1 <= person.setbacks.count() <= 3
        assert not person.setbacks.filter(what_was_learned="").exists()
        voices = set(GoalRating.objects.filter(goal__person=person).values_list("voice", flat=True))
        assert voices == {"person", "worker"}
        months = {r.at.strftime("%Y-%m") for r in GoalRating.objects.filter(goal__person=person)}
        assert len(months) >= 3
