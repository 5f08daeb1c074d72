"""The access module decides everything: test its policy directly."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.test import RequestFactory

from casework import access
from casework.demo.factories import (
    AlertFactory,
    CaseAssignmentFactory,
    SessionNoteFactory,
    StaffMembershipFactory,
    UserFactory,
)
from casework.models import AccessEvent, CaseAssignment, SessionNote, StaffMembership

pytestmark = pytest.mark.django_db


def _request(user, method="get", need=access.Can.READ):
    request = getattr(RequestFactory(), method)("/")
    request.user = user
    request.access_need = need  # what @access.reads / form_page / action declare
    return request


def test_worker_sees_own_caseload_only(person, other_person, worker):
    assert list(access.people_visible_to(worker)) == [person]


def test_supervisor_reads_their_teams_people(person, other_person, supervisor):
    assert set(access.people_visible_to(supervisor)) == {person, other_person}
    assert list(access.people_writable_by(supervisor)) == []


def test_supervisor_of_other_team_sees_nobody(person, other_supervisor):
    assert list(access.people_visible_to(other_supervisor)) == []


def test_supervisor_of_two_teams_sees_both(person, other_supervisor, north_team):
    StaffMembershipFactory(
        user=other_supervisor, team=north_team, role=StaffMembership.Role.SUPERVISOR
    )
    assert list(access.people_visible_to(other_supervisor)) == [person]


def test_org_admin_and_people_see_no_records(person, org_admin):
    assert list(access.people_visible_to(org_admin)) == []
    assert list(access.people_visible_to(person.user)) == []


def test_ended_assignment_gives_no_access(person, former_worker):
    assert list(access.people_visible_to(former_worker)) == []


def test_assignment_starting_tomorrow_gives_no_access_yet(person, other_worker):
    import datetime

    from django.utils import timezone

    from casework.demo.factories import CaseAssignmentFactory

    CaseAssignmentFactory(
        person=person,
        worker=other_worker,
        started_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    assert person not in access.people_visible_to(other_worker)


def test_inactive_user_sees_nobody(person, worker):
    worker.is_active = False
    worker.save()
    assert list(access.people_visible_to(worker)) == []


def test_get_person_for_logs_the_view(person, worker):
    request = _request(worker)
    found = access.get_person_for(request, person.pk, what="their overview")
    assert found == person
    # Written once the view has answered with content (RecordAccessMiddleware).
    assert not AccessEvent.objects.exists()
    access.log_reads(request)
    event = AccessEvent.objects.get()
    assert (event.actor, event.person, event.action, event.what, event.acting_role) == (
        worker,
        person,
        AccessEvent.Action.VIEWED,
        "their overview",
        "Lead worker",
    )


def test_supervisor_view_is_logged_as_read_only(person, supervisor):
    request = _request(supervisor)
    access.get_person_for(request, person.pk)
    access.log_reads(request)
    assert AccessEvent.objects.get().acting_role == access.SUPERVISOR_READ_ONLY


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "99999999999999999999999", None, "1.5"])
def test_malformed_ids_are_404(person, worker, bad):
    with pytest.raises(Http404):
        access.get_person_for(_request(worker), bad)


def test_not_yours_and_missing_are_the_same_404(person, other_worker):
    with pytest.raises(Http404) as not_yours:
        access.get_person_for(_request(other_worker), person.pk)
    with pytest.raises(Http404) as missing:
        access.get_person_for(_request(other_worker), person.pk + 1000)
    assert str(not_yours.value) == str(missing.value)
    assert not AccessEvent.objects.exists()


def test_supervisor_cannot_get_write_access(person, supervisor):
    # Handing over (issue 21) changes who works with the person, not the record: the one
    # thing a supervisor does there (tests/casework/handover/).
    for need in set(access.Can) - access.READ_ONLY - access.WHO_WORKS_WITH_THEM:
        with pytest.raises(Http404):
            access.get_person_for(_request(supervisor, need=need), person.pk)


def test_a_view_must_declare_what_it_needs(person, worker):
    request = _request(worker)
    del request.access_need
    with pytest.raises(ImproperlyConfigured):
        access.get_person_for(request, person.pk)


def test_a_read_by_any_method_is_logged(person, worker):
    # Finding 1 of the insider-access issue: a POST (or OPTIONS) that shows content logs it.
    request = _request(worker, "post", need=access.Can.WRITE_NOTES)
    access.get_person_for(request, person.pk)
    access.log_reads(request)
    assert AccessEvent.objects.get().action == AccessEvent.Action.VIEWED
    access.record_change(worker, person, "their about me")
    assert AccessEvent.objects.latest("id").action == AccessEvent.Action.CHANGED


def test_get_own_person(person, other_person, worker):
    request = _request(person.user)
    assert access.get_own_person(request) == person
    access.log_reads(request)
    with pytest.raises(Http404):
        access.get_own_person(_request(worker))
    event = AccessEvent.objects.get()
    assert event.acting_role == access.THE_PERSON


def test_access_events_cannot_be_changed_or_deleted(person, worker):
    event = access.record_change(worker, person, "x")
    event.what = "something else"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AccessEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AccessEvent.objects.update(what="y")
    assert AccessEvent.objects.get().what == "x"


def test_signed_in_as_labels(person, worker, supervisor, org_admin):
    assert access.signed_in_as(worker).kind == "worker"
    assert access.signed_in_as(supervisor).kind == "supervisor"
    assert access.signed_in_as(org_admin).kind == "org_admin"
    assert access.signed_in_as(person.user).kind == "person"


@pytest.mark.parametrize("who", ["worker", "supervisor", "peer_worker", "peer_and_supervisor"])
def test_a_record_read_through_get_person_for_shows_what_the_rule_shows(
    who, person, worker, other_worker, peer_worker, supervisor
):
    """A record page reuses the relation ``get_person_for`` found (no access subqueries
    in each per-record query). Whatever the relation, the notes and alerts it shows are
    exactly those the full rule shows for a fresh copy of the person."""
    peer = CaseAssignment.Role.PEER_SUPPORT
    if who == "peer_worker":
        CaseAssignmentFactory(person=person, worker=peer_worker, role=peer)
        user = peer_worker
    elif who == "peer_and_supervisor":
        # A peer assignment beside supervision of the team: supervision reads everything.
        CaseAssignmentFactory(person=person, worker=supervisor, role=peer)
        user = supervisor
    else:
        user = {"worker": worker, "supervisor": supervisor}[who]
    SessionNoteFactory(person=person, author=worker)
    SessionNoteFactory(
        person=person,
        author=other_worker,
        withheld_reason=SessionNote.WithheldReason.SOMEONE_ELSE,
        withheld_explanation="Someone else's story.",
    )
    SessionNoteFactory(person=person, author=user)
    AlertFactory(person=person, person_told=True)
    AlertFactory(person=person, not_told=True)

    reached = access.get_person_for(_request(user), person.pk)
    fresh = type(person).objects.get(pk=person.pk)
    assert set(access.notes_visible_to(user, reached)) == set(access.notes_visible_to(user, fresh))
    assert set(access.alerts_visible_to(user, reached)) == set(
        access.alerts_visible_to(user, fresh)
    )
    assert access.person_note_scope(user, reached) == access.person_note_scope(user, fresh)
    if who in ("worker", "supervisor", "peer_and_supervisor"):
        assert access.notes_visible_to(user, reached).count() == 3
        assert access.alerts_visible_to(user, reached).count() == 2
    else:
        # The peer supporter's own note only: the person has not chosen to share more.
        assert access.notes_visible_to(user, reached).count() == 1
        assert access.alerts_visible_to(user, reached).count() == 0


def test_what_signed_in_as_read_answers_as_the_queries_do(
    worker, peer_worker, supervisor, org_admin, person, other_person, north_team, south_team
):
    """``may_add_people`` and ``may_hand_over_any`` answer from the roles ``signed_in_as``
    reads (reusing them when the request has read them already), and the teams it reads
    give the reach the supervision subquery gives, for every kind of login."""
    team_admin = UserFactory(username="tess")
    StaffMembershipFactory(user=team_admin, team=north_team, role=StaffMembership.Role.TEAM_ADMIN)
    two_teams = UserFactory(username="sam")  # supervises one team, practises in another
    StaffMembershipFactory(user=two_teams, team=north_team, role=StaffMembership.Role.SUPERVISOR)
    StaffMembershipFactory(user=two_teams, team=south_team)
    # A login that is a person's and also has a team role: a person's, never staff.
    StaffMembershipFactory(user=other_person.user, team=north_team)
    no_role = UserFactory(username="nora")
    users = [worker, peer_worker, supervisor, org_admin, person.user, other_person.user]
    users += [team_admin, two_teams, no_role]

    def fresh(user):
        return type(user).objects.get(pk=user.pk)

    answers = {}
    for user in users:
        queried = (access.may_add_people(fresh(user)), access.may_hand_over_any(fresh(user)))
        read = fresh(user)
        access.signed_in_as(read)
        assert (access.may_add_people(read), access.may_hand_over_any(read)) == queried, user
        answers[user.username] = queried
        # The teams supervised, as read, give the same reach as the subquery does.
        assert set(access.people_visible_to(read)) == set(access.people_visible_to(fresh(user)))
        for need in (access.Can.READ_CHECK_INS, access.Can.MANAGE_APPOINTMENTS):
            assert set(access.people_where_user_may(read, need)) == set(
                access.people_where_user_may(fresh(user), need)
            ), (user, need)
    # The north team's people, by supervision (and sam's none of his own in the south).
    for user in (supervisor, two_teams):
        read = fresh(user)
        access.signed_in_as(read)
        assert set(access.people_visible_to(read)) == {person, other_person}, user
    assert answers == {
        "alice": (True, False),
        "pat": (False, False),
        "carol": (False, True),
        "olive": (False, True),
        person.user.username: (False, False),
        other_person.user.username: (False, False),
        "tess": (True, False),
        "sam": (True, True),
        "nora": (False, False),
    }


def test_sets_built_once_a_request_still_read_the_database_each_time(worker, person, other_person):
    """``_built_once_per_request`` keeps a set's shape, never its rows: a person added to
    the caseload within the request is seen by the next read, and each copy is separate."""
    user = type(worker).objects.get(pk=worker.pk)
    first = access.people_visible_to(user)
    assert list(first) == [person]
    CaseAssignmentFactory(person=other_person, worker=worker)
    again = access.people_visible_to(user)
    assert again is not first
    assert set(again) == {person, other_person}
    assert list(first) == [person]  # the rows the first copy read stay its own
    # Built once: the same shape object was copied, not built again.
    assert len(user.__dict__["_access_querysets"]) >= 1


def test_sets_built_once_a_request_are_built_again_on_another_day(worker, person):
    import datetime
    from unittest import mock

    from django.utils import timezone

    user = type(worker).objects.get(pk=worker.pk)
    assert list(access.people_visible_to(user)) == [person]
    assignment = CaseAssignment.objects.get(person=person, worker=worker, ended_on=None)
    assignment.ended_on = timezone.localdate() + datetime.timedelta(days=1)
    assignment.save()
    assert list(access.people_visible_to(user)) == [person]  # ends tomorrow: still today
    later = timezone.now() + datetime.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert list(access.people_visible_to(user)) == []  # the day after it ended
