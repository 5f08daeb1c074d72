"""Seeing part of the plan differently: both voices stay until both sides resolve it."""

import pytest
from django.urls import reverse

from strengths.plan.actions import PlanError, resolve_difference, save_section, see_differently

pytestmark = pytest.mark.django_db


def test_both_voices_show_until_resolved_by_both(
    worker_client, person_client, worker, person, plan_section
):
    save_section(
        worker,
        person,
        plan_section,
        heading=plan_section.heading,
        text="Erin wants a job in a garden centre.",
        based_on_version=0,
    )
    response = person_client.post(
        reverse("me_plan_see_differently", args=[plan_section.pk]),
        {"wording": "I want to run my own market garden one day."},
    )
    assert response.status_code == 302
    difference = plan_section.plan.differences.get()
    assert difference.raised_voice == "person"
    assert difference.text_then == "Erin wants a job in a garden centre."

    page = worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert "Erin wants a job in a garden centre." in page
    assert "Erin sees this differently" in page
    assert "my own market garden" in page

    resolve_url = reverse("plan_difference_resolve", args=[person.pk, difference.pk])
    assert (
        worker_client.post(resolve_url, {"note": "We talked: both go in the plan."}).status_code
        == 302
    )
    difference.refresh_from_db()
    assert difference.resolved_at is None  # the person has not resolved it yet
    assert (
        "my own market garden"
        in worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    )

    again = worker_client.post(resolve_url, {"note": "twice"})
    assert again.status_code == 400 and "already marked" in again.content.decode()

    me_resolve = reverse("me_plan_difference_resolve", args=[difference.pk])
    assert person_client.post(me_resolve, {"note": "Happy with that."}).status_code == 302
    difference.refresh_from_db()
    assert difference.resolved_at is not None
    assert (
        "my own market garden"
        not in worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    )
    # The resolution is kept, and shown in the section's history.
    history = worker_client.get(reverse("plan_section_history", args=[person.pk, plan_section.pk]))
    assert "Happy with that." in history.content.decode()
    assert difference.resolutions.count() == 2


def test_empty_wording_and_notes_are_refused(worker, person, plan_section, plan_difference):
    with pytest.raises(PlanError):
        see_differently(worker, person, plan_section, wording="   ")
    with pytest.raises(PlanError):
        resolve_difference(worker, person, plan_difference, note="")


def test_a_worker_can_see_it_differently_too(worker_client, worker, person, plan_section):
    response = worker_client.post(
        reverse("plan_see_differently", args=[person.pk, plan_section.pk]), {"wording": ""}
    )
    assert response.status_code == 400
    worker_client.post(
        reverse("plan_see_differently", args=[person.pk, plan_section.pk]),
        {"wording": "I noticed how much the allotment steadies you."},
    )
    difference = plan_section.plan.differences.get()
    assert difference.raised_voice == "worker" and difference.raised_by == worker
