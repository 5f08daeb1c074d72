"""Urgent check-ins come first on the caseload and the supervisor home, and are acknowledged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.checkins.actions import urgent_check_ins
from casework.demo.factories import CaseAssignmentFactory, CheckInFactory
from casework.models import AccessEvent, CaseAssignment

pytestmark = pytest.mark.django_db


def _seen_url(check_in):
    return reverse("check_in_seen", args=[check_in.person_id, check_in.pk])


def test_struggling_or_asking_to_talk_is_urgent_others_are_not(worker, person):
    struggling = CheckInFactory(person=person, feeling=1)
    talk = CheckInFactory(person=person, feeling=4, wants_to_talk=True)
    CheckInFactory(person=person, feeling=2)
    assert set(urgent_check_ins(worker, person.__class__.objects.all())) == {struggling, talk}


def test_urgent_check_ins_are_at_the_top_of_the_caseload(worker_client, person):
    came_in = timezone.make_aware(datetime.datetime(2026, 3, 6, 21, 0))
    check_in = CheckInFactory(person=person, feeling=1, created_at=came_in)
    body = worker_client.get("/").content.decode()
    top = body.index("Check-ins that ask for you soon")
    assert body.index("<h1") < top < body.index("Sort by")  # straight after the heading
    assert top < body.index('class="person-card')
    assert "Friday 6 March, 21:00" in body
    assert "Nobody has seen this yet." in body
    assert _seen_url(check_in) in body


def test_acknowledging_is_logged_and_the_person_sees_who_and_when(
    worker_client, worker, person, person_client
):
    check_in = CheckInFactory(person=person, feeling=1, words="Can't cope tonight")
    response = worker_client.post(_seen_url(check_in), {"back": "home"})
    assert response.url == "/#urgent-check-ins"
    check_in.refresh_from_db()
    assert check_in.seen_by == worker
    assert AccessEvent.objects.filter(
        person=person, actor=worker, action="changed", what="your check-ins (asked for help soon)"
    ).exists()
    seen = timezone.localtime(check_in.seen_at).strftime("%H:%M")
    words = f"{worker.first_name} has seen this at {seen}."
    assert words in person_client.get(reverse("me_check_in")).content.decode()
    assert words in person_client.get(reverse("me_home")).content.decode()
    assert words in person_client.get(reverse("me_help_now")).content.decode()
    # Still on the caseload, now showing who saw it.
    body = worker_client.get("/").content.decode()
    assert f"Seen by {worker.display_name()}" in body
    assert _seen_url(check_in) not in body


def test_the_back_field_is_not_an_open_redirect(worker_client, person):
    check_in = CheckInFactory(person=person, feeling=1)
    response = worker_client.post(_seen_url(check_in), {"back": "https://evil.example"})
    assert response.url == reverse("person_detail", args=[person.pk]) + "#check-ins"


def test_seen_long_ago_drops_off_the_list(worker_client, person):
    CheckInFactory(person=person, feeling=1, seen_at=timezone.now() - datetime.timedelta(days=2))
    assert "Check-ins that ask for you soon" not in worker_client.get("/").content.decode()


def test_peer_support_workers_see_it_only_if_the_person_chose_and_never_acknowledge(
    client_for, peer_worker, person
):
    from casework.peer.actions import set_peer_note_sharing

    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    check_in = CheckInFactory(person=person, feeling=1)
    client = client_for(peer_worker)
    # The person's choice decides (default: no), as for notes and alerts.
    assert "Check-ins that ask for you soon" not in client.get("/").content.decode()
    set_peer_note_sharing(person, person.user, allow=False, check_ins=True)
    body = client.get("/").content.decode()
    assert "Check-ins that ask for you soon" in body
    assert _seen_url(check_in) not in body
    assert client.post(_seen_url(check_in)).status_code == 404
    check_in.refresh_from_db()
    assert check_in.seen_at is None


def test_the_supervisor_home_shows_the_teams_urgent_check_ins(supervisor_client, person, worker):
    check_in = CheckInFactory(person=person, wants_to_talk=True)
    body = supervisor_client.get("/").content.decode()
    assert "Check-ins that ask for you soon" in body
    assert body.index("Check-ins that ask for you soon") < body.index("Workers")
    assert "Erin" in body and "would like to talk soon" in body
    # A supervisor not assigned reads only: no button, and the action refuses.
    assert _seen_url(check_in) not in body
    assert supervisor_client.post(_seen_url(check_in)).status_code == 404


def test_an_assigned_supervisor_may_acknowledge(supervisor_client, supervisor, person):
    CaseAssignmentFactory(person=person, worker=supervisor, role=CaseAssignment.Role.CO_WORKER)
    check_in = CheckInFactory(person=person, feeling=1)
    body = supervisor_client.get("/").content.decode()
    assert _seen_url(check_in) in body


def test_other_teams_urgent_check_ins_are_not_shown(worker_client, other_person):
    CheckInFactory(person=other_person, feeling=1)
    assert "Frank" not in worker_client.get("/").content.decode()


def _urgent_for(people):
    for p in people:
        CheckInFactory(person=p, feeling=1)
        CheckInFactory(person=p, wants_to_talk=True, seen_at=timezone.now())


def test_caseload_query_count_is_constant_with_urgent_check_ins(
    worker_client, worker, person, add_to_caseload, query_count
):
    _urgent_for([person, *add_to_caseload(worker, 2)])
    small = query_count(worker_client).get("/")
    _urgent_for(add_to_caseload(worker, 30))
    large = query_count(worker_client).get("/")
    query_count.assert_same(small, large, "caseload with urgent check-ins, 3 vs 33 people")


def test_supervisor_home_query_count_is_constant_with_urgent_check_ins(
    supervisor_client, worker, person, add_to_caseload, query_count
):
    _urgent_for([person, *add_to_caseload(worker, 2)])
    small = query_count(supervisor_client).get("/")
    _urgent_for(add_to_caseload(worker, 30))
    large = query_count(supervisor_client).get("/")
    query_count.assert_same(small, large, "supervisor home with urgent check-ins, 3 vs 33 people")
