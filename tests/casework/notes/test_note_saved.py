"""Saving a session note: a confirmation that says where it went, and a warning on a repeat."""

import pytest
from django.urls import reverse

from tests.casework.notes.test_notes import new_note_url, note_data

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def test_the_confirmation_says_where_the_note_went(worker_client, person):
    response = worker_client.post(new_note_url(person), note_data(), follow=True)
    note = person.notes.get()
    assert response.redirect_chain[-1][0] == reverse("note_detail", args=[person.pk, note.pk])
    body = response.content.decode()
    assert f"Saved in {person.preferred_name}&#x27;s session notes" in body
    assert f"{person.preferred_name} can read it" in body


def test_the_htmx_confirmation_links_to_the_note(worker_client, person):
    body = worker_client.post(new_note_url(person), note_data(), headers=HTMX).content.decode()
    note = person.notes.get()
    assert f"Saved in {person.preferred_name}&#x27;s session notes" in body
    assert f'href="{reverse("note_detail", args=[person.pk, note.pk])}"' in body


def test_a_withheld_note_says_it_is_not_shared(worker_client, person):
    data = note_data(withheld_reason="legal", withheld_explanation="Court order.")
    body = worker_client.post(new_note_url(person), data, headers=HTMX).content.decode()
    assert f"{person.preferred_name} cannot read it" in body


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["without-js", "htmx"])
def test_the_same_note_again_is_warned_before_saving(worker_client, person, headers):
    worker_client.post(new_note_url(person), note_data(), headers=headers)
    again = worker_client.post(new_note_url(person), note_data(), headers=headers)
    assert again.status_code == 200
    body = again.content.decode()
    assert "You saved the same note a moment ago" in body
    assert person.notes.count() == 1
    # The warning is a form of its own: saving again is one more press, no JavaScript needed.
    assert 'name="save_again"' in body
    confirmed = worker_client.post(new_note_url(person), note_data(save_again="1"), headers=headers)
    assert confirmed.status_code in (200, 302)
    assert person.notes.count() == 2


def test_a_different_note_is_not_warned(worker_client, person):
    worker_client.post(new_note_url(person), note_data())
    response = worker_client.post(new_note_url(person), note_data(talked_about="Something else"))
    assert response.status_code == 302
    assert person.notes.count() == 2


def test_the_same_text_for_another_person_is_not_warned(
    worker_client, worker, person, add_to_caseload
):
    (other_person,) = add_to_caseload(worker, 1)
    worker_client.post(new_note_url(person), note_data())
    response = worker_client.post(new_note_url(other_person), note_data())
    assert response.status_code == 302
