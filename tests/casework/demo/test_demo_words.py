"""Demo data reads like real people: each person's words are their own (issue 21).

No free-text line (a note, a goal, a step, a strength, a circle member's help,
a setback, "about me", a plan section, a check-in, an alert) appears word for
word for two different people, and pronouns fit each person's story.
"""

from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command

from casework.models import Alert, CheckIn, NoteAddendum, Person, SessionNote
from strengths.models import Goal, GoalRating, GoalStep, Setback, SignificantOther, Strength
from strengths.plan.models import PlanSectionRevision

pytestmark = pytest.mark.django_db

# (model, path to the person, free-text fields)
FREE_TEXT = [
    (Person, "pk", ["about_me"]),
    (SessionNote, "person_id", ["talked_about", "going_well", "next_steps", "person_view"]),
    (NoteAddendum, "note__person_id", ["text"]),
    (Goal, "person_id", ["in_their_words", "why_it_matters"]),
    (GoalStep, "goal__person_id", ["what"]),
    (GoalRating, "goal__person_id", ["comment"]),
    (Strength, "person_id", ["description", "example"]),
    (SignificantOther, "person_id", ["how_they_help", "what_is_hard"]),
    (
        Setback,
        "person_id",
        ["what_happened", "early_signs", "what_helped", "what_was_learned", "next_time"],
    ),
    (PlanSectionRevision, "section__plan__person_id", ["text"]),
    (CheckIn, "person_id", ["words"]),
    (Alert, "person_id", ["wording", "reason"]),
]


def lines_by_person():
    """Every non-empty line of demo free text, and the people whose record holds it."""
    seen = defaultdict(set)
    for model, person, fields in FREE_TEXT:
        for row in model.objects.values(person, *fields):
            for field in fields:
                for line in (row[field] or "").splitlines():
                    if line.strip():
                        seen[line.strip()].add(row[person])
    return seen


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def test_no_line_is_repeated_word_for_word_across_people(demo):
    repeated = {line: people for line, people in lines_by_person().items() if len(people) > 1}
    assert not repeated, "\n".join(f"{len(p)}x {line}" for line, p in sorted(repeated.items()))


def test_every_demo_person_has_a_distinct_preferred_name(demo):
    names = list(Person.objects.values_list("preferred_name", flat=True))
    assert len(names) == len(set(names))


PRONOUN_WORDS = {"he/him": {"he", "him", "his"}, "she/her": {"she", "her", "hers"}}


def test_pronouns_fit_each_persons_story(demo):
    """What workers wrote about someone ("Loves his kids") matches the pronouns they gave."""
    stories = [
        (Strength, "person_id", ["description", "example"]),
        (Goal, "person_id", ["in_their_words", "why_it_matters"]),
        (PlanSectionRevision, "section__plan__person_id", ["text"]),
    ]
    pronouns = dict(Person.objects.values_list("pk", "pronouns"))
    misfits = []
    for model, person, fields in stories:
        for row in model.objects.values(person, *fields):
            words = {w.strip(".,;:!?'\"").lower() for f in fields for w in (row[f] or "").split()}
            for said, used in PRONOUN_WORDS.items():
                if words & used and pronouns[row[person]] != said:
                    misfits.append((pronouns[row[person]], [row[f] for f in fields]))
    assert not misfits, misfits
    assert set(pronouns.values()) >= {"he/him", "she/her", "they/them"}
