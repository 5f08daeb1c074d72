"""Long text is never cut silently (issue 17, silent data losses).

No ``maxlength`` lets the browser drop a long paste; a live count (static/js/char-count.js)
warns, and the server refuses over-long text with a field error, keeping all of it.
"""

import re

import pytest
from django.urls import reverse

from casework.models import NOTE_TEXT_LIMIT
from casework.notes.forms import AddendumForm, PersonViewForm, SessionNoteForm
from strengths.plan.forms import SectionForm
from tests.casework.notes.test_notes import new_note_url, note_data

pytestmark = pytest.mark.django_db
PASTED = "Every word matters. " * 999 + "Every word matters!!"  # 20,000 characters


def test_the_pasted_text_is_long_enough_to_matter():
    assert len(PASTED) == 2 * NOTE_TEXT_LIMIT


def test_the_note_form_has_no_maxlength_but_a_counted_limit(worker_client, person):
    body = worker_client.get(new_note_url(person)).content.decode()
    textareas = re.findall(r"<textarea[^>]*>", body)
    assert len(textareas) == 3
    for tag in textareas:
        assert "maxlength" not in tag
        assert f'data-limit="{NOTE_TEXT_LIMIT}"' in tag
    assert "js/char-count.js" in body


@pytest.mark.parametrize("form_class", [SessionNoteForm, AddendumForm, PersonViewForm, SectionForm])
def test_no_long_text_field_renders_a_maxlength(form_class):
    for tag in re.findall(r"<textarea[^>]*>", str(form_class())):
        assert "maxlength" not in tag and "data-limit" in tag


def test_an_over_long_note_is_refused_with_all_its_text_kept(worker_client, person):
    response = worker_client.post(new_note_url(person), note_data(talked_about=PASTED))
    body = response.content.decode()
    assert response.status_code == 200
    assert person.notes.count() == 0
    assert "This is longer than 10,000 characters (it has 20000)" in body
    assert PASTED.strip() in body  # the whole paste is back in the form, nothing cut


def test_a_signed_out_draft_keeps_the_whole_text(client, person):
    client.post(new_note_url(person), note_data(talked_about=PASTED))
    kept = client.session["kept_note_drafts"][str(person.pk)]
    assert kept["talked_about"] == PASTED


def test_the_person_view_is_refused_not_cut(person_client, person, note):
    response = person_client.post(reverse("me_note", args=[note.pk]), {"text": PASTED})
    assert response.status_code == 200
    assert PASTED.strip() in response.content.decode()
    note.refresh_from_db()
    assert note.person_view == ""
