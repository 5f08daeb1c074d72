"""Searching notes: own caseload only, on SQLite and PostgreSQL, safely highlighted."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import CaseAssignmentFactory, SessionNoteFactory
from casework.models import AccessEvent, SessionNote
from casework.notes.search import marked_html, search_notes, search_page

pytestmark = pytest.mark.django_db


def test_search_finds_notes_on_my_own_caseload_only(
    worker, person, other_person, supervisor, former_worker
):
    mine = SessionNoteFactory(person=person, talked_about="We planned the allotment harvest.")
    SessionNoteFactory(person=other_person, talked_about="Allotment plans for Frank.")
    assert list(search_notes(worker, "allotment")) == [mine]
    # A supervisor reads the team's records one by one, but search stays own-caseload.
    assert list(search_notes(supervisor, "allotment")) == []
    # A worker whose assignment ended has no access at all.
    assert list(search_notes(former_worker, "allotment")) == []


def test_search_matches_any_text_field_and_all_words(worker, person):
    a = SessionNoteFactory(person=person, talked_about="x", going_well="Volunteering at the cafe")
    SessionNoteFactory(
        person=person, talked_about="volunteering only", going_well="", next_steps=""
    )
    assert list(search_notes(worker, "volunteering cafe")) == [a]


def test_an_empty_or_blank_query_finds_nothing(worker, person):
    SessionNoteFactory(person=person)
    assert list(search_notes(worker, "")) == []
    assert list(search_notes(worker, "   ")) == []


def test_search_page_shows_escaped_snippets_with_marks(worker_client, person):
    SessionNoteFactory(
        person=person,
        talked_about="<b>bold</b> talk about the garden <script>alert(1)</script> today",
        going_well="",
        next_steps="",
    )
    response = worker_client.get(reverse("note_search"), {"q": "garden"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<mark>garden</mark>" in body
    assert "<script>alert" not in body and "<b>bold" not in body
    if connection.vendor != "postgresql":
        # PostgreSQL's ts_headline drops tag-like words; SQLite's snippet shows them escaped.
        assert "&lt;script&gt;" in body
    assert "Erin" in body


def test_search_page_logs_a_read_for_each_person_in_the_results(worker_client, worker, person):
    SessionNoteFactory(person=person, talked_about="garden")
    worker_client.get(reverse("note_search"), {"q": "garden"})
    assert AccessEvent.objects.filter(
        person=person, actor=worker, action="viewed", what__contains="search"
    ).exists()


def test_search_page_without_query_and_with_odd_input(worker_client):
    assert worker_client.get(reverse("note_search")).status_code == 200
    for q in ['"', "&", "!!", "a" * 500, "or and not", "garden:*", "\x02"]:
        assert worker_client.get(reverse("note_search"), {"q": q}).status_code == 200


def test_search_is_paginated(worker_client, worker, person):
    SessionNoteFactory.create_batch(25, person=person, talked_about="garden")
    first = worker_client.get(reverse("note_search"), {"q": "garden"})
    assert len(first.context["hits"]) == 20
    second = worker_client.get(reverse("note_search"), {"q": "garden", "page": 2})
    assert len(second.context["hits"]) == 5


def test_co_workers_find_notes_of_shared_people(other_worker, person):
    CaseAssignmentFactory(person=person, worker=other_worker, role="co_worker")
    note = SessionNoteFactory(person=person, talked_about="music group")
    assert list(search_notes(other_worker, "music")) == [note]


def test_marked_html_escapes_everything_but_its_own_marks():
    html = marked_html("a <i>\x02b\x03 & \x02c")
    assert html == "a &lt;i&gt;<mark>b</mark> &amp; <mark>c</mark>"


# --- The stored index, ranking, one query for the page and its count -----------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored search vector is PostgreSQL only"
)


def _ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_ranking_on_each_database(worker, person):
    """PostgreSQL ranks by relevance, then newest; SQLite (no ranking) lists newest first."""
    once = SessionNoteFactory(
        person=person, happened_at=_ago(1), talked_about="Housing came up.", going_well=""
    )
    often = SessionNoteFactory(
        person=person,
        happened_at=_ago(30),
        talked_about="Housing: the housing officer and the housing list.",
        going_well="Housing forms done.",
        next_steps="",
    )
    newer_once = SessionNoteFactory(
        person=person, happened_at=_ago(0), talked_about="Housing came up.", going_well=""
    )
    found = list(search_notes(worker, "housing"))
    if connection.vendor == "postgresql":
        assert found == [often, newer_once, once]
    else:
        assert found == [newer_once, once, often]


def test_search_uses_stemming_on_postgres_and_substrings_on_sqlite(worker, person):
    note = SessionNoteFactory(person=person, talked_about="She is volunteering on Fridays.")
    if connection.vendor == "postgresql":
        assert list(search_notes(worker, "volunteered")) == [note]  # English stemming
    else:
        assert list(search_notes(worker, "volunteer")) == [note]  # substring match


@postgres_only
def test_the_stored_vector_follows_every_change_to_the_text(worker, person):
    note = SessionNoteFactory(
        person=person, talked_about="We talked about the trampoline.", going_well="", next_steps=""
    )
    assert list(search_notes(worker, "trampoline")) == [note]
    note.talked_about = "We talked about the football team."
    note.save()
    assert list(search_notes(worker, "trampoline")) == []
    assert list(search_notes(worker, "football")) == [note]
    SessionNote.objects.filter(pk=note.pk).update(next_steps="Ring the library.")
    assert list(search_notes(worker, "library")) == [note]


@postgres_only
def test_search_reads_the_stored_vector_and_its_index(worker, person):
    sql = str(search_notes(worker, "housing").query)
    assert '"casework_sessionnote"."search_vector" @@' in sql
    assert 'ts_rank("casework_sessionnote"."search_vector"' in sql
    assert "to_tsvector" not in sql  # nothing computed per row at search time
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'note_search_vector_idx'")
        assert "gin (search_vector)" in cursor.fetchone()[0]


@postgres_only
def test_notes_loaded_by_the_bulk_seeds_copy_are_searchable(worker, person):
    from casework.demo.bulk import bulk_insert

    row = {
        "person_id": person.pk,
        "author_id": worker.pk,
        "happened_at": _ago(2),
        "how": "phone",
        "duration_minutes": 30,
        "talked_about": "Talked through the tenancy paperwork.",
        "going_well": "",
        "next_steps": "",
    }
    bulk_insert(SessionNote, [row], "notes", 1, report=lambda line: None)
    assert [n.talked_about for n in search_notes(worker, "tenancy")] == [row["talked_about"]]


def test_one_query_gives_the_page_and_the_number_of_matches(worker, person):
    SessionNoteFactory.create_batch(23, person=person, talked_about="garden")
    with CaptureQueriesContext(connection) as ctx:
        results = search_page(worker, "garden", "2")
        assert len(results.page.object_list) == 3
    assert len(ctx) == 1
    assert results.total == 23
    assert results.page.paginator.num_pages == 2
    assert results.page.number == 2 and results.page.has_previous()


def test_odd_page_numbers_give_a_page_not_an_error(worker_client, worker, person):
    SessionNoteFactory.create_batch(21, person=person, talked_about="garden")
    assert search_page(worker, "garden", "abc").page.number == 1
    assert search_page(worker, "garden", "-4").page.number == 1
    past_the_end = search_page(worker, "garden", "9")
    assert past_the_end.page.number == 2 and len(past_the_end.page.object_list) == 1
    assert search_page(worker, "garden", "9" * 40).page.number == 2
    nothing = search_page(worker, "nothing-like-this", "3")
    assert (nothing.total, nothing.page.number, list(nothing.page)) == (0, 1, [])
    for page in ("0", "9" * 40, "x"):
        response = worker_client.get(reverse("note_search"), {"q": "garden", "page": page})
        assert response.status_code == 200


def test_search_page_says_how_many_notes_were_found(worker_client, person):
    SessionNoteFactory.create_batch(21, person=person, talked_about="garden")
    body = worker_client.get(reverse("note_search"), {"q": "garden"}).content.decode()
    assert "21 notes found." in body
    assert "Page 1 of 2" in body
    assert "page=2" in body


def test_search_page_query_count_is_constant_as_notes_grow(
    worker_client, worker, person, add_to_caseload, query_count
):
    url = reverse("note_search") + "?q=garden"
    SessionNoteFactory.create_batch(2, person=person, talked_about="garden")
    small = query_count(worker_client).get(url)
    for someone in add_to_caseload(worker, 6):
        SessionNoteFactory.create_batch(8, person=someone, talked_about="garden party")
    SessionNoteFactory.create_batch(30, person=person, talked_about="a garden")
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, "note search")
    assert len(large) <= 15


def test_a_worker_never_finds_another_caseloads_notes_on_any_page(
    worker_client, other_worker, other_person
):
    SessionNoteFactory.create_batch(25, person=other_person, talked_about="garden")
    for page in ("1", "2"):
        response = worker_client.get(reverse("note_search"), {"q": "garden", "page": page})
        assert response.context["hits"] == []
        assert "Frank" not in response.content.decode()
    assert search_page(other_worker, "garden", "2").total == 25


def test_withheld_notes_follow_the_access_rules(
    client_for, worker, person, withheld_note, peer_worker
):
    """The lead worker finds a withheld note; a peer support worker finds neither it nor,
    without the person's agreement, the lead worker's shared notes."""
    shared = SessionNoteFactory(person=person, author=worker, talked_about="Her brother visited.")
    assert set(search_notes(worker, "brother")) == {withheld_note, shared}
    CaseAssignmentFactory(person=person, worker=peer_worker, role="peer_support")
    assert list(search_notes(peer_worker, "brother")) == []
    response = client_for(peer_worker).get(reverse("note_search"), {"q": "brother"})
    assert "0 notes" not in response.content.decode() and response.context["hits"] == []
    assert "court date" not in response.content.decode()
