"""The person's own goals, strengths, circle and setbacks, in their own words and voice."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import (
    GoalFactory,
    SetbackFactory,
    SignificantOtherFactory,
    StrengthFactory,
)
from strengths.models import SignificantOther, Voice

pytestmark = pytest.mark.django_db
KINDS = ["goals", "strengths", "circle", "setbacks"]


@pytest.mark.parametrize("kind", KINDS)
def test_each_list_page_opens_with_help(person_client, kind):
    body = person_client.get(reverse(f"me_{kind}")).content.decode()
    assert "What does this mean?" in body
    assert body.count("<h1") == 1


@pytest.mark.parametrize("kind", KINDS)
def test_home_links_to_each_page(person_client, kind):
    assert reverse(f"me_{kind}") in person_client.get(reverse("me_home")).content.decode()


def test_person_adds_a_goal_in_their_own_voice(person_client, person):
    response = person_client.post(
        reverse("me_goals"),
        {
            "in_their_words": "Get back on my bike",
            "life_area": "health",
            "horizon": "now",
            "status": "working_on_it",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    goal = person.goals.get()
    assert goal.created_as == Voice.PERSON and goal.created_by == person.user
    assert "Get back on my bike" in person_client.get(reverse("me_goals")).content.decode()


def test_person_edits_a_goal_written_by_their_worker(person_client, person, goal):
    url = reverse("me_goals_edit", kwargs={"goal_id": goal.pk})
    body = person_client.get(url).content.decode()
    assert "ask your worker" in body
    response = person_client.post(
        url,
        {
            "in_their_words": "Work outdoors, maybe in a park",
            "life_area": goal.life_area,
            "horizon": goal.horizon,
            "status": goal.status,
            "version": goal.version,
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.in_their_words == "Work outdoors, maybe in a park"
    assert goal.updated_as == Voice.PERSON
    assert goal.history.count() == 2


def test_person_archives_only_what_they_wrote(person_client, person, goal):
    theirs = reverse("me_goals_archive", kwargs={"goal_id": goal.pk})
    assert person_client.post(theirs).status_code == 404
    own = GoalFactory(person=person, created_as=Voice.PERSON)
    assert (
        person_client.post(reverse("me_goals_archive", kwargs={"goal_id": own.pk})).status_code
        == 302
    )
    own.refresh_from_db()
    goal.refresh_from_db()
    assert own.archived_at and not goal.archived_at


def test_person_rates_their_goal(person_client, person, goal):
    url = reverse("me_goal_rate", kwargs={"goal_id": goal.pk})
    assert person_client.post(url, {"score": "11"}).status_code == 200
    assert person_client.post(url, {"score": "6", "comment": "Better"}).status_code == 302
    rating = goal.ratings.get()
    assert rating.voice == Voice.PERSON and rating.score == 6 and rating.rated_by == person.user


def test_person_changes_an_involvement_choice(person_client, person, worker):
    member = SignificantOtherFactory(person=person, created_by=worker, name="Mum")
    url = reverse("me_circle_edit", kwargs={"member_id": member.pk})
    response = person_client.post(
        url,
        {
            "kind": member.kind,
            "name": "Mum",
            "relationship": member.relationship,
            "involvement": SignificantOther.Involvement.KEEP_INFORMED,
            "version": member.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    member.refresh_from_db()
    assert member.involvement == SignificantOther.Involvement.KEEP_INFORMED
    assert member.involvement_set_by == person.user


def test_person_adds_a_setback(person_client, person):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = person_client.post(
        reverse("me_setbacks"),
        {"what_happened": "Missed a week", "happened_on": yesterday.isoformat()},
    )
    assert response.status_code == 302
    assert person.setbacks.get().created_as == Voice.PERSON


def test_it_checks_ownership(client_for, person, other_person, worker):
    items = {
        "me_goals_edit": ("goal_id", GoalFactory(person=person)),
        "me_strengths_edit": ("strength_id", StrengthFactory(person=person)),
        "me_circle_edit": ("member_id", SignificantOtherFactory(person=person)),
        "me_setbacks_edit": ("setback_id", SetbackFactory(person=person)),
        "me_goal_rate": ("goal_id", GoalFactory(person=person)),
    }
    frank = client_for(other_person.user)
    for name, (arg, item) in items.items():
        url = reverse(name, kwargs={arg: item.pk})
        assert frank.get(url).status_code == 404, name
        assert frank.post(url, {}).status_code == 404, name
    assert client_for(worker).get(reverse("me_goals")).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_list_query_count_is_constant(person_client, person, worker, story_of, query_count, kind):
    story_of(person, 3, worker)
    small = query_count(person_client).get(reverse(f"me_{kind}"))
    story_of(person, 30, worker)
    large = query_count(person_client).get(reverse(f"me_{kind}"))
    query_count.assert_same(small, large, kind)
