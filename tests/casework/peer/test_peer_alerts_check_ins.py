"""Issue 17 section 3: a peer supporter reads alerts and check-ins only if the person chooses.

The default is no. The person chooses on one page (/me/sharing/, with the note
choice); ``access.capabilities`` adds the read capabilities from that choice,
and every page that shows alerts or check-ins asks ``access.may``.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import access
from casework.access import CAPABILITIES, Can, Relation
from casework.demo.factories import AlertFactory, CaseAssignmentFactory, CheckInFactory
from casework.models import CaseAssignment
from casework.peer.actions import set_peer_note_sharing

pytestmark = pytest.mark.django_db

TOLD = "Please ring the bell twice"
UNTOLD = "Police information: not to be shared yet"
CHECK_IN_WORDS = "Rough night, slept badly"


@pytest.fixture
def peer(person, peer_worker, worker):
    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    overdue = timezone.localdate() - datetime.timedelta(days=3)
    AlertFactory(person=person, added_by=worker, wording=TOLD, review_by=overdue)
    AlertFactory(
        person=person,
        added_by=worker,
        wording=UNTOLD,
        person_told=False,
        told_on=None,
        told_by=None,
        told_how="",
        not_told_reason="legal",
        review_by=overdue,
    )
    CheckInFactory(person=person, words=CHECK_IN_WORDS, wants_to_talk=True)
    return peer_worker


def _pages(client, person):
    overview = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    caseload = client.get(reverse("home")).content.decode()
    overdue = client.get(reverse("overdue_alerts")).content.decode()
    return overview, caseload, overdue


def test_the_table_gives_peer_support_no_alerts_or_check_ins_by_default():
    peer = CAPABILITIES[Relation.PEER_SUPPORT]
    assert Can.READ_ALERTS not in peer and Can.READ_CHECK_INS not in peer


def test_by_default_a_peer_supporter_sees_no_alert_and_no_check_in(person, peer, client_for):
    abilities = access.capabilities(peer, person)
    assert Can.READ_ALERTS not in abilities and Can.READ_CHECK_INS not in abilities
    client = client_for(peer)
    alert = person.alerts.get(wording=TOLD)
    assert client.get(reverse("alert_list", args=[person.pk])).status_code == 404
    assert client.get(reverse("alert_detail", args=[person.pk, alert.pk])).status_code == 404
    overview, caseload, overdue = _pages(client, person)
    for body in (overview, caseload, overdue):
        assert TOLD not in body and UNTOLD not in body
        assert CHECK_IN_WORDS not in body
    assert "Things to know before you visit" not in overview
    assert "Check-ins from" not in overview
    assert "new check-in" not in caseload and "would like to talk soon" not in caseload
    assert "due for review" not in caseload
    assert person.preferred_name not in overdue


def test_the_person_lets_their_peer_supporter_see_alerts_they_were_told_about(
    person, peer, person_client, client_for
):
    response = person_client.post(
        reverse("me_peer_sharing"), {"allow": "no", "alerts": "yes", "check_ins": "no"}
    )
    assert response.status_code == 302
    abilities = access.capabilities(peer, person)
    assert Can.READ_ALERTS in abilities and Can.READ_CHECK_INS not in abilities
    assert Can.MANAGE_ALERTS not in abilities
    client = client_for(peer)
    listing = client.get(reverse("alert_list", args=[person.pk])).content.decode()
    assert TOLD in listing and UNTOLD not in listing
    untold = person.alerts.get(wording=UNTOLD)
    assert client.get(reverse("alert_detail", args=[person.pk, untold.pk])).status_code == 404
    overview, caseload, overdue = _pages(client, person)
    assert "Things to know before you visit" in overview
    assert TOLD in overview and UNTOLD not in overview
    assert CHECK_IN_WORDS not in overview and "new check-in" not in caseload
    assert "1 alert due for review" in caseload
    assert person.preferred_name in overdue


def test_the_person_lets_their_peer_supporter_see_check_ins(
    person, peer, person_client, client_for
):
    person_client.post(
        reverse("me_peer_sharing"), {"allow": "no", "alerts": "no", "check_ins": "yes"}
    )
    client = client_for(peer)
    overview, caseload, _ = _pages(client, person)
    assert CHECK_IN_WORDS in overview
    assert "1 new check-in" in caseload
    assert TOLD not in overview
    # The choice counts from the next request, both ways.
    set_peer_note_sharing(person, person.user, allow=False)
    overview, caseload, _ = _pages(client, person)
    assert CHECK_IN_WORDS not in overview and "new check-in" not in caseload


def test_other_staff_still_see_everything(person, peer, worker_client, supervisor_client):
    for client in (worker_client, supervisor_client):
        overview = client.get(reverse("person_detail", args=[person.pk])).content.decode()
        assert TOLD in overview and UNTOLD in overview and CHECK_IN_WORDS in overview


def test_a_worker_records_the_choice_in_the_room_on_the_same_page(person, peer, worker_client):
    response = worker_client.post(
        reverse("peer_sharing", args=[person.pk]),
        {"allow": "no", "alerts": "yes", "check_ins": "yes", "in_the_room": "on"},
    )
    assert response.status_code == 302
    choice = access.current_peer_choice(person)
    assert (choice.allow, choice.alerts, choice.check_ins) == (False, True, True)
    assert choice.in_the_room
