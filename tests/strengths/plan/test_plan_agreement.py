"""Agreement is tied to one exact version of the plan; a later change shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from strengths.plan.actions import (
    PlanError,
    mark_ready_to_agree,
    record_agreement,
    save_section,
    set_review_date,
)
from strengths.plan.models import PlanAgreement
from strengths.plan.reads import agreement_status, plans_due_review, with_plan_review_due

pytestmark = pytest.mark.django_db
AGREE = PlanAgreement.Answer.AGREE


def _change(user, person, section, text):
    section.refresh_from_db()
    save_section(
        user, person, section, heading=section.heading, text=text, based_on_version=section.version
    )


def test_ready_to_agree_snapshots_section_versions(worker, person, plan, plan_section):
    _change(worker, person, plan_section, "words")
    snapshot = mark_ready_to_agree(worker, person, plan)
    plan.refresh_from_db()
    assert snapshot.plan_version == plan.version
    assert snapshot.section_versions[str(plan_section.pk)] == 1
    assert len(snapshot.section_versions) == plan.sections.count()


def test_the_person_cannot_mark_ready(person, plan):
    with pytest.raises(PlanError):
        mark_ready_to_agree(person.user, person, plan)


def test_agreement_is_tied_to_the_version_and_a_change_shows(worker, person, plan, plan_section):
    snapshot = mark_ready_to_agree(worker, person, plan)
    answer = record_agreement(person.user, person, snapshot, answer=AGREE)
    assert answer.plan_version == snapshot and not answer.in_the_room
    plan.refresh_from_db()
    status = agreement_status(plan)
    assert status.agreed_and_current and not status.changed_since_agreed

    _change(person.user, person, plan_section, "A new thought")
    plan.refresh_from_db()
    status = agreement_status(plan)
    assert status.changed_since_agreed and not status.agreed_and_current


def test_agreeing_to_a_version_no_longer_current_is_refused(worker, person, plan, plan_section):
    snapshot = mark_ready_to_agree(worker, person, plan)
    _change(worker, person, plan_section, "changed after ready")
    with pytest.raises(PlanError, match="changed since"):
        record_agreement(person.user, person, snapshot, answer=AGREE)
    # Marked ready again, an older snapshot still cannot be answered.
    newer = mark_ready_to_agree(worker, person, plan)
    with pytest.raises(PlanError):
        record_agreement(person.user, person, snapshot, answer=AGREE)
    assert record_agreement(person.user, person, newer, answer=AGREE)


def test_not_agreeing_needs_what_they_would_change(worker, person, plan):
    snapshot = mark_ready_to_agree(worker, person, plan)
    with pytest.raises(PlanError):
        record_agreement(person.user, person, snapshot, answer=PlanAgreement.Answer.DISAGREE)
    with pytest.raises(PlanError):
        record_agreement(worker, person, snapshot, answer=PlanAgreement.Answer.COULD_NOT_ANSWER)
    with pytest.raises(PlanError):
        record_agreement(worker, person, snapshot, answer="maybe")


def test_person_agrees_from_their_own_account(person_client, worker, person, plan):
    snapshot = mark_ready_to_agree(worker, person, plan)
    url = reverse("me_plan_agree")
    assert "Do you agree with your plan?" in person_client.get(url).content.decode()
    response = person_client.post(url, {"plan_version": snapshot.pk, "answer": AGREE})
    assert response.status_code == 302
    body = person_client.get(reverse("me_plan")).content.decode()
    assert "Agreed." in body and "You answered from your own account" in body


def test_worker_records_an_answer_in_the_room(worker_client, worker, person, plan):
    snapshot = mark_ready_to_agree(worker, person, plan)
    response = worker_client.post(
        reverse("plan_agree", args=[person.pk]),
        {
            "plan_version": snapshot.pk,
            "answer": PlanAgreement.Answer.COULD_NOT_ANSWER,
            "detail": "Erin was tired today and wants to read it at home.",
        },
    )
    assert response.status_code == 302
    answer = PlanAgreement.objects.get()
    assert answer.in_the_room and answer.recorded_by == worker
    body = worker_client.get(reverse("plan", args=[person.pk])).content.decode()
    assert f"Recorded by {worker.display_name()}, in the room with Erin" in body
    assert "wants to read it at home" in body


def test_answering_a_stale_version_over_http_says_why(
    person_client, worker, person, plan, plan_section
):
    snapshot = mark_ready_to_agree(worker, person, plan)
    _change(worker, person, plan_section, "moved on")
    response = person_client.post(
        reverse("me_plan_agree"), {"plan_version": snapshot.pk, "answer": AGREE}
    )
    assert response.status_code in (200, 409)
    assert "has changed since" in response.content.decode()
    assert not PlanAgreement.objects.exists()


def test_answering_with_a_rubbish_version_is_a_form_error(person_client, worker, person, plan):
    mark_ready_to_agree(worker, person, plan)
    response = person_client.post(reverse("me_plan_agree"), {"plan_version": "x", "answer": AGREE})
    assert response.status_code == 400
    response = person_client.post(
        reverse("me_plan_agree"), {"plan_version": 999999, "answer": AGREE}
    )
    assert response.status_code == 409
    assert not PlanAgreement.objects.exists()


def test_worker_marks_ready_over_http(worker_client, person, plan):
    url = reverse("plan_ready", args=[person.pk])
    assert worker_client.get(url).status_code == 200
    assert worker_client.post(url).status_code == 302
    assert plan.versions.count() == 1


def test_review_date_is_editable_by_the_worker(worker_client, person, plan):
    url = reverse("plan_review", args=[person.pk])
    assert worker_client.post(url, {"review_due": "2026-01-31"}).status_code == 302
    plan.refresh_from_db()
    assert plan.review_due == datetime.date(2026, 1, 31)
    assert worker_client.post(url, {"review_due": "not a date"}).status_code == 400


def test_plans_due_review(worker, other_worker, person, other_person, plan, add_to_caseload):
    from strengths.plan.actions import get_or_create_plan

    today = timezone.localdate()
    set_review_date(worker, person, plan, today - datetime.timedelta(days=3))
    later = add_to_caseload(worker, 1)[0]
    set_review_date(worker, later, get_or_create_plan(later), today + datetime.timedelta(days=10))
    frank_plan = get_or_create_plan(other_person)
    set_review_date(other_worker, other_person, frank_plan, today - datetime.timedelta(days=30))

    assert [p.person for p in plans_due_review(worker)] == [person]
    assert [p.person for p in plans_due_review(worker, within_days=14)] == [person, later]
    assert [p.person for p in plans_due_review(other_worker)] == [other_person]

    annotated = {p.pk: p for p in with_plan_review_due(type(person).objects.all())}
    assert annotated[person.pk].plan_review_overdue
    assert not annotated[later.pk].plan_review_overdue
    assert annotated[later.pk].plan_review_due == today + datetime.timedelta(days=10)


def test_review_date_field_uses_the_html_date_format(worker_client, worker, person, plan):
    set_review_date(worker, person, plan, datetime.date(2027, 1, 10))
    body = worker_client.get(reverse("plan_review", args=[person.pk])).content.decode()
    assert 'value="2027-01-10"' in body
