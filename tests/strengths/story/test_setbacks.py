"""Setbacks: recorded as learning, never scored, never resetting a goal."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import SetbackFactory
from strengths.models import Goal, Setback

pytestmark = pytest.mark.django_db


def _setback_post(**overrides):
    data = {
        "what_happened": "I stayed in bed for a week when the dark days came back.",
        "happened_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "early_signs": "I stopped painting.",
        "what_helped": "My sister coming round.",
        "what_was_learned": "Routine is my anchor.",
        "next_time": "Keep the morning walk going.",
    }
    return {**data, **overrides}


def test_a_setback_is_recorded_and_linked_goals_carry_on(worker_client, person, goal):
    goal.status = Goal.Status.WORKING_ON_IT
    goal.save()
    url = reverse("strengths:setback_add", args=[person.pk])
    response = worker_client.post(url, _setback_post(goals=[goal.pk]))
    assert response.status_code == 302
    setback = person.setbacks.get()
    assert list(setback.goals.all()) == [goal]
    goal.refresh_from_db()
    assert goal.status == Goal.Status.WORKING_ON_IT
    body = worker_client.get(reverse("record_goals", args=[person.pk])).content.decode()
    assert "My sister coming round." in body and "Routine is my anchor." in body


def test_there_is_no_severity_score_anywhere():
    names = {f.name for f in Setback._meta.get_fields()}
    assert not {n for n in names if "sever" in n or "risk" in n or "score" in n}


def test_a_setback_cannot_be_dated_in_the_future(worker_client, person):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    url = reverse("strengths:setback_add", args=[person.pk])
    response = worker_client.post(url, _setback_post(happened_on=tomorrow))
    assert response.status_code == 200
    assert "This date is in the future" in response.content.decode()
    assert not person.setbacks.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"what_happened": " \n "}, "Please say what happened"),
        ({"happened_on": ""}, "Please give the date it happened."),
        ({"happened_on": "31/02/2026"}, "Please give a real date."),
        ({"what_helped": "x" * 2001}, "please keep it to 2000 characters"),
    ],
)
def test_bad_setback_input_is_explained(worker_client, person, overrides, message):
    url = reverse("strengths:setback_add", args=[person.pk])
    response = worker_client.post(url, _setback_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()


def test_setbacks_are_archived_and_restored(worker_client, person):
    setback = SetbackFactory(person=person)
    worker_client.post(reverse("strengths:setback_archive", args=[person.pk, setback.pk]))
    setback.refresh_from_db()
    assert setback.archived_at is not None
    journey = worker_client.get(reverse("strengths:journey", args=[person.pk])).content.decode()
    assert setback.what_happened not in journey
    worker_client.post(reverse("strengths:setback_restore", args=[person.pk, setback.pk]))
    journey = worker_client.get(reverse("strengths:journey", args=[person.pk])).content.decode()
    assert setback.what_happened in journey


def test_a_setback_can_only_link_the_persons_own_goals(worker_client, person, other_person):
    from casework.demo.factories import GoalFactory

    theirs = GoalFactory(person=other_person)
    url = reverse("strengths:setback_add", args=[person.pk])
    response = worker_client.post(url, _setback_post(goals=[theirs.pk]))
    assert "Select a valid choice" in response.content.decode()
