"""A session note names the goals it touched and who from the person's circle was there."""

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import GoalFactory, PersonFactory, SignificantOtherFactory
from casework.notes import actions
from strengths.models import SignificantOther

pytestmark = pytest.mark.django_db


def _data(**extra):
    return {
        "happened_at": timezone.now(),
        "how": "face_to_face",
        "duration_minutes": 30,
        "talked_about": "The allotment and the course.",
        **extra,
    }


def test_recording_links_goals_and_circle(worker, person):
    goal = GoalFactory(person=person)
    sister = SignificantOtherFactory(person=person, name="Sis")
    note = actions.record_session(
        person, worker, _data(goals_touched=[goal], circle_present=[sister])
    )
    assert list(note.goals_touched.all()) == [goal]
    assert list(note.circle_present.all()) == [sister]
    assert list(goal.sessions.all()) == [note]


def test_someone_elses_goal_is_never_linked(worker, person, organisation):
    stranger_goal = GoalFactory(person=PersonFactory(organisation=organisation))
    note = actions.record_session(person, worker, _data(goals_touched=[stranger_goal]))
    assert not note.goals_touched.exists()


def test_the_form_offers_only_this_persons_goals_and_circle(worker_client, person, organisation):
    mine = GoalFactory(person=person, in_their_words="Walk the coast path")
    GoalFactory(person=PersonFactory(organisation=organisation), in_their_words="Not Erin's goal")
    SignificantOtherFactory(
        person=person, name="Uncle Ray", involvement=SignificantOther.Involvement.DO_NOT_CONTACT
    )
    body = worker_client.get(reverse("note_create", args=[person.pk])).content.decode()
    assert mine.in_their_words in body
    assert "Not Erin's goal" not in body
    # The person's choice shows wherever that person appears.
    assert "Uncle Ray (do not contact)" in body


def test_posting_a_goal_of_another_person_is_refused(worker_client, person, organisation):
    stranger_goal = GoalFactory(person=PersonFactory(organisation=organisation))
    response = worker_client.post(
        reverse("note_create", args=[person.pk]),
        {
            "happened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "how": "phone",
            "duration_minutes": 20,
            "talked_about": "A quick call.",
            "goals_touched": [stranger_goal.pk],
        },
    )
    assert response.status_code == 200
    assert "goals_touched" in response.context["form"].errors
    assert not person.notes.exists()


def test_sessions_appear_on_the_journey(worker_client, person, worker):
    actions.record_session(person, worker, _data(going_well="Slept well all week"))
    body = worker_client.get(reverse("strengths:journey", args=[person.pk])).content.decode()
    assert "Slept well all week" in body
    only_sessions = worker_client.get(
        reverse("strengths:journey", args=[person.pk]) + "?kind=sessions"
    )
    assert only_sessions.status_code == 200
