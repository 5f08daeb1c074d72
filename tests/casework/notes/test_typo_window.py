"""The typo window closes once the person has answered a note, and a fix is marked
"edited" for everyone with the earlier wording kept (issue 17, silent data losses)."""

import pytest
from django.urls import reverse

from casework.notes import actions, feedback
from casework.notes.actions import NoteLocked

pytestmark = pytest.mark.django_db


def _replied(note, person):
    actions.set_person_view(note, person.user, "That is not how I remember it.")


def _asked_for_a_correction(note, person):
    feedback.request_correction(person.user, note, what_is_wrong="It was Tuesday.")


def _gave_feedback(note, person):
    feedback.save_feedback(person.user, note, listened_to=4, talked_about_what_matters=3)


@pytest.mark.parametrize("answer", [_replied, _asked_for_a_correction, _gave_feedback])
def test_the_typo_window_locks_once_the_person_has_answered(
    worker_client, note, worker, person, answer
):
    assert actions.typo_window_open(note, worker)
    answer(note, person)
    assert not actions.typo_window_open(note, worker)
    with pytest.raises(NoteLocked):
        actions.correct_typo(note, worker, {"talked_about": "Quietly rewritten."})
    url = reverse("note_edit", args=[person.pk, note.pk])
    response = worker_client.post(url, {"talked_about": "Quietly rewritten."}, follow=True)
    assert "has answered this note" in response.content.decode()
    note.refresh_from_db()
    assert note.talked_about != "Quietly rewritten."
    detail = worker_client.get(reverse("note_detail", args=[person.pk, note.pk])).content.decode()
    assert "Fix a typo" not in detail


def test_a_typo_fix_is_marked_edited_for_everyone_with_the_earlier_wording(
    worker_client, person_client, note, worker, person
):
    original = note.talked_about
    actions.correct_typo(note, worker, {"talked_about": "We talked about the alotment."})
    note.refresh_from_db()
    assert note.text_edited_at is not None
    staff = worker_client.get(reverse("note_detail", args=[person.pk, note.pk])).content.decode()
    theirs = person_client.get(reverse("me_note", args=[note.pk])).content.decode()
    for body in (staff, theirs):
        assert "Edited at" in body
        assert "Earlier wording" in body and original in body
    assert original in [h.talked_about for h in note.history.all()]


def test_an_unedited_note_says_nothing_about_edits(worker_client, person_client, note, person):
    staff = worker_client.get(reverse("note_detail", args=[person.pk, note.pk])).content.decode()
    theirs = person_client.get(reverse("me_note", args=[note.pk])).content.decode()
    assert "Edited at" not in staff and "Edited at" not in theirs
