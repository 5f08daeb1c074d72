"""The plan shows goals, strengths, circle and setbacks live, never as copies."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import (
    GoalFactory,
    GoalStepFactory,
    SetbackFactory,
    SignificantOtherFactory,
    StrengthFactory,
)
from strengths.models import Goal, SignificantOther

pytestmark = pytest.mark.django_db


def _plan_page(client, person):
    response = client.get(reverse("plan", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_live_parts_follow_the_record(worker_client, person, plan):
    goal = GoalFactory(person=person, in_their_words="I want to swim in the sea")
    GoalStepFactory(goal=goal, what="Find the Tuesday swim group")
    GoalFactory(person=person, in_their_words="Old goal I let go", status=Goal.Status.LET_GO)
    StrengthFactory(person=person, description="Steady under pressure")
    SetbackFactory(person=person, what_happened="Missed a week", what_helped="My brother")
    body = _plan_page(worker_client, person)
    assert "I want to swim in the sea" in body
    assert "Find the Tuesday swim group" in body
    assert "Old goal I let go" not in body
    assert "Steady under pressure" in body
    assert "My brother" in body

    goal.in_their_words = "I want to swim in the sea every month"
    goal.save()
    assert "I want to swim in the sea every month" in _plan_page(worker_client, person)


def test_archived_items_leave_the_plan(worker_client, person, plan, worker):
    goal = GoalFactory(person=person, in_their_words="Archived hope")
    goal.archived_at = timezone.now()
    goal.save()
    assert "Archived hope" not in _plan_page(worker_client, person)


def test_circle_shows_the_persons_choice(worker_client, person, plan):
    SignificantOtherFactory(
        person=person,
        name="Uncle Ray",
        involvement=SignificantOther.Involvement.DO_NOT_CONTACT,
        contact_details="07700 900123",
    )
    body = _plan_page(worker_client, person)
    assert "Uncle Ray" in body and "do not contact" in body
    assert "07700 900123" not in body


def test_plan_page_queries_stay_constant_as_the_record_grows(
    worker_client, person, plan, query_count
):
    url = reverse("plan", args=[person.pk])
    GoalStepFactory(goal=GoalFactory(person=person))
    small = query_count(worker_client).get(url)
    for _ in range(15):
        GoalStepFactory(goal=GoalFactory(person=person))
        StrengthFactory(person=person)
        SignificantOtherFactory(person=person)
        SetbackFactory(person=person, happened_on=timezone.localdate() - datetime.timedelta(days=3))
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, "plan page with live parts")
