"""The handover pages: who reaches them, what the organisation administrator sees (names
and workers only), the summary's reads logged, and the lists' query counts at two sizes."""

import pytest
from django.urls import reverse

from casework.handover.actions import Choice, hand_over
from casework.models import AccessEvent, CaseAssignment, Handover
from tests.conftest import day

pytestmark = pytest.mark.django_db


def _hand_over(supervisor, worker, person, to):
    lead = CaseAssignment.objects.active().get(person=person, worker=worker)
    (handover,) = hand_over(
        supervisor, worker, [Choice(lead.pk, to)], starts_on=day(1), ends_on=day(3)
    )
    return handover


def test_the_org_admin_hands_over_by_name_without_seeing_the_record(
    person, worker, nina, org_admin, client_for
):
    client = client_for(org_admin)
    page = client.get(reverse("handover_new"), {"from": worker.pk}).content.decode()
    assert "Erin" in page
    assert person.about_me not in page  # names and workers only
    lead = CaseAssignment.objects.active().get(person=person, worker=worker)
    response = client.post(
        reverse("handover_new"),
        {
            "from_worker": worker.pk,
            "starts_on": day(1).isoformat(),
            "ends_on": day(2).isoformat(),
            f"to_{lead.pk}": nina.pk,
        },
    )
    assert response.status_code == 302
    handover = Handover.objects.get()
    assert handover.handed_over_as == "Organisation administrator"
    listing = client.get(reverse("handover_list")).content.decode()
    assert "Erin" in listing and person.about_me not in listing
    # Never the summary, never a read of the record.
    assert client.get(reverse("handover_detail", args=[person.pk])).status_code == 404
    assert not AccessEvent.objects.filter(actor=org_admin, action="viewed").exists()


def test_the_org_admin_is_never_offered_as_a_new_worker(worker, org_admin, nina, supervisor):
    from casework import access

    assert org_admin not in set(access.new_worker_choices(supervisor, worker))
    assert org_admin not in set(access.new_worker_choices(org_admin, worker))


@pytest.mark.parametrize("who", ["worker", "other_worker", "peer_worker", "person"])
def test_only_supervisors_and_the_org_admin_reach_the_handover_pages(
    who, request, person, client_for
):
    client = client_for(request.getfixturevalue(who) if who != "person" else person.user)
    for name in ("handover_list", "handover_new"):
        assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse("handover_new"), {}).status_code == 404
    # The list only reads: a post is refused for everyone, before anything is looked up.
    assert client.post(reverse("handover_list"), {}).status_code == 405


def test_who_reads_the_summary_and_every_read_is_logged(
    person, worker, nina, supervisor, peer_worker, other_supervisor, client_for, move_time
):
    _hand_over(supervisor, worker, person, nina)
    url = reverse("handover_detail", args=[person.pk])
    for reader in (worker, supervisor):
        assert client_for(reader).get(url).status_code == 200
        assert AccessEvent.objects.filter(
            actor=reader, person=person, action="viewed", what="their handover summary"
        ).exists()
    CaseAssignment.objects.create(
        person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT
    )
    assert client_for(peer_worker).get(url).status_code == 404
    assert client_for(other_supervisor).get(url).status_code == 404
    move_time(1)
    assert client_for(nina).get(url).status_code == 200


def test_the_summary_holds_what_a_new_worker_needs(
    person, worker, supervisor, nina, goal, note, client_for
):
    from casework.demo.factories import AlertFactory

    AlertFactory(person=person, added_by=worker, wording="Prefers afternoon visits")
    _hand_over(supervisor, worker, person, nina)
    page = client_for(worker).get(reverse("handover_detail", args=[person.pk])).content.decode()
    for heading in (
        "What they want, in their words",
        "Goals being worked on",
        "The recovery plan",
        "Circle of support and involvement choices",
        "Alerts and their review dates",
        "Open requests and check-ins",
        "Last sessions",
        "Next appointments",
    ):
        assert heading in page
    assert "I want to work outdoors" in page
    assert "Prefers afternoon visits" in page


def test_the_person_sees_only_what_they_may_in_their_summary(
    person, worker, supervisor, nina, withheld_note, client_for
):
    from casework.demo.factories import AlertFactory

    AlertFactory(person=person, added_by=worker, wording="Not told yet", not_told=True)
    _hand_over(supervisor, worker, person, nina)
    page = client_for(person.user).get(reverse("me_handover")).content.decode()
    assert "Not told yet" not in page
    assert withheld_note.talked_about not in page


def test_a_supervisor_is_offered_the_handover_on_the_record(person, worker, supervisor, client_for):
    page = client_for(supervisor).get(reverse("person_detail", args=[person.pk])).content.decode()
    assert reverse("handover_new") + f"?from={worker.pk}&amp;person={person.pk}" in page
    # Still a read-only reader of the record's content.
    assert "You are reading this record as a supervisor" in page


def test_who_can_see_my_record_says_a_supervisor_may_hand_over(person, supervisor, person_client):
    page = person_client.get(reverse("me_who_can_see")).content.decode()
    assert "Can hand your support over to a new worker" in page


def _many_handovers(supervisor, north_team, n):
    from casework.demo.factories import CaseAssignmentFactory, PersonFactory
    from tests.conftest import _staff

    leaver = _staff(f"leaver{n}", north_team)
    taker = _staff(f"taker{n}", north_team)
    for _ in range(n):
        person = PersonFactory()
        CaseAssignmentFactory(person=person, worker=leaver)
    choices = [Choice(a.pk, taker) for a in CaseAssignment.objects.active().filter(worker=leaver)]
    hand_over(supervisor, leaver, choices, starts_on=day(1), ends_on=day(2))


@pytest.mark.parametrize("page", ["handover_list", "home"])
def test_handover_lists_keep_their_query_count(
    page, supervisor, north_team, client_for, query_count
):
    counter = query_count(client_for(supervisor))
    _many_handovers(supervisor, north_team, 2)
    small = counter.get(reverse(page))
    _many_handovers(supervisor, north_team, 30)  # more than a page
    large = counter.get(reverse(page))
    counter.assert_same(small, large, page)
    assert "Page 1 of 2" in counter.client.get(reverse(page)).content.decode()


def test_handover_pages_are_paginated(supervisor, north_team, client_for):
    _many_handovers(supervisor, north_team, 30)
    page = client_for(supervisor).get(reverse("handover_list"), {"pending_page": 2})
    assert page.status_code == 200
    assert "Page 2 of 2" in page.content.decode()


@pytest.mark.parametrize("name", ["handover_list", "handover_new"])
@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "trace"])
def test_the_handover_pages_answer_only_their_methods(name, method, supervisor, client_for):
    """The list reads (GET/HEAD); the form reads and posts: anything else is a 405."""
    client = client_for(supervisor)
    assert client.get(reverse(name)).status_code == 200
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 405
