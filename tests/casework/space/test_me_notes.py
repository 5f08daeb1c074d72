"""My notes: the person reads every shared note in full, and only stubs of withheld ones."""

import pytest
from django.urls import reverse

from casework.demo.factories import SessionNoteFactory
from casework.models import AccessEvent
from casework.notes.actions import add_addendum

pytestmark = pytest.mark.django_db
LIST = reverse("me_notes")
SECRET = "Her brother's court date"


def _note_url(note):
    return reverse("me_note", kwargs={"note_id": note.pk})


def test_list_shows_shared_notes_with_addenda(person_client, note, worker):
    add_addendum(note, worker, "The volunteering role is on Tuesdays.")
    body = person_client.get(LIST).content.decode()
    assert "We talked about the week" in body
    assert "The volunteering role is on Tuesdays." in body
    assert _note_url(note) in body


def test_withheld_notes_are_stubs_only(person_client, withheld_note):
    body = person_client.get(LIST).content.decode()
    assert "a note you cannot read" in body
    assert "information about someone else" in body
    assert SECRET not in body
    assert withheld_note.withheld_explanation not in body
    assert _note_url(withheld_note) not in body


def test_withheld_note_detail_is_404_for_the_person(person_client, withheld_note):
    for name in ("me_note", "me_note_correction", "me_note_feedback"):
        url = reverse(name, kwargs={"note_id": withheld_note.pk})
        response = person_client.get(url)
        assert response.status_code == 404, name
        assert SECRET not in response.content.decode()
        assert person_client.post(url, {"text": "x"}).status_code == 404


def test_it_checks_ownership(client_for, other_person, note, worker):
    # Frank asks for Erin's note by id: the same 404 as a note that does not exist.
    client = client_for(other_person.user)
    assert client.get(_note_url(note)).status_code == 404
    assert client.post(_note_url(note), {"text": "Mine now"}).status_code == 404
    assert SessionNoteFactory(person=other_person, author=worker)
    body = client.get(LIST).content.decode()
    assert "We talked about the week" in body  # Frank's own note (same factory text)
    assert _note_url(note) not in body
    # Staff have no /me/ record of their own.
    assert client_for(worker).get(LIST).status_code == 404


def test_my_view_is_saved_and_a_second_replaces_it_keeping_history(person_client, note, person):
    first = {"text": "It was a good talk.", "version": 0}
    assert person_client.post(_note_url(note), first).status_code == 302
    second = {"text": "Looking back, I was tired.", "version": 1}
    assert person_client.post(_note_url(note), second).status_code == 302
    note.refresh_from_db()
    assert note.person_view == "Looking back, I was tired."
    assert note.person_view_by == person.user
    earlier = list(note.history.values_list("person_view", flat=True))
    assert "It was a good talk." in earlier
    assert (
        AccessEvent.objects.filter(
            person=person, actor=person.user, action="changed", what__contains="their view"
        ).count()
        == 2
    )
    body = person_client.get(_note_url(note)).content.decode()
    assert "Looking back, I was tired." in body


def test_empty_view_shows_the_error(person_client, note):
    response = person_client.post(_note_url(note), {"text": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Write your view" in body
    assert "error-summary-heading" in body


def test_list_query_count_is_constant(person_client, person, add_notes, query_count, worker):
    # One addendum from the start: the authors' prefetch runs only once there are addenda.
    add_addendum(add_notes(person, 10)[0], worker, "Added later.")
    add_notes(person, 2, withheld_reason="legal", withheld_explanation="Court order.")
    small = query_count(person_client).get(LIST)
    notes = add_notes(person, 90)
    for n in notes[:20]:
        add_addendum(n, worker, "Added later.")
    large = query_count(person_client).get(LIST)
    query_count.assert_same(small, large, "my notes")


def test_home_links_to_my_notes(person_client):
    assert LIST in person_client.get(reverse("me_home")).content.decode()


def test_whats_new_lists_shared_notes_and_plan_changes_by_others(
    person, note, withheld_note, plan_revision
):
    from casework.space.whats_new import whats_new

    texts = [item.text for item in whats_new(person, None, limit=50)]
    assert sum("wrote a note about your meeting" in t for t in texts) == 1
    assert any("in your plan" in t for t in texts)
    assert not any(SECRET in t for t in texts)


def test_staff_note_list_marks_open_correction_requests(worker_client, person, note):
    from casework.notes.feedback import request_correction

    request_correction(person.user, note, what_is_wrong="Wrong day.")
    body = worker_client.get(reverse("note_list", args=[person.pk])).content.decode()
    assert "1 correction request to answer" in body
