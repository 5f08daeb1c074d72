"""Peer support workers: scoped reading of session notes, and the person's choice.

alice (lead) and pat (peer support) both work with erin. By default pat reads
only the notes he wrote; erin may let him read other workers' shared notes too.
Withheld notes by others never reach him. The access module applies all of it.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from casework import access
from casework.demo.factories import AlertFactory, CaseAssignmentFactory, SessionNoteFactory
from casework.export.record import build
from casework.home.caseload import caseload_overview
from casework.models import AccessEvent, CaseAssignment, PeerNoteSharingChoice, User
from casework.notes.actions import notes_for_person_view
from casework.notes.search import search_notes
from casework.peer.actions import set_peer_note_sharing

pytestmark = pytest.mark.django_db

NOTE_URLS = ["note_detail", "note_edit", "addendum_create", "note_sharing"]
CHANGING_URLS = ["note_edit", "addendum_create", "note_sharing"]


@pytest.fixture
def peer(person, peer_worker):
    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    return peer_worker


@pytest.fixture
def alices_note(person, worker):
    return SessionNoteFactory(person=person, author=worker, talked_about="Alice's words on music")


@pytest.fixture
def pats_note(person, peer):
    return SessionNoteFactory(person=person, author=peer, talked_about="Pat's words on music")


@pytest.fixture
def allow(person):
    """Set erin's choice (as erin): ``allow(True)``."""

    def _set(value):
        return set_peer_note_sharing(person, person.user, allow=value)

    return _set


def _url(name, person, note):
    return reverse(name, kwargs={"person_id": person.pk, "note_id": note.pk})


@pytest.mark.parametrize("allowed", [False, True], ids=["not-allowed", "allowed"])
@pytest.mark.parametrize("name", NOTE_URLS)
def test_peer_on_another_workers_note(name, allowed, person, peer, alices_note, allow, client_for):
    allow(allowed)
    client = client_for(peer)
    url = _url(name, person, alices_note)
    readable = allowed and name == "note_detail"
    get = client.get(url)
    assert get.status_code == (200 if readable else 404), f"GET {url}"
    if readable:
        assert "Alice&#x27;s words on music" in get.content.decode()
        assert get.context["can_write"] is False
    if name in CHANGING_URLS:
        post = client.post(url, {"text": "mine", "explanation": "x", "reason": "legal"})
        assert post.status_code == 404, f"POST {url}"
    alices_note.refresh_from_db()
    assert alices_note.addenda.count() == 0 and not alices_note.is_withheld


@pytest.mark.parametrize("allowed", [False, True], ids=["not-allowed", "allowed"])
@pytest.mark.parametrize("name", NOTE_URLS)
def test_peer_never_reads_another_workers_withheld_note(
    name, allowed, person, peer, withheld_note, allow, client_for
):
    allow(allowed)
    assert client_for(peer).get(_url(name, person, withheld_note)).status_code == 404


@pytest.mark.parametrize("allowed", [False, True], ids=["not-allowed", "allowed"])
def test_peer_reads_and_adds_to_their_own_notes(
    allowed, person, peer, pats_note, allow, client_for
):
    allow(allowed)
    client = client_for(peer)
    detail = client.get(_url("note_detail", person, pats_note))
    assert detail.status_code == 200 and detail.context["can_write"] is True
    response = client.post(_url("addendum_create", person, pats_note), {"text": "Also, music."})
    assert response.status_code == 302
    assert pats_note.addenda.get().author == peer


def test_peer_may_write_a_note(person, peer, client_for):
    response = client_for(peer).post(
        reverse("note_create", args=[person.pk]),
        {
            "happened_at": timezone.now().strftime("%Y-%m-%dT%H:%M"),
            "how": "face_to_face",
            "duration_minutes": 30,
            "person_present": "on",
            "talked_about": "Walked to the group together.",
        },
    )
    assert response.status_code == 302
    assert person.notes.get().author == peer


def test_peer_sees_alerts_only_if_the_person_chooses(person, peer, worker, client_for):
    # Issue 17: off by default (more in test_peer_alerts_check_ins.py).
    alert = AlertFactory(person=person, added_by=worker)
    url = reverse("alert_detail", args=[person.pk, alert.pk])
    assert client_for(peer).get(reverse("alert_list", args=[person.pk])).status_code == 404
    assert client_for(peer).get(url).status_code == 404
    set_peer_note_sharing(person, person.user, allow=False, alerts=True)
    assert client_for(peer).get(reverse("alert_list", args=[person.pk])).status_code == 200
    assert client_for(peer).get(url).status_code == 200


@pytest.mark.parametrize("allowed", [False, True], ids=["not-allowed", "allowed"])
def test_timeline_overview_search_and_caseload_follow_the_choice(
    allowed, person, peer, alices_note, pats_note, withheld_note, allow, client_for
):
    allow(allowed)
    client = client_for(peer)
    expected = {pats_note, alices_note} if allowed else {pats_note}

    timeline = client.get(reverse("note_list", args=[person.pk]))
    assert set(timeline.context["page"]) == expected
    assert timeline.context["page"].paginator.count == len(expected)  # counts reveal nothing

    # The sessions list is the Sessions page (above); the overview names the last one.
    assert ("Alice&#x27;s words" in timeline.content.decode()) is allowed
    overview = client.get(reverse("person_detail", args=[person.pk]))
    assert overview.context["last_session"] in expected

    assert set(search_notes(peer, "music")) == expected
    assert set(search_notes(peer, "brother")) == set()
    found = client.get(reverse("note_search"), {"q": "music"})
    assert {n for n, _ in found.context["hits"]} == expected

    alices_note.going_well = "Alice saw this going well"
    alices_note.happened_at = timezone.now() - datetime.timedelta(hours=1)
    alices_note.save()
    row = caseload_overview(peer).get(pk=person.pk)
    assert (row.latest_going_well == "Alice saw this going well") is allowed
    overview = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert ("Alice saw this going well" in overview) is allowed


def test_the_lead_worker_and_supervisor_are_unaffected(
    person, peer, worker, supervisor, alices_note, pats_note, withheld_note, allow
):
    allow(False)
    everything = {alices_note, pats_note, withheld_note}
    assert set(access.notes_visible_to(worker, person)) == everything
    assert set(access.notes_visible_to(supervisor, person)) == everything


def test_the_persons_own_view_and_download_are_unaffected(
    person, peer, alices_note, pats_note, withheld_note, allow
):
    def snapshot():
        record = build(person)
        # The access log grows with every logged change; the rest must not move.
        record.pop("access_log")
        record["record"].pop("exported_at")
        return notes_for_person_view(person), record

    before = snapshot()
    allow(True)
    assert snapshot() == before


def test_a_peer_whose_assignment_ended_has_no_access(person, peer, pats_note, allow, client_for):
    allow(True)
    CaseAssignment.objects.filter(worker=peer).update(
        ended_on=timezone.localdate() - datetime.timedelta(days=1),
        started_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    client = client_for(peer)
    assert client.get(reverse("person_detail", args=[person.pk])).status_code == 404
    assert client.get(_url("note_detail", person, pats_note)).status_code == 404
    assert list(access.notes_visible_to(peer)) == []
    assert list(search_notes(peer, "music")) == []


def test_a_changed_choice_counts_on_the_next_request(
    person, peer, alices_note, allow, client_for, person_client
):
    allow(True)
    client = client_for(peer)
    url = _url("note_detail", person, alices_note)
    assert client.get(url).status_code == 200
    person_client.post(reverse("me_peer_sharing"), {"allow": "no"})
    assert client.get(url).status_code == 404
    person_client.post(reverse("me_peer_sharing"), {"allow": "yes"})
    assert client.get(url).status_code == 200


# --- Recording the choice ---------------------------------------------------------------


def test_default_is_not_allowed(person, peer, alices_note):
    assert access.current_peer_choice(person) is None
    assert access.person_note_scope(peer, person) == access.NOTES_OWN


def test_the_person_chooses_from_their_space(person, person_client, peer):
    page = person_client.get(reverse("me_peer_sharing"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Not chosen yet, so the answer is no." in body
    assert peer.display_name() in body
    response = person_client.post(reverse("me_peer_sharing"), {"allow": "yes"})
    assert response.status_code == 302
    choice = PeerNoteSharingChoice.objects.get()
    assert (choice.allow, choice.set_by, choice.in_the_room) == (True, person.user, False)
    assert "Chosen by Erin" in person_client.get(reverse("me_peer_sharing")).content.decode()
    event = AccessEvent.objects.filter(action=AccessEvent.Action.CHANGED).get()
    assert event.actor == person.user and "peer supporter may read" in event.what


def test_a_choice_needs_an_answer(person, person_client):
    response = person_client.post(reverse("me_peer_sharing"), {})
    assert response.status_code == 200
    assert "Choose yes or no." in response.content.decode()
    assert not PeerNoteSharingChoice.objects.exists()


def test_the_worker_records_it_with_the_person_in_the_room(person, worker, worker_client, peer):
    url = reverse("peer_sharing", args=[person.pk])
    refused = worker_client.post(url, {"allow": "yes"})
    assert refused.status_code == 200 and "in the room" in refused.content.decode()
    assert not PeerNoteSharingChoice.objects.exists()
    response = worker_client.post(url, {"allow": "yes", "in_the_room": "on"})
    assert response.status_code == 302
    choice = PeerNoteSharingChoice.objects.get()
    assert (choice.allow, choice.set_by, choice.in_the_room) == (True, worker, True)
    assert response["Location"] == reverse("record_account", args=[person.pk])
    account = worker_client.get(reverse("record_account", args=[person.pk])).content.decode()
    assert f"Recorded by {worker.display_name()} with Erin in the room" in account


def test_the_history_is_kept_and_the_latest_counts(person, worker, peer, allow):
    allow(True)
    set_peer_note_sharing(person, worker, allow=False, in_the_room=True)
    assert access.current_peer_choice(person).allow is False
    assert PeerNoteSharingChoice.objects.filter(person=person).count() == 2


def test_the_peer_supporter_and_supervisor_cannot_record_the_choice(
    person, peer, supervisor, client_for
):
    url = reverse("peer_sharing", args=[person.pk])
    for user in (peer, supervisor):
        client = client_for(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"allow": "yes", "in_the_room": "on"}).status_code == 404
    assert not PeerNoteSharingChoice.objects.exists()


# --- Who can see my record ----------------------------------------------------------------


def test_who_can_see_is_linked_and_lists_everyone_who_can(
    person, person_client, worker, peer, supervisor, other_worker, other_supervisor, org_admin
):
    home = person_client.get(reverse("me_home")).content.decode()
    assert reverse("me_who_can_see") in home and reverse("me_peer_sharing") in home
    page = person_client.get(reverse("me_who_can_see"))
    assert page.status_code == 200
    listed = {v.user: v for v in page.context["viewers"]}
    assert set(listed) == {worker, peer, supervisor}
    body = page.content.decode()
    for user in listed:
        # Names come from Faker and may hold an apostrophe, which the page escapes.
        assert escape(user.display_name()) in body
    assert "Can read only the session notes they write. You chose this." in body


@pytest.mark.parametrize("allowed", [False, True], ids=["not-allowed", "allowed"])
def test_who_can_see_agrees_with_the_real_access_checks(
    allowed,
    person,
    worker,
    peer,
    supervisor,
    other_worker,
    other_supervisor,
    org_admin,
    former_worker,
    other_person,
    alices_note,
    pats_note,
    withheld_note,
    allow,
):
    allow(allowed)
    listed = {v.user.pk: v for v in access.who_can_see(person)}
    for user in User.objects.all():
        can_read = access.people_visible_to(user).filter(pk=person.pk).exists()
        viewer = listed.get(user.pk)
        assert (viewer is not None) == can_read, user.username
        visible = set(access.notes_visible_to(user, person))
        if viewer is None:
            assert visible == set(), user.username
            continue
        assert viewer.can_change == access.people_writable_by(user).filter(pk=person.pk).exists()
        expected = {
            access.NOTES_ALL: {alices_note, pats_note, withheld_note},
            access.NOTES_OWN_AND_SHARED: {alices_note, pats_note}
            | {n for n in (withheld_note,) if n.author == user},
            access.NOTES_OWN: {
                n for n in (alices_note, pats_note, withheld_note) if n.author == user
            },
        }[viewer.note_scope]
        assert visible == expected, user.username
    assert listed[peer.pk].note_scope == (
        access.NOTES_OWN_AND_SHARED if allowed else access.NOTES_OWN
    )


# --- Recent changes to who works with the person (issue 15, finding 5) --------------------


def _log_changes(org_admin, person, n):
    now = timezone.now()
    AccessEvent.objects.bulk_create(
        AccessEvent(
            person=person,
            actor=org_admin,
            action=AccessEvent.Action.CHANGED,
            what=f"who works with you: change number {i}",
            acting_role="Organisation administrator",
            at=now - datetime.timedelta(minutes=n - i),
        )
        for i in range(n)
    )


def test_who_can_see_lists_recent_changes_to_who_works_with_them(
    person, person_client, worker, org_admin, other_worker
):
    _log_changes(org_admin, person, 12)
    # Other changes to the record are not changes to who works with them.
    access.record_change(worker, person, "your recovery plan")
    AccessEvent.objects.create(
        person=person,
        actor=worker,
        action=AccessEvent.Action.VIEWED,
        what="who works with you: not a change",
        acting_role="Lead worker",
    )
    page = person_client.get(reverse("me_who_can_see"))
    assert page.status_code == 200
    changes = page.context["assignment_changes"]
    assert [c.text for c in changes] == [f"change number {i}" for i in range(11, 1, -1)]
    body = page.content.decode()
    assert "Recent changes to who works with you" in body
    assert "change number 11" in body and "change number 1<" not in body
    assert "change number 1 " not in body and "your recovery plan" not in body


def test_an_admin_assignment_shows_on_who_can_see(
    person, person_client, org_admin, other_worker, client_for
):
    client_for(org_admin).post(
        reverse("admin:casework_caseassignment_add"),
        {
            "person": person.pk,
            "worker": other_worker.pk,
            "role": "co_worker",
            "started_on": "2026-01-05",
        },
    )
    body = person_client.get(reverse("me_who_can_see")).content.decode()
    assert escape(f"{other_worker.display_name()} added as co-worker") in body


def test_who_can_see_without_changes_says_so(person, person_client):
    body = person_client.get(reverse("me_who_can_see")).content.decode()
    assert "No changes to who works with you yet." in body


def test_who_can_see_query_count_does_not_grow_with_changes(
    person, person_client, org_admin, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _log_changes(org_admin, person, 1)
    with CaptureQueriesContext(connection) as few:
        assert person_client.get(reverse("me_who_can_see")).status_code == 200
    _log_changes(org_admin, person, 10)
    with django_assert_max_num_queries(len(few)):
        assert person_client.get(reverse("me_who_can_see")).status_code == 200
