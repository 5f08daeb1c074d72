"""The story on the record's pages: their own words first (overview), then Goals, Strengths & circle."""

import pytest
from django.urls import reverse

from casework.demo.factories import (
    GoalFactory,
    GoalRatingFactory,
    SetbackFactory,
    SignificantOtherFactory,
    StrengthFactory,
)
from strengths.models import Voice
from tests.casework.access.test_access_matrix import app_patterns

pytestmark = pytest.mark.django_db


READ_VIEWS = {"journey", "goal_detail", "goal_history"}


def _overview(client, person):
    return client.get(reverse("person_detail", args=[person.pk])).content.decode()


def _goals_page(client, person):
    """Goals, and the setbacks along the way."""
    return client.get(reverse("record_goals", args=[person.pk])).content.decode()


def _strengths_page(client, person):
    """Strengths and the circle of support."""
    return client.get(reverse("record_strengths", args=[person.pk])).content.decode()


def test_about_me_comes_first_then_goals_strengths_circle_setbacks(worker_client, person, goal):
    body = _overview(worker_client, person)
    assert body.index('id="about-heading"') < body.index('id="goals-now-heading"')
    goals_page = _goals_page(worker_client, person)
    assert goals_page.index('id="goals-heading"') < goals_page.index('id="setbacks-heading"')
    strengths_page = _strengths_page(worker_client, person)
    assert strengths_page.index('id="strengths-heading"') < strengths_page.index(
        'id="circle-heading"'
    )


def test_no_risk_score_or_labels_anywhere(worker_client, person, story_of, worker):
    story_of(person, 2, worker)
    import re

    for page in (_overview, _goals_page, _strengths_page):
        body = page(worker_client, person).lower()
        for word in ("risk", "severity", "client", "offender", "addict", "non-compliant"):
            # Whole words only: crispy's "asteriskfield" class is not a risk score.
            assert not re.search(rf"\b{word}\b", body), (page.__name__, word)


def test_latest_progress_from_both_voices(worker_client, worker, person, goal):
    import datetime

    from django.utils import timezone

    earlier = timezone.now() - datetime.timedelta(days=30)
    GoalRatingFactory(goal=goal, voice=Voice.PERSON, score=3, at=earlier, rated_by=worker)
    GoalRatingFactory(goal=goal, voice=Voice.PERSON, score=7, rated_by=person.user)
    GoalRatingFactory(goal=goal, voice=Voice.WORKER, score=5, rated_by=worker)
    body = _goals_page(worker_client, person)
    assert "Erin says 7 out of 10" in body
    assert "worker says 5 out of 10" in body
    assert "Erin says 3 out of 10" not in body


def test_authorship_is_shown(worker_client, worker, person):
    worker.first_name = "Alice"
    worker.save()
    GoalFactory(person=person, in_their_words="Mine", created_as=Voice.PERSON)
    GoalFactory(person=person, in_their_words="Ours", created_by=worker)
    body = _goals_page(worker_client, person)
    assert "In Erin&#x27;s words" in body
    assert "Written by Alice with Erin" in body


def test_no_goals_yet_is_an_invitation(worker_client, person):
    body = _goals_page(worker_client, person)
    assert "No goals yet. What would Erin like to be different" in body


def test_recent_setbacks_show_what_helped(worker_client, person):
    SetbackFactory(person=person, what_helped="A long walk with the dog")
    assert "A long walk with the dog" in _goals_page(worker_client, person)


def test_circle_shows_involvement_choices(worker_client, person):
    SignificantOtherFactory(person=person, name="Gran", involvement="keep_informed")
    body = _strengths_page(worker_client, person)
    assert "Gran" in body and "Keep informed" in body


@pytest.mark.parametrize("name", ["person_detail", "record_goals", "record_strengths"])
def test_overview_query_count_is_constant(
    name, worker_client, worker, person, story_of, query_count
):
    story_of(person, 5, worker)
    url = reverse(name, args=[person.pk])
    small = query_count(worker_client).get(url)
    story_of(person, 95, worker)
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, name)


def test_goal_detail_query_count_is_constant(worker_client, worker, person, goal, query_count):
    from casework.demo.factories import GoalStepFactory

    url = reverse("strengths:goal_detail", args=[person.pk, goal.pk])
    GoalRatingFactory.create_batch(5, goal=goal, rated_by=worker)
    GoalStepFactory.create_batch(
        5, goal=goal, who="circle", circle_member=SignificantOtherFactory(person=person)
    )
    small = query_count(worker_client).get(url)
    GoalRatingFactory.create_batch(95, goal=goal, rated_by=worker)
    GoalStepFactory.create_batch(
        95, goal=goal, who="circle", circle_member=SignificantOtherFactory(person=person)
    )
    goal.strengths.add(*StrengthFactory.create_batch(20, person=person))
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, "goal detail")


def _strengths_urls(record):
    for _route, name, args in app_patterns():
        if name.startswith("strengths:"):
            yield name, reverse(name, kwargs={a: record[a] for a in args})


def test_supervisor_reads_but_cannot_change(supervisor_client, person, request):
    ids = request.getfixturevalue("record_kwargs")
    assert supervisor_client.get(reverse("person_detail", args=[person.pk])).status_code == 200
    for page in (_goals_page, _strengths_page):
        body = page(supervisor_client, person)
        assert "Add a goal" not in body and "Archive<span" not in body and "Restore" not in body
        assert "Add a strength" not in body and "Record a setback" not in body
    checked = 0
    for name, url in _strengths_urls(ids):
        if name.split(":")[1] in READ_VIEWS:
            assert supervisor_client.get(url).status_code == 200, url
            continue
        assert supervisor_client.get(url).status_code in (404, 405), url
        assert supervisor_client.post(url, {}).status_code == 404, url
        checked += 1
    assert checked >= 20


def test_a_refused_post_changes_nothing(supervisor_client, person, request):
    from strengths.models import Goal

    goal = Goal.objects.get(pk=request.getfixturevalue("record_kwargs")["goal_id"])
    supervisor_client.post(reverse("strengths:goal_archive", args=[person.pk, goal.pk]))
    goal.refresh_from_db()
    assert goal.archived_at is None
