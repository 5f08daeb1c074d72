"""Session feedback on the practice page: the count and the spread, honestly.

A percentage of one or two answers says more than it knows, so the page shows
how many people gave each answer, and a share only from five answers up.
"""

import pytest

from casework.demo.factories import SessionNoteFactory
from casework.models import SessionFeedback
from casework.practice.review import default_period, session_feedback, team_scope

pytestmark = pytest.mark.django_db


def _answers(person, worker, pairs):
    for listened, mattered in pairs:
        note = SessionNoteFactory(person=person, author=worker)
        SessionFeedback.objects.create(
            note=note, listened_to=listened, talked_about_what_matters=mattered
        )


def _reading(supervisor):
    return session_feedback(team_scope(supervisor.memberships.get().team), default_period())


def test_one_answer_shows_the_answer_and_no_percentage(supervisor, worker, person):
    _answers(person, worker, [(4, 3)])
    reading = _reading(supervisor)
    assert reading.text == (
        "1 answer. Felt listened to: 1 said 4. Talked about what mattered: 1 said 3."
    )
    assert "%" not in reading.text


def test_four_answers_show_the_spread_and_no_percentage(supervisor, worker, person):
    _answers(person, worker, [(4, 3), (4, 5), (2, 3), (5, 3)])
    reading = _reading(supervisor)
    assert reading.text == (
        "4 answers. Felt listened to: 1 said 5, 2 said 4, 1 said 2. "
        "Talked about what mattered: 1 said 5, 3 said 3."
    )
    assert "%" not in reading.text
    assert (reading.number, reading.out_of) == (3, 4)


def test_five_answers_add_the_share_who_said_4_or_5(supervisor, worker, person):
    _answers(person, worker, [(4, 3), (4, 5), (2, 3), (5, 3), (1, 1)])
    reading = _reading(supervisor)
    assert reading.text == (
        "5 answers. Felt listened to: 1 said 5, 2 said 4, 1 said 2, 1 said 1 "
        "(60% said 4 or 5). Talked about what mattered: 1 said 5, 3 said 3, 1 said 1 "
        "(20% said 4 or 5)."
    )
    assert person.preferred_name not in reading.text
