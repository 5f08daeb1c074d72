"""Every version kept, restore makes a new version, and the word diff escapes what people wrote."""

import pytest
from django.urls import reverse

from strengths.plan.actions import PlanError, restore_revision, save_section
from strengths.plan.models import PlanSectionRevision
from strengths.plan.reads import word_diff

pytestmark = pytest.mark.django_db


def _save(user, person, section, text, heading=None):
    section.refresh_from_db()
    return save_section(
        user,
        person,
        section,
        heading=heading or section.heading,
        text=text,
        based_on_version=section.version,
    )


def test_every_version_is_kept_with_author_and_voice(worker, person, plan_section):
    _save(worker, person, plan_section, "one")
    _save(person.user, person, plan_section, "two")
    _save(worker, person, plan_section, "")  # clearing is allowed and kept
    revisions = list(plan_section.revisions.order_by("version"))
    assert [r.text for r in revisions] == ["one", "two", ""]
    assert [r.version for r in revisions] == [1, 2, 3]
    assert [r.author_voice for r in revisions] == ["worker", "person", "worker"]


def test_revisions_are_append_only(plan_revision):
    plan_revision.text = "rewritten"
    with pytest.raises(PermissionError):
        plan_revision.save()
    with pytest.raises(PermissionError):
        PlanSectionRevision.objects.filter(pk=plan_revision.pk).update(text="x")
    with pytest.raises(PermissionError):
        plan_revision.delete()


def test_restore_makes_a_new_version_and_keeps_the_original_author(worker, person, plan_section):
    _save(person.user, person, plan_section, "Erin's first words")
    _save(worker, person, plan_section, "Alice's rewrite")
    first = plan_section.revisions.get(version=1)
    plan_section.refresh_from_db()
    restore_revision(worker, person, plan_section, first, based_on_version=plan_section.version)
    plan_section.refresh_from_db()
    assert plan_section.text == "Erin's first words" and plan_section.version == 3
    restored = plan_section.revisions.get(version=3)
    assert restored.kind == PlanSectionRevision.Kind.RESTORED
    assert restored.author == person.user and restored.recorded_by == worker
    assert restored.restored_from == first
    assert plan_section.revisions.count() == 3  # nothing rewritten


def test_restore_against_a_stale_version_is_refused(worker, person, plan_section):
    _save(worker, person, plan_section, "one")
    _save(worker, person, plan_section, "two")
    first = plan_section.revisions.get(version=1)
    with pytest.raises(PlanError):
        restore_revision(worker, person, plan_section, first, based_on_version=1)


def test_restore_page_restores(worker_client, worker, person, plan_section):
    _save(worker, person, plan_section, "one")
    _save(worker, person, plan_section, "two")
    first = plan_section.revisions.get(version=1)
    url = reverse("plan_revision_restore", args=[person.pk, plan_section.pk, first.pk])
    assert "Bring this text back" in worker_client.get(url).content.decode()
    response = worker_client.post(url, {"version": 2})
    assert response.status_code == 302
    plan_section.refresh_from_db()
    assert plan_section.text == "one"
    stale = worker_client.post(url, {"version": 2})
    assert stale.status_code == 409
    assert "Nothing was changed" in stale.content.decode()
    assert worker_client.post(url, {"version": "abc"}).status_code == 409


def test_word_diff_marks_insertions_and_deletions():
    pieces = word_diff("I walk the dog daily", "I walk my dog every morning")
    assert ("delete", "the") in pieces and ("insert", "my") in pieces
    assert "".join(t for k, t in pieces if k != "delete") == "I walk my dog every morning"
    assert "".join(t for k, t in pieces if k != "insert") == "I walk the dog daily"


def test_history_page_shows_diff_escaped(worker_client, worker, person, plan_section):
    _save(worker, person, plan_section, "Plain words")
    _save(person.user, person, plan_section, "Plain <script>alert(1)</script> words <b>bold</b>")
    response = worker_client.get(reverse("plan_section_history", args=[person.pk, plan_section.pk]))
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "<b>bold</b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert '<ins><span class="visually-hidden">[added] </span>&lt;script&gt;' in body


def test_history_compares_any_two_versions(worker_client, worker, person, plan_section):
    for text in ("alpha", "beta", "gamma"):
        _save(worker, person, plan_section, text)
    r1, r3 = (plan_section.revisions.get(version=v) for v in (1, 3))
    url = reverse("plan_section_history", args=[person.pk, plan_section.pk])
    response = worker_client.get(url, {"from": r1.pk, "to": r3.pk})
    assert response.context["diff"] == [("delete", "alpha"), ("insert", "gamma")]
    # Rubbish in the query string falls back to the latest two, never a 500.
    assert worker_client.get(url, {"from": "x", "to": "99999"}).status_code == 200


def test_script_in_section_text_is_escaped_on_the_plan_page(
    worker_client, worker, person, plan_section
):
    _save(worker, person, plan_section, '<img src=x onerror="alert(1)">')
    body = worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x" in body
