"""Two people editing the same section at once: neither loses their words."""

import pytest
from django.urls import reverse

from strengths.plan.actions import save_section
from strengths.plan.models import PlanSection, PlanSectionRevision

pytestmark = pytest.mark.django_db


def _edit_url(person, section):
    return reverse("plan_section_edit", args=[person.pk, section.pk])


def _me_edit_url(section):
    return reverse("me_plan_section_edit", args=[section.pk])


def test_a_stale_save_is_kept_not_overwritten(worker, person, plan_section):
    loaded_at = plan_section.version
    first = save_section(
        worker,
        person,
        plan_section,
        heading="About me",
        text="Alice's words",
        based_on_version=loaded_at,
    )
    second = save_section(
        person.user,
        person,
        plan_section,
        heading="About me",
        text="Erin's words",
        based_on_version=loaded_at,
    )
    assert first.saved and not second.saved
    plan_section.refresh_from_db()
    assert plan_section.text == "Alice's words"
    assert plan_section.version == loaded_at + 1
    texts = {(r.kind, r.text) for r in plan_section.revisions.all()}
    assert texts == {
        (PlanSectionRevision.Kind.SAVED, "Alice's words"),
        (PlanSectionRevision.Kind.CONFLICT_KEPT, "Erin's words"),
    }
    assert second.conflict.author == person.user and second.conflict.author_voice == "person"


def test_two_concurrent_editors_over_http_both_texts_survive(
    worker_client, person_client, worker, person, plan_section
):
    loaded = worker_client.get(_edit_url(person, plan_section))
    assert loaded.status_code == 200
    version = plan_section.version
    saved = worker_client.post(
        _edit_url(person, plan_section),
        {"heading": plan_section.heading, "text": "We agreed gardening helps.", "version": version},
    )
    assert saved.status_code == 302
    clash = person_client.post(
        _me_edit_url(plan_section),
        {
            "heading": plan_section.heading,
            "text": "Gardening is my calm place.",
            "version": version,
        },
    )
    assert clash.status_code == 409
    body = clash.content.decode()
    assert "was changed while you were writing" in body
    assert "Gardening is my calm place." in body  # their own text
    assert "We agreed gardening helps." in body  # the newer text
    assert worker.display_name() in body  # who made the newer text
    # The combine box holds both texts and posts against the current version.
    assert clash.context["form"].initial["version"] == version + 1
    combined = clash.context["form"].initial["text"]
    assert "We agreed gardening helps." in combined and "Gardening is my calm place." in combined
    texts = set(plan_section.revisions.values_list("text", flat=True))
    assert {"We agreed gardening helps.", "Gardening is my calm place."} <= texts

    merged = person_client.post(
        _me_edit_url(plan_section),
        {"heading": plan_section.heading, "text": combined, "version": version + 1},
    )
    assert merged.status_code == 302
    plan_section.refresh_from_db()
    assert plan_section.text == combined and plan_section.version == version + 2


def test_the_conflict_screen_works_with_htmx(worker_client, person_client, person, plan_section):
    version = plan_section.version
    worker_client.post(
        _edit_url(person, plan_section),
        {"heading": plan_section.heading, "text": "First", "version": version},
    )
    response = person_client.post(
        _me_edit_url(plan_section),
        {"heading": plan_section.heading, "text": "Second", "version": version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "<html" not in body  # only the section is swapped in
    assert f'id="section-{plan_section.pk}"' in body
    assert "First" in body and "Second" in body


def test_compare_and_swap_updates_only_at_the_posted_version(worker, person, plan_section):
    save_section(worker, person, plan_section, heading="H", text="one", based_on_version=0)
    # Simulate another app server having moved the row on under us.
    PlanSection.objects.filter(pk=plan_section.pk).update(version=5)
    result = save_section(worker, person, plan_section, heading="H", text="two", based_on_version=1)
    assert not result.saved
    assert PlanSection.objects.get(pk=plan_section.pk).text == "one"


def test_each_save_moves_the_plan_version_on(worker, person, plan, plan_section):
    start = plan.version
    save_section(worker, person, plan_section, heading="H", text="a", based_on_version=0)
    save_section(worker, person, plan_section, heading="H", text="b", based_on_version=1)
    plan.refresh_from_db()
    assert plan.version == start + 2
