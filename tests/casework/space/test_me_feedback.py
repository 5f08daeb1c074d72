"""Feedback after a session: the person gives it, the note's author sees it, nobody else."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.common.errors import ActionRefused
from casework.demo.factories import SessionNoteFactory
from casework.models import SessionFeedback
from casework.notes.feedback import save_feedback

pytestmark = pytest.mark.django_db


def _url(note):
    return reverse("me_note_feedback", kwargs={"note_id": note.pk})


def test_form_has_words_for_every_point(person_client, note):
    body = person_client.get(_url(note)).content.decode()
    assert body.count('type="radio"') == 10
    for _, label in SessionFeedback.Scale.choices:
        assert str(label) in body


def test_person_gives_and_changes_feedback(person_client, note):
    data = {"listened_to": "4", "talked_about_what_matters": "5", "comment": "Thanks"}
    assert person_client.post(_url(note), data).status_code == 302
    assert person_client.post(_url(note), {**data, "listened_to": "5"}).status_code == 302
    feedback = SessionFeedback.objects.get(note=note)
    assert feedback.listened_to == 5 and feedback.comment == "Thanks"


def test_feedback_is_fixed_after_14_days(person, note):
    save_feedback(person.user, note, listened_to=3, talked_about_what_matters=3)
    later = timezone.now() + datetime.timedelta(days=15)
    with pytest.raises(ActionRefused):
        save_feedback(person.user, note, listened_to=1, talked_about_what_matters=1, now=later)


def test_feedback_reaches_the_author_only(client_for, person, worker, peer_worker, supervisor):
    from casework.demo.factories import CaseAssignmentFactory

    CaseAssignmentFactory(person=person, worker=peer_worker)
    note = SessionNoteFactory(person=person, author=worker)
    save_feedback(
        person.user, note, listened_to=2, talked_about_what_matters=2, comment="Felt rushed."
    )
    url = reverse("note_detail", args=[person.pk, note.pk])
    assert "Felt rushed." in client_for(worker).get(url).content.decode()
    assert "Felt rushed." not in client_for(peer_worker).get(url).content.decode()
    assert "Felt rushed." not in client_for(supervisor).get(url).content.decode()


def test_withheld_note_takes_no_feedback(person, withheld_note):
    with pytest.raises(ActionRefused):
        save_feedback(person.user, withheld_note, listened_to=3, talked_about_what_matters=3)


def test_it_checks_ownership(client_for, other_person, note):
    data = {"listened_to": "1", "talked_about_what_matters": "1"}
    assert client_for(other_person.user).post(_url(note), data).status_code == 404
    assert not SessionFeedback.objects.exists()
