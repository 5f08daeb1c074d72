"""Goals, steps and progress ratings: adding, changing, archiving, and bad input."""

import datetime

import pytest
from django.urls import reverse

from casework.demo.factories import (
    GoalFactory,
    GoalRatingFactory,
    GoalStepFactory,
    SignificantOtherFactory,
)
from casework.models import AccessEvent
from strengths.models import Goal, GoalRating, GoalStep, SignificantOther, Voice
from strengths.story import actions

pytestmark = pytest.mark.django_db


def _goal_post(**overrides):
    data = {
        "in_their_words": "I want to get my driving licence back",
        "why_it_matters": "So I can get to work.",
        "life_area": "work",
        "horizon": "now",
        "status": "exploring",
    }
    return {**data, **overrides}


def test_worker_adds_a_goal_without_javascript(worker_client, worker, person):
    url = reverse("strengths:goal_add", args=[person.pk])
    page = worker_client.get(url).content.decode()
    # As a whole page it is a plain form: no htmx target that only exists on the overview.
    assert f'action="{url}"' in page and "hx-post" not in page
    response = worker_client.post(url, _goal_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("record_goals", args=[person.pk]) + "#goals-section"
    goal = person.goals.get()
    assert goal.in_their_words == "I want to get my driving licence back"
    assert (goal.created_by, goal.created_as) == (worker, Voice.WORKER)
    assert AccessEvent.objects.filter(person=person, action="changed", actor=worker).exists()
    body = worker_client.get(response["Location"]).content.decode()
    assert "I want to get my driving licence back" in body
    assert f"Written by {worker.get_short_name()} with Erin" in body


def test_adding_a_goal_with_htmx_returns_only_the_goals_section(worker_client, person):
    url = reverse("strengths:goal_add", args=[person.pk])
    form = worker_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in form and 'id="story-form-goals"' in form
    assert f'hx-post="{url}"' in form and f'action="{url}"' in form
    response = worker_client.post(url, _goal_post(), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'id="goals-section"' in body
    assert "driving licence" in body


def test_an_invalid_htmx_post_swaps_the_form_back_with_errors(worker_client, person):
    url = reverse("strengths:goal_add", args=[person.pk])
    response = worker_client.post(
        url, _goal_post(in_their_words=""), headers={"HX-Request": "true"}
    )
    assert response["HX-Retarget"] == "#story-form-goals"
    assert response["HX-Reswap"] == "outerHTML"
    assert "Please write the goal, in Erin&#x27;s own words." in response.content.decode()


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_or_whitespace_goal_gets_a_clear_message(worker_client, person, text):
    url = reverse("strengths:goal_add", args=[person.pk])
    response = worker_client.post(url, _goal_post(in_their_words=text))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please check" in body  # the summary at the top
    assert body.count("Please write the goal, in Erin&#x27;s own words.") == 2  # summary + field
    assert not person.goals.exists()


def test_over_long_goal_text_is_refused_with_the_limit(worker_client, person):
    url = reverse("strengths:goal_add", args=[person.pk])
    body = worker_client.post(url, _goal_post(in_their_words="x" * 301)).content.decode()
    assert "please keep it to 300 characters (it has 301)" in body
    assert "Up to 300 characters." in body
    assert not person.goals.exists()


def test_achieved_goals_remember_when_and_stay_visible(worker, person, goal, worker_client):
    actions.update_goal(worker, goal, status=Goal.Status.ACHIEVED)
    goal.refresh_from_db()
    first = goal.achieved_at
    assert first is not None
    actions.update_goal(worker, goal, why_it_matters="Still matters", status=Goal.Status.ACHIEVED)
    goal.refresh_from_db()
    assert goal.achieved_at == first
    body = worker_client.get(reverse("record_goals", args=[person.pk])).content.decode()
    assert "Achieved" in body and "I want to work outdoors" in body


@pytest.mark.parametrize("status", [Goal.Status.PAUSED, Goal.Status.LET_GO])
def test_paused_and_let_go_are_shown_without_failure_language(
    worker, worker_client, person, goal, status
):
    actions.update_goal(worker, goal, status=status)
    for url in (
        reverse("record_goals", args=[person.pk]),
        reverse("strengths:goal_detail", args=[person.pk, goal.pk]),
    ):
        body = worker_client.get(url).content.decode().lower()
        for word in ("failed", "failure", "abandoned", "non-compliant", "gave up"):
            assert word not in body
    assert "is a choice" in body


def test_every_change_keeps_the_earlier_version(worker, person, goal):
    actions.update_goal(worker, goal, in_their_words="I want to work in a garden centre")
    versions = list(goal.history.order_by("history_date"))
    assert [v.in_their_words for v in versions][-2:] == [
        "I want to work outdoors",
        "I want to work in a garden centre",
    ]
    assert versions[-1].history_user == worker
    assert versions[-1].updated_as == Voice.WORKER


def test_the_person_own_login_writes_in_their_own_voice(person):
    goal = actions.add_goal(person.user, person, in_their_words="Run a 5k", life_area="health")
    assert goal.created_as == Voice.PERSON
    rating = actions.add_rating(person.user, goal, score=7)
    assert rating.voice == Voice.PERSON


def test_a_goal_is_reached_only_through_its_person(worker_client, person, other_person):
    frank_goal = GoalFactory(person=other_person)
    for name in ("goal_detail", "goal_edit", "step_add", "rating_add"):
        url = reverse(f"strengths:{name}", args=[person.pk, frank_goal.pk])
        assert worker_client.get(url).status_code == 404, name
    url = reverse("strengths:goal_archive", args=[person.pk, frank_goal.pk])
    assert worker_client.post(url).status_code == 404
    frank_goal.refresh_from_db()
    assert frank_goal.archived_at is None


def test_archiving_a_goal_keeps_it_and_it_can_be_restored(worker_client, worker, person, goal):
    GoalRatingFactory(goal=goal, rated_by=worker)
    worker_client.post(reverse("strengths:goal_archive", args=[person.pk, goal.pk]))
    goal.refresh_from_db()
    assert goal.archived_at is not None and goal.archived_by == worker
    body = worker_client.get(reverse("record_goals", args=[person.pk])).content.decode()
    archived = body[body.index('id="archived-section"') :]
    assert "I want to work outdoors" in archived
    assert reverse("strengths:goal_restore", args=[person.pk, goal.pk]) in archived
    worker_client.post(reverse("strengths:goal_restore", args=[person.pk, goal.pk]))
    goal.refresh_from_db()
    assert goal.archived_at is None and goal.ratings.count() == 1


def test_archive_needs_post(worker_client, person, goal):
    url = reverse("strengths:goal_archive", args=[person.pk, goal.pk])
    assert worker_client.get(url).status_code == 405


# Steps ---------------------------------------------------------------------


def test_adding_a_step_and_marking_it_done(worker_client, worker, person, goal):
    url = reverse("strengths:step_add", args=[person.pk, goal.pk])
    response = worker_client.post(url, {"what": "Ring the DVLA", "who": "person", "status": "done"})
    assert response.status_code == 302
    step = goal.steps.get()
    assert step.done_at is not None
    actions.update_step(worker, step, status=GoalStep.Status.IN_PROGRESS)
    step.refresh_from_db()
    assert step.done_at is None


def test_a_step_never_goes_to_someone_marked_do_not_contact_and_an_old_one_shows_the_choice(
    worker_client, person, goal
):
    # Issue 17: the form no longer offers them (tests/strengths/story/test_circle_choice.py).
    member = SignificantOtherFactory(
        person=person,
        name="Uncle Ray",
        involvement=SignificantOther.Involvement.DO_NOT_CONTACT,
        contact_details="07700 900999",
    )
    url = reverse("strengths:step_add", args=[person.pk, goal.pk])
    form_body = worker_client.get(url).content.decode()
    assert "Uncle Ray" not in form_body
    # A step given to Ray before the person chose "do not contact" still says so.
    GoalStepFactory(goal=goal, what="Ray drives me", who="circle", circle_member=member)
    body = worker_client.get(reverse("strengths:goal_detail", args=[person.pk, goal.pk]))
    body = body.content.decode()
    assert "Uncle Ray" in body and "Do not contact." in body
    assert "07700 900999" not in body


def test_a_step_cannot_name_someone_from_another_persons_circle(
    worker_client, person, other_person, goal
):
    stranger = SignificantOtherFactory(person=other_person)
    url = reverse("strengths:step_add", args=[person.pk, goal.pk])
    data = {"what": "Ask for help", "who": "circle", "circle_member": stranger.pk}
    response = worker_client.post(url, {**data, "status": "not_started"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not goal.steps.exists()


def test_a_step_for_the_circle_needs_someone_chosen(worker_client, person, goal):
    url = reverse("strengths:step_add", args=[person.pk, goal.pk])
    response = worker_client.post(url, {"what": "Help", "who": "circle", "status": "not_started"})
    assert "Please choose who from the circle will do this." in response.content.decode()


def test_steps_are_archived_and_restored(worker_client, person, goal):
    from casework.demo.factories import GoalStepFactory

    step = GoalStepFactory(goal=goal)
    worker_client.post(reverse("strengths:step_archive", args=[person.pk, goal.pk, step.pk]))
    step.refresh_from_db()
    assert step.archived_at is not None
    worker_client.post(reverse("strengths:step_restore", args=[person.pk, goal.pk, step.pk]))
    step.refresh_from_db()
    assert step.archived_at is None


# Ratings -------------------------------------------------------------------


def test_both_voices_are_kept_side_by_side(worker_client, worker, person, goal):
    url = reverse("strengths:rating_add", args=[person.pk, goal.pk])
    worker_client.post(url, {"voice": "person", "score": 8, "comment": "Feeling good"})
    worker_client.post(url, {"voice": "worker", "score": 6})
    worker_client.post(url, {"voice": "person", "score": 9})
    ratings = list(goal.ratings.values_list("voice", "score"))
    assert ratings == [("person", 8), ("worker", 6), ("person", 9)]
    assert set(goal.ratings.values_list("rated_by", flat=True)) == {worker.pk}
    body = worker_client.get(reverse("strengths:goal_detail", args=[person.pk, goal.pk]))
    body = body.content.decode()
    assert 'role="img"' in body and "<title id=" in body and "aria-labelledby=" in body
    assert body.count("<polyline") == 2
    assert "Erin&#x27;s view" in body and "Worker&#x27;s view" in body
    assert "<table" in body and "9 out of 10" in body and "6 out of 10" in body
    overview = worker_client.get(reverse("record_goals", args=[person.pk])).content.decode()
    assert "Erin says 9 out of 10" in overview and "worker says 6 out of 10" in overview


@pytest.mark.parametrize("score", ["0", "11", "-3", "abc", "", "5.5"])
def test_ratings_must_be_1_to_10(worker_client, person, goal, score):
    url = reverse("strengths:rating_add", args=[person.pk, goal.pk])
    response = worker_client.post(url, {"voice": "worker", "score": score})
    assert response.status_code == 200
    assert "from 1 to 10" in response.content.decode()
    assert not goal.ratings.exists()


def test_the_database_refuses_a_rating_outside_1_to_10(goal, worker):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        GoalRating.objects.create(goal=goal, voice="worker", score=11, rated_by=worker)


def test_a_goal_with_no_ratings_invites_one(worker_client, person, goal):
    body = worker_client.get(reverse("strengths:goal_detail", args=[person.pk, goal.pk]))
    assert "No ratings yet" in body.content.decode()


@pytest.mark.parametrize("goal_id", ["999999", str(2**63), str(10**30)])
def test_unknown_or_huge_item_ids_are_a_plain_404(worker_client, person, goal_id):
    url = f"/people/{person.pk}/goals/{goal_id}/"
    assert worker_client.get(url).status_code == 404
    assert worker_client.post(url + "archive/").status_code == 404


def test_a_huge_rating_is_refused_not_a_server_error(worker_client, person, goal):
    url = reverse("strengths:rating_add", args=[person.pk, goal.pk])
    response = worker_client.post(url, {"voice": "worker", "score": "9" * 30})
    assert response.status_code == 200
    assert "from 1 to 10" in response.content.decode()


# --- An empty date never clears a stored one (issue 17) ---------------------------------


def test_editing_a_step_with_an_empty_due_date_keeps_the_stored_one(worker_client, person, goal):
    from casework.demo.factories import GoalStepFactory

    due = datetime.date(2027, 3, 1)
    step = GoalStepFactory(goal=goal, due_on=due)
    url = reverse("strengths:step_edit", args=[person.pk, goal.pk, step.pk])
    data = {
        "what": step.what,
        "who": "person",
        "status": "not_started",
        "due_on": "",
        "version": step.version,
    }
    response = worker_client.post(url, data)
    assert response.status_code == 200
    assert "nothing was changed" in response.content.decode()
    step.refresh_from_db()
    assert step.due_on == due
    assert worker_client.post(url, {**data, "clear_due_on": "on"}).status_code == 302
    step.refresh_from_db()
    assert step.due_on is None
