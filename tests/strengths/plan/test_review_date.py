"""An empty or impossible review date never clears the stored one (issue 17, silent data losses).

A browser sends "30 February" in a date field as an empty value, so empty is refused
with a field error; only ticking "No review date for now" clears the date.
"""

import datetime

import pytest
from django.urls import reverse

from strengths.plan.models import RecoveryPlan

pytestmark = pytest.mark.django_db
STORED = datetime.date(2027, 3, 1)


@pytest.fixture
def reviewed_plan(plan):
    RecoveryPlan.objects.filter(pk=plan.pk).update(review_due=STORED)
    return plan


def _review(client, person, **data):
    return client.post(reverse("plan_review", args=[person.pk]), data)


@pytest.mark.parametrize("sent", ["", "2027-02-30"])
def test_an_empty_or_impossible_date_keeps_the_stored_one(
    worker_client, person, reviewed_plan, sent
):
    response = _review(worker_client, person, review_due=sent)
    body = response.content.decode()
    assert response.status_code == 400
    assert "The review date is saved" not in body
    assert "nothing was changed" in body
    reviewed_plan.refresh_from_db()
    assert reviewed_plan.review_due == STORED


def test_clearing_the_review_date_is_an_explicit_choice(worker_client, person, reviewed_plan):
    response = _review(worker_client, person, review_due="", clear_review_due="on")
    assert response.status_code == 302
    reviewed_plan.refresh_from_db()
    assert reviewed_plan.review_due is None


def test_a_date_and_clearing_together_is_a_field_error(worker_client, person, reviewed_plan):
    response = _review(worker_client, person, review_due="2027-04-01", clear_review_due="on")
    assert response.status_code == 400
    reviewed_plan.refresh_from_db()
    assert reviewed_plan.review_due == STORED


def test_a_real_date_is_saved(worker_client, person, reviewed_plan):
    assert _review(worker_client, person, review_due="2027-04-01").status_code == 302
    reviewed_plan.refresh_from_db()
    assert reviewed_plan.review_due == datetime.date(2027, 4, 1)
