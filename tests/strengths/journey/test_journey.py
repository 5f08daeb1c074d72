"""The journey timeline: newest first, grouped by month, filterable, paged, constant queries."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import GoalFactory, GoalStepFactory, SetbackFactory, StrengthFactory
from strengths.journey.reads import SOURCES, Timeline, months_between
from strengths.models import Goal, GoalStep
from strengths.story import actions

pytestmark = pytest.mark.django_db


def _at(days_ago):
    return timezone.now() - datetime.timedelta(days=days_ago)


@pytest.fixture
def history(person):
    """Erin's story across three months, one item of each kind."""
    goal = GoalFactory(person=person, in_their_words="Grow my own veg", created_at=_at(95))
    goal.status, goal.achieved_at = Goal.Status.ACHIEVED, _at(5)
    goal.save()
    StrengthFactory(person=person, description="Patient", created_at=_at(60))
    GoalStepFactory(
        goal=goal, what="Get an allotment", status=GoalStep.Status.DONE, done_at=_at(40)
    )
    SetbackFactory(
        person=person,
        what_happened="Slugs ate everything",
        happened_on=timezone.localdate() - datetime.timedelta(days=20),
    )
    return goal


def _url(person, **params):
    url = reverse("strengths:journey", args=[person.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_events_are_newest_first(worker, person, history):
    events = Timeline(person)[0:10]
    assert [e.kind for e in events] == [
        "goal_achieved",
        "setback",
        "step_done",
        "strength",
        "goal_set",
    ]


def test_events_are_grouped_by_month_on_the_page(worker_client, person, history):
    body = worker_client.get(_url(person)).content.decode()
    months = re.findall(r'<h3 class="h5 journey-month">([^<]+)</h3>', body)
    expected = []
    for days in (5, 20, 40, 60, 95):
        label = timezone.localdate(_at(days)).strftime("%B %Y")
        if label not in expected:
            expected.append(label)
    assert months == expected
    assert body.index("Grow my own veg") < body.index("Slugs ate everything")
    assert "Well done, Erin." in body


def test_setbacks_sit_alongside_achievements_with_the_same_weight(worker_client, person, history):
    body = worker_client.get(_url(person)).content.decode()
    achieved = re.search(r'<li class="journey-event event-goal_achieved">', body)
    setback = re.search(r'<li class="journey-event event-setback">', body)
    assert achieved and setback


@pytest.mark.parametrize(
    ("kind", "shown", "hidden"),
    [
        ("goals", "Grow my own veg", "Slugs ate everything"),
        ("setbacks", "Slugs ate everything", "Patient"),
        ("strengths", "Patient", "Get an allotment"),
        ("steps", "Get an allotment", "Patient"),
    ],
)
def test_filter_by_kind_works_without_javascript(
    worker_client, person, history, kind, shown, hidden
):
    body = worker_client.get(_url(person, kind=kind)).content.decode()
    timeline = body[body.index('id="timeline"') :]
    assert shown in timeline and hidden not in timeline
    assert f'<option value="{kind}" selected>' in body


def test_an_unknown_filter_shows_everything(worker_client, person, history):
    response = worker_client.get(_url(person, kind="nonsense"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 5


def test_htmx_filter_returns_only_the_timeline(worker_client, person, history):
    body = worker_client.get(_url(person, kind="goals"), headers={"HX-Request": "true"})
    body = body.content.decode()
    assert "<html" not in body and 'id="timeline"' in body


def test_the_timeline_is_paginated(worker_client, person):
    for i in range(25):
        StrengthFactory(person=person, description=f"Strength {i:02d}", created_at=_at(i))
    first = worker_client.get(_url(person))
    assert [e.item.description for e in first.context["page"]][:2] == [
        "Strength 00",
        "Strength 01",
    ]
    assert len(first.context["page"].object_list) == 20
    second = worker_client.get(_url(person, page=2, kind="strengths"))
    assert [e.item.description for e in second.context["page"]] == [
        f"Strength {i:02d}" for i in range(20, 25)
    ]
    assert "kind=strengths&amp;page=1" in second.content.decode()
    assert worker_client.get(_url(person, page="zzz")).status_code == 200
    assert worker_client.get(_url(person, page=99)).status_code == 200


def test_archived_items_leave_the_timeline(worker, person, history):
    actions.archive_goal(worker, history)
    kinds = [e.kind for e in Timeline(person)[0:10]]
    assert "goal_set" not in kinds and "goal_achieved" not in kinds
    assert "step_done" not in kinds  # a step of an archived goal goes with it


def test_the_journey_so_far_in_warm_words(worker_client, person, history, story_of, worker):
    body = worker_client.get(_url(person)).content.decode()
    assert "1</strong> goal achieved, each one something to be proud of" in body
    assert "1</strong> strength noticed and named" in body
    assert "months on the journey" in body


def test_a_new_journey_has_an_inviting_empty_state(worker_client, person):
    body = worker_client.get(_url(person)).content.decode()
    assert "Nothing here yet." in body
    assert "Goals are taking shape" in body


def test_months_between():
    d = datetime.date
    assert months_between(d(2026, 1, 31), d(2026, 2, 28)) == 0
    assert months_between(d(2026, 1, 15), d(2026, 3, 15)) == 2
    assert months_between(d(2026, 3, 1), d(2026, 1, 1)) == 0


def test_each_source_is_a_small_function_pair():
    assert {s.filter for s in SOURCES} == {
        "sessions",
        "appointments",
        "goals",
        "steps",
        "strengths",
        "setbacks",
    }


def test_timeline_query_count_is_constant(
    worker_client, worker, person, story_of, query_count, add_notes
):
    story_of(person, 5, worker)
    add_notes(person, 5, author=worker)
    small = query_count(worker_client).get(_url(person))
    story_of(person, 95, worker)
    add_notes(person, 95, author=worker)
    large = query_count(worker_client).get(_url(person))
    query_count.assert_same(small, large, "journey")
    page2 = query_count(worker_client).get(_url(person, page=3))
    query_count.assert_same(small, page2, "journey page 3")
