""" "I see this differently": the person asks, the worker answers, both see it."""

import pytest
from django.urls import reverse

from casework.common.errors import ActionRefused
from casework.home.caseload import caseload_overview
from casework.models import CorrectionRequest
from casework.notes.feedback import request_correction, respond_to_correction

pytestmark = pytest.mark.django_db


def _ask_url(note):
    return reverse("me_note_correction", kwargs={"note_id": note.pk})


def _respond_url(person, note, correction):
    return reverse(
        "correction_respond",
        kwargs={"person_id": person.pk, "note_id": note.pk, "correction_id": correction.pk},
    )


def test_person_asks_for_a_correction(person_client, note, person):
    response = person_client.post(
        _ask_url(note), {"what_is_wrong": "We met on Tuesday.", "what_it_should_say": "Tuesday"}
    )
    assert response.status_code == 302
    correction = person.correction_requests.get()
    assert correction.note == note and correction.is_open
    body = person_client.get(reverse("me_note", kwargs={"note_id": note.pk})).content.decode()
    assert "We met on Tuesday." in body
    assert "Waiting for an answer" in body


def test_what_is_wrong_is_required(person_client, note):
    response = person_client.post(_ask_url(note), {"what_is_wrong": ""})
    assert response.status_code == 200
    assert "Say what is wrong or missing." in response.content.decode()


def test_worker_adds_an_addendum(client_for, worker, person, note):
    correction = request_correction(person.user, note, what_is_wrong="Wrong day.")
    client = client_for(worker)
    assert client.get(_respond_url(person, note, correction)).status_code == 200
    response = client.post(
        _respond_url(person, note, correction),
        {"outcome": "add", "text": "Correction: we met on Tuesday."},
    )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == CorrectionRequest.Status.ADDENDUM_ADDED
    assert correction.addendum.text == "Correction: we met on Tuesday."
    assert correction.responded_by == worker
    assert note.addenda.get().text == "Correction: we met on Tuesday."
    staff = client.get(reverse("note_detail", args=[person.pk, note.pk])).content.decode()
    assert "Wrong day." in staff and "Correction: we met on Tuesday." in staff
    mine = client_for(person.user).get(reverse("me_note", kwargs={"note_id": note.pk}))
    assert "added a correction" in mine.content.decode()


def test_worker_explains_why_not(worker, person, note):
    correction = request_correction(person.user, note, what_is_wrong="Wrong day.")
    respond_to_correction(worker, correction, add_correction=False, text="The diary says Monday.")
    correction.refresh_from_db()
    assert correction.status == CorrectionRequest.Status.DECLINED
    assert not note.addenda.exists()
    with pytest.raises(ActionRefused):
        respond_to_correction(worker, correction, add_correction=True, text="Again")


def test_supervisor_and_person_cannot_answer(client_for, supervisor, person, note):
    correction = request_correction(person.user, note, what_is_wrong="Wrong day.")
    url = _respond_url(person, note, correction)
    for user in (supervisor, person.user):
        assert client_for(user).post(url, {"outcome": "add", "text": "x"}).status_code == 404
    correction.refresh_from_db()
    assert correction.is_open


def test_correction_of_another_note_is_404(client_for, worker, person, note, add_notes):
    other_note = add_notes(person, 1)[0]
    correction = request_correction(person.user, note, what_is_wrong="Wrong day.")
    url = _respond_url(person, other_note, correction)
    assert client_for(worker).get(url).status_code == 404


def test_withheld_note_takes_no_request(person, withheld_note):
    with pytest.raises(ActionRefused):
        request_correction(person.user, withheld_note, what_is_wrong="x")


def test_caseload_counts_open_requests(worker, person, note):
    request_correction(person.user, note, what_is_wrong="One")
    second = request_correction(person.user, note, what_is_wrong="Two")
    respond_to_correction(worker, second, add_correction=False, text="No.")
    erin = caseload_overview(worker).get(pk=person.pk)
    assert erin.open_corrections == 1


def test_caseload_page_shows_it(worker_client, person, note):
    request_correction(person.user, note, what_is_wrong="One")
    body = worker_client.get(reverse("home")).content.decode()
    assert "1 correction request to answer" in body


def test_whats_new_tells_the_person_about_the_answer(worker, person, note):
    from casework.space.whats_new import whats_new

    correction = request_correction(person.user, note, what_is_wrong="One")
    respond_to_correction(worker, correction, add_correction=True, text="Fixed.")
    texts = [item.text for item in whats_new(person, None, limit=20)]
    assert any("answered your request" in t for t in texts)
    assert any("added something to the note" in t for t in texts)
