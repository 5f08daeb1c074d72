"""Strengths: adding them, linking them to goals, archiving without losing the links."""

import pytest
from django.urls import reverse

from casework.demo.factories import GoalStepFactory, StrengthFactory
from strengths.models import Voice
from strengths.story import actions

pytestmark = pytest.mark.django_db


def _strength_post(**overrides):
    data = {
        "description": "Keeps going when things are hard",
        "life_area": "staying_well",
        "kind": "quality",
        "noticed_by": "worker",
        "example": "Came to every appointment in the snow.",
    }
    return {**data, **overrides}


def test_worker_adds_a_strength(worker_client, worker, person):
    url = reverse("strengths:strength_add", args=[person.pk])
    response = worker_client.post(url, _strength_post())
    assert response.status_code == 302
    strength = person.strengths.get()
    assert (strength.created_by, strength.created_as) == (worker, Voice.WORKER)
    body = worker_client.get(reverse("record_strengths", args=[person.pk])).content.decode()
    assert "Keeps going when things are hard" in body
    assert "Came to every appointment in the snow." in body


def test_strength_edit_with_htmx_returns_the_section(worker_client, person):
    strength = StrengthFactory(person=person)
    url = reverse("strengths:strength_edit", args=[person.pk, strength.pk])
    response = worker_client.post(
        url,
        _strength_post(description="Brave", version=strength.version),
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert 'id="strengths-section"' in body and "Brave" in body and "<html" not in body
    strength.refresh_from_db()
    assert strength.description == "Brave"
    assert strength.history.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"description": "   "}, "Please say what the strength is."),
        ({"description": "x" * 201}, "please keep it to 200 characters"),
        ({"life_area": ""}, "Please choose a life area."),
        ({"life_area": "not-an-area"}, "Select a valid choice"),
        ({"example": "x" * 2001}, "please keep it to 2000 characters"),
    ],
)
def test_bad_strength_input_is_explained(worker_client, person, overrides, message):
    url = reverse("strengths:strength_add", args=[person.pk])
    response = worker_client.post(url, _strength_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not person.strengths.exists()


def test_a_goal_can_only_draw_on_the_persons_own_strengths(worker_client, person, other_person):
    theirs = StrengthFactory(person=other_person)
    url = reverse("strengths:goal_add", args=[person.pk])
    response = worker_client.post(
        url,
        {
            "in_their_words": "Cook for my friends",
            "life_area": "leisure",
            "horizon": "now",
            "status": "exploring",
            "strengths": [theirs.pk],
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_archiving_a_strength_keeps_goals_and_links_and_restore_brings_them_back(
    worker_client, worker, person, goal
):
    """Documented choice: links stay (hidden while archived); goals are never touched."""
    strength = StrengthFactory(person=person, description="Green fingers")
    goal.strengths.add(strength)
    step = GoalStepFactory(goal=goal, strength=strength)

    actions.archive_strength(worker, strength)

    goal.refresh_from_db()
    step.refresh_from_db()
    assert goal.archived_at is None and goal.strengths.filter(pk=strength.pk).exists()
    assert step.strength_id == strength.pk
    # Goal cards (and what they draw on) are on the Goals page; the archived
    # strength is in the archive of the Strengths & circle page.
    goals_page = worker_client.get(reverse("record_goals", args=[person.pk])).content.decode()
    current = goals_page.split('id="archived-section"')[0]
    assert 'Draws on: <span dir="auto">Green fingers</span>' not in current
    strengths_page = worker_client.get(reverse("record_strengths", args=[person.pk]))
    current, archived = strengths_page.content.decode().split('id="archived-section"')
    assert "Green fingers" not in current
    assert "Green fingers" in archived
    assert (
        "Green fingers"
        not in worker_client.get(reverse("strengths:goal_detail", args=[person.pk, goal.pk]))
        .content.decode()
        .split("Steps")[0]
    )

    worker_client.post(reverse("strengths:strength_restore", args=[person.pk, strength.pk]))
    goals_page = worker_client.get(reverse("record_goals", args=[person.pk])).content.decode()
    assert 'Draws on: <span dir="auto">Green fingers</span>' in goals_page


def test_person_with_no_strengths_sees_an_inviting_empty_state(worker_client, person):
    body = worker_client.get(reverse("record_strengths", args=[person.pk])).content.decode()
    assert "No strengths noted yet. What is Erin good at" in body
