"""Co-edited items (casework.common.concurrency): a stale save gets the conflict page,
never overwrites; the combined version saves; a form without a version saves nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.common.concurrency import EditConflict
from casework.demo.factories import AlertResponseFactory, GoalFactory, SessionNoteFactory
from strengths.story import actions

pytestmark = pytest.mark.django_db


def _goal_post(goal, version, words, **extra):
    return {
        "in_their_words": words,
        "why_it_matters": "",
        "life_area": goal.life_area,
        "horizon": goal.horizon,
        "status": goal.status,
        "version": version,
        **extra,
    }


def _staff_goal_url(person, goal):
    return reverse("strengths:goal_edit", args=[person.pk, goal.pk])


def test_a_stale_staff_save_gets_the_conflict_page_and_overwrites_nothing(
    worker_client, worker, person, goal
):
    opened_at = goal.version
    actions.update_goal(person.user, goal, in_their_words="Work in the park", based_on_version=0)
    response = worker_client.post(
        _staff_goal_url(person, goal), _goal_post(goal, opened_at, "Work outdoors with others")
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "was changed while you were writing" in body
    assert "Work outdoors with others" in body  # their words, kept on the page
    assert "Work in the park" in body  # the newer words
    assert person.user.display_name() in body  # who saved them
    goal.refresh_from_db()
    assert goal.in_their_words == "Work in the park"
    # The form offered again is at the current version: saving it is accepted.
    assert response.context["form"].initial["version"] == goal.version
    again = worker_client.post(
        _staff_goal_url(person, goal),
        _goal_post(goal, goal.version, "Work in the park, with others"),
    )
    assert again.status_code == 302
    goal.refresh_from_db()
    assert goal.in_their_words == "Work in the park, with others"
    words = set(goal.history.values_list("in_their_words", flat=True))
    assert {"Work in the park", "Work in the park, with others"} <= words


def test_long_text_is_offered_combined(worker_client, person, goal):
    actions.update_goal(person.user, goal, why_it_matters="My own reasons.", based_on_version=0)
    response = worker_client.post(
        _staff_goal_url(person, goal),
        _goal_post(goal, 0, goal.in_their_words, why_it_matters="What we said in the session."),
    )
    assert response.status_code == 409
    combined = response.context["form"].initial["why_it_matters"]
    assert combined == "My own reasons.\n\nWhat we said in the session."


def test_htmx_gets_the_same_conflict_in_place_of_the_form(worker_client, person, goal):
    actions.update_goal(person.user, goal, in_their_words="Newer words", based_on_version=0)
    response = worker_client.post(
        _staff_goal_url(person, goal),
        _goal_post(goal, 0, "Older words"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "<html" not in body
    assert "Older words" in body and "Newer words" in body
    assert response.headers["HX-Retarget"] == "#story-form-goal"


def test_a_form_without_its_version_saves_nothing(worker_client, person, goal):
    data = _goal_post(goal, 0, "Blind overwrite")
    del data["version"]
    response = worker_client.post(_staff_goal_url(person, goal), data)
    assert response.status_code == 200
    assert "did not say which version it was opened at" in response.content.decode()
    goal.refresh_from_db()
    assert goal.in_their_words == "I want to work outdoors"


def test_an_archive_makes_older_forms_stale(worker, person, goal):
    actions.archive_goal(worker, goal)
    with pytest.raises(EditConflict):
        actions.update_goal(worker, goal, in_their_words="Changed", based_on_version=0)


def test_the_person_side_gets_the_conflict_page_too(person_client, worker, person, goal):
    actions.update_goal(worker, goal, in_their_words="Alice's wording", based_on_version=0)
    url = reverse("me_goals_edit", kwargs={"goal_id": goal.pk})
    response = person_client.post(url, _goal_post(goal, 0, "My own wording"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "My own wording" in body and "Alice&#x27;s wording" in body
    assert reverse("me_goal_history", args=[goal.pk]) in body
    goal.refresh_from_db()
    assert goal.in_their_words == "Alice's wording"


def test_two_replies_to_one_response_never_overwrite(worker, other_worker, person):
    from casework.alerts.actions import reply_to_response
    from casework.demo.factories import AlertFactory

    alert = AlertFactory(person=person, added_by=worker)
    said = AlertResponseFactory(alert=alert)
    reply_to_response(worker, said, reply="First reply", based_on_version=alert.version)
    with pytest.raises(EditConflict):
        reply_to_response(other_worker, said, reply="Second reply", based_on_version=alert.version)
    said.refresh_from_db()
    assert said.reply == "First reply"


def test_a_stale_alert_review_gets_the_conflict_page(worker_client, worker, person):
    from casework.alerts.actions import review_alert
    from casework.demo.factories import AlertFactory

    alert = AlertFactory(person=person, added_by=worker)
    soon = timezone.localdate() + datetime.timedelta(days=20)
    review_alert(worker, alert, outcome="keep", note="Checked with Erin.", new_review_by=soon)
    response = worker_client.post(
        reverse("alert_review", args=[person.pk, alert.pk]),
        {"outcome": "end", "note": "Not needed now.", "version": 0},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Not needed now." in body and "Checked with Erin." in body
    alert.refresh_from_db()
    assert alert.is_current and alert.review_by == soon


def test_my_view_from_two_devices_keeps_both(person_client, person, worker):
    note = SessionNoteFactory(person=person, author=worker)
    url = reverse("me_note", kwargs={"note_id": note.pk})
    assert (
        person_client.post(url, {"text": "Written on my phone.", "version": 0}).status_code == 302
    )
    response = person_client.post(url, {"text": "Written on my laptop.", "version": 0})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Written on my phone." in body and "Written on my laptop." in body
    note.refresh_from_db()
    assert note.person_view == "Written on my phone."


# --- A goal's history -------------------------------------------------------------------


def test_goal_history_shows_every_version_who_and_whose_words(
    worker_client, person_client, worker, person, goal
):
    actions.update_goal(person.user, goal, in_their_words="Work outdoors, maybe in a park")
    actions.update_goal(worker, goal, status="paused")
    body = worker_client.get(reverse("strengths:goal_history", args=[person.pk, goal.pk]))
    text = body.content.decode()
    assert "Version 3 (as it is now)" in text and "Version 1" in text
    assert "in Erin's own words" in text and worker.display_name() in text
    assert "maybe in a park" in text and "→ Paused for now" in text
    mine = person_client.get(reverse("me_goal_history", args=[goal.pk])).content.decode()
    assert "in my own words" in mine and "Version 3" in mine


def test_goal_history_queries_stay_constant(worker_client, worker, person, query_count):
    goal = GoalFactory(person=person, created_by=worker)
    url = reverse("strengths:goal_history", args=[person.pk, goal.pk])
    small = query_count(worker_client).get(url)
    for i in range(6):
        actions.update_goal(worker if i % 2 else person.user, goal, in_their_words=f"Words {i}")
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, "goal history")
