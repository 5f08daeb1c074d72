"""A note saved without a next-contact date keeps the next contact already planned.

Only an explicit "no next contact planned" clears it (issue 17, silent data losses).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import SessionNoteFactory
from casework.home.caseload import caseload_overview
from casework.space.views import next_appointment
from tests.casework.notes.test_notes import new_note_url, note_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(person, worker):
    """Erin's next contact, agreed at a session three days ago: in ten days."""
    on = timezone.localdate() + datetime.timedelta(days=10)
    SessionNoteFactory(
        person=person,
        author=worker,
        happened_at=timezone.now() - datetime.timedelta(days=3),
        next_contact_on=on,
    )
    return on


def test_a_note_without_a_next_contact_date_keeps_the_planned_one(
    worker_client, worker, person, planned
):
    response = worker_client.post(new_note_url(person), note_data(next_contact_on=""))
    assert response.status_code == 302
    [erin] = caseload_overview(worker)
    assert erin.next_contact == planned
    assert next_appointment(person) == planned
    body = worker_client.get("/").content.decode()
    assert "not planned yet" not in body
    assert planned.strftime("%-d %B %Y") in body


def test_the_next_contact_is_cleared_only_by_choosing_so(worker_client, worker, person, planned):
    response = worker_client.post(
        new_note_url(person), note_data(next_contact_on="", no_next_contact_planned="on")
    )
    assert response.status_code == 302
    [erin] = caseload_overview(worker)
    assert erin.next_contact is None
    assert next_appointment(person) is None
    note = person.notes.latest("created_at")
    detail = worker_client.get(reverse("note_detail", args=[person.pk, note.pk]))
    assert "No next contact planned" in detail.content.decode()


def test_a_date_and_no_next_contact_together_is_a_field_error(worker_client, person, planned):
    response = worker_client.post(new_note_url(person), note_data(no_next_contact_planned="on"))
    assert response.status_code == 200
    assert "Either give the next contact date or tick" in response.content.decode()
    assert person.notes.count() == 1


def test_a_later_date_replaces_the_planned_one(worker_client, worker, person, planned):
    later = planned + datetime.timedelta(days=7)
    worker_client.post(new_note_url(person), note_data(next_contact_on=later.isoformat()))
    [erin] = caseload_overview(worker)
    assert erin.next_contact == later


def test_the_note_page_says_an_empty_date_changed_nothing(worker_client, person, planned):
    worker_client.post(new_note_url(person), note_data(next_contact_on=""))
    note = person.notes.latest("created_at")
    body = worker_client.get(reverse("note_detail", args=[person.pk, note.pk])).content.decode()
    assert "Not changed in this note" in body
