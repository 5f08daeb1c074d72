"""The admin is for organisation administrators, and shows no record content."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_org_admin_can_manage_staff_teams_and_assignments(client_for, org_admin, person):
    client = client_for(org_admin)
    assert client.get(reverse("admin:index")).status_code == 200
    for name in ("casework_user", "casework_team", "casework_caseassignment"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name


def test_admin_shows_no_person_records(client_for, org_admin, person):
    client = client_for(org_admin)
    body = client.get(reverse("admin:index")).content.decode()
    assert "/admin/casework/person/" not in body
    assignment = person.assignments.first()
    page = client.get(reverse("admin:casework_caseassignment_change", args=[assignment.pk]))
    assert person.about_me not in page.content.decode()


@pytest.mark.parametrize("who", ["worker", "supervisor"])
def test_staff_without_admin_role_are_kept_out(client_for, request, who):
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse("admin:casework_team_changelist"), follow=True)
    assert response.status_code == 404


def test_admin_login_is_the_site_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_people_logins_are_not_listed_as_staff(client_for, org_admin, person):
    body = client_for(org_admin).get(reverse("admin:casework_user_changelist")).content.decode()
    assert "erin" not in body
    assert "alice" in body


def test_org_admin_adds_an_assignment(client_for, org_admin, person, other_worker):
    client = client_for(org_admin)
    response = client.post(
        reverse("admin:casework_caseassignment_add"),
        {
            "person": person.pk,
            "worker": other_worker.pk,
            "role": "co_worker",
            "started_on": "2026-01-05",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert person.assignments.filter(worker=other_worker).exists()


def test_assignment_ending_before_it_starts_is_refused(client_for, org_admin, person, other_worker):
    response = client_for(org_admin).post(
        reverse("admin:casework_caseassignment_add"),
        {
            "person": person.pk,
            "worker": other_worker.pk,
            "role": "lead",
            "started_on": "2026-03-05",
            "ended_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "The end date must be on or after the start date" in response.content.decode()


# --- Issue 15, finding 5: an administrator cannot give themselves record access -----------

ADMIN_SHOULD_NOT_HOLD = "An organisation administrator cannot"


def _assignment_form(person, worker, **extra):
    data = {"person": person.pk, "worker": worker.pk, "role": "lead", "started_on": "2026-01-05"}
    return {**data, **extra}


def _inline(prefix, rows, initial=0, **fields_per_row):
    """POST data for an admin inline of StaffMembership rows (``memberships-N-...``)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def _user_change_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
    }
    if user.is_org_admin:
        data["is_org_admin"] = "on"
    data.update(changes)
    return data


def _team_change_form(team):
    return {"name": team.name, "organisation": team.organisation_id, "not_seen_weeks": "4"}


def _existing_memberships(team):
    return [
        {"id": m.pk, "team": team.pk, "user": m.user_id, "role": m.role}
        for m in team.memberships.order_by("pk")
    ]


def test_org_admin_cannot_assign_themselves_to_a_person(client_for, org_admin, person):
    response = client_for(org_admin).post(
        reverse("admin:casework_caseassignment_add"), _assignment_form(person, org_admin)
    )
    assert response.status_code == 200
    assert ADMIN_SHOULD_NOT_HOLD in response.content.decode()
    assert not person.assignments.filter(worker=org_admin).exists()


def test_org_admin_cannot_assign_another_administrator(client_for, org_admin, person, north_team):
    from casework.demo.factories import StaffMembershipFactory, UserFactory

    # An administrator left in a team from before this rule: still not assignable.
    other_admin = UserFactory(username="oscar", is_org_admin=True)
    StaffMembershipFactory.build(user=other_admin, team=north_team, role="practitioner").save()
    response = client_for(org_admin).post(
        reverse("admin:casework_caseassignment_add"), _assignment_form(person, other_admin)
    )
    assert response.status_code == 200
    assert ADMIN_SHOULD_NOT_HOLD in response.content.decode()
    assert not person.assignments.filter(worker=other_admin).exists()


def test_org_admin_cannot_move_an_assignment_to_themselves(client_for, org_admin, person, worker):
    assignment = person.assignments.get(worker=worker)
    response = client_for(org_admin).post(
        reverse("admin:casework_caseassignment_change", args=[assignment.pk]),
        _assignment_form(person, org_admin, started_on=assignment.started_on.isoformat()),
    )
    assert response.status_code == 200
    assert ADMIN_SHOULD_NOT_HOLD in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.worker == worker


def test_org_admin_cannot_join_a_team_from_their_own_account(client_for, org_admin, north_team):
    data = _user_change_form(org_admin) | _inline(
        "memberships", [{"team": north_team.pk, "role": "practitioner", "user": org_admin.pk}]
    )
    response = client_for(org_admin).post(
        reverse("admin:casework_user_change", args=[org_admin.pk]), data
    )
    assert response.status_code == 200
    assert ADMIN_SHOULD_NOT_HOLD in response.content.decode()
    assert not org_admin.memberships.exists()


@pytest.mark.parametrize("who", ["themselves", "another administrator"])
def test_org_admin_cannot_add_an_administrator_to_a_team(client_for, org_admin, north_team, who):
    from casework.demo.factories import UserFactory

    admin_user = org_admin if who == "themselves" else UserFactory(is_org_admin=True)
    rows = _existing_memberships(north_team) + [
        {"team": north_team.pk, "user": admin_user.pk, "role": "supervisor"}
    ]
    data = _team_change_form(north_team) | _inline("memberships", rows, initial=len(rows) - 1)
    response = client_for(org_admin).post(
        reverse("admin:casework_team_change", args=[north_team.pk]), data
    )
    assert response.status_code == 200
    assert ADMIN_SHOULD_NOT_HOLD in response.content.decode()
    assert not admin_user.memberships.exists()


def test_org_admin_cannot_move_a_membership_to_themselves(
    client_for, org_admin, worker, north_team
):
    rows = _existing_memberships(north_team)
    for row in rows:
        if row["user"] == worker.pk:
            row["user"] = org_admin.pk
    data = _team_change_form(north_team) | _inline("memberships", rows, initial=len(rows))
    response = client_for(org_admin).post(
        reverse("admin:casework_team_change", args=[north_team.pk]), data
    )
    assert response.status_code == 200
    assert ADMIN_SHOULD_NOT_HOLD in response.content.decode()
    assert not org_admin.memberships.exists()
    assert worker.memberships.filter(team=north_team).exists()


def test_a_team_member_cannot_be_made_an_administrator(client_for, org_admin, other_worker):
    response = client_for(org_admin).post(
        reverse("admin:casework_user_change", args=[other_worker.pk]),
        _user_change_form(other_worker, is_org_admin="on")
        | _inline(
            "memberships",
            [
                {"id": m.pk, "team": m.team_id, "role": m.role, "user": other_worker.pk}
                for m in other_worker.memberships.all()
            ],
            initial=other_worker.memberships.count(),
        ),
    )
    assert response.status_code == 200
    assert ADMIN_SHOULD_NOT_HOLD in response.content.decode()
    other_worker.refresh_from_db()
    assert not other_worker.is_org_admin


def test_an_assigned_worker_without_a_team_cannot_be_made_an_administrator(
    client_for, org_admin, person
):
    from casework.demo.factories import CaseAssignmentFactory, UserFactory

    lone = UserFactory(username="lone")
    CaseAssignmentFactory(person=person, worker=lone, role="co_worker")
    response = client_for(org_admin).post(
        reverse("admin:casework_user_change", args=[lone.pk]),
        _user_change_form(lone, is_org_admin="on") | _inline("memberships", []),
    )
    assert response.status_code == 200
    assert ADMIN_SHOULD_NOT_HOLD in response.content.decode()
    lone.refresh_from_db()
    assert not lone.is_org_admin


def test_making_an_administrator_and_adding_a_team_at_once_is_refused(
    client_for, org_admin, north_team
):
    from casework.demo.factories import UserFactory

    newcomer = UserFactory(username="nina")
    response = client_for(org_admin).post(
        reverse("admin:casework_user_change", args=[newcomer.pk]),
        _user_change_form(newcomer, is_org_admin="on")
        | _inline(
            "memberships", [{"team": north_team.pk, "role": "practitioner", "user": newcomer.pk}]
        ),
    )
    assert response.status_code == 200
    assert ADMIN_SHOULD_NOT_HOLD in response.content.decode()
    newcomer.refresh_from_db()
    assert not newcomer.is_org_admin and not newcomer.memberships.exists()


def test_the_rule_holds_in_the_model_layer(org_admin, person, north_team, worker):
    from django.core.exceptions import ValidationError

    from casework.models import CaseAssignment, StaffMembership

    with pytest.raises(ValidationError, match=ADMIN_SHOULD_NOT_HOLD):
        CaseAssignment(person=person, worker=org_admin, role="lead").full_clean()
    with pytest.raises(ValidationError, match=ADMIN_SHOULD_NOT_HOLD):
        StaffMembership(user=org_admin, team=north_team, role="practitioner").full_clean()
    worker.is_org_admin = True
    with pytest.raises(ValidationError, match=ADMIN_SHOULD_NOT_HOLD):
        worker.full_clean()


def test_with_the_rule_the_withheld_note_stays_closed(client_for, org_admin, person, withheld_note):
    client = client_for(org_admin)
    client.post(reverse("admin:casework_caseassignment_add"), _assignment_form(person, org_admin))
    url = reverse("note_detail", args=[person.pk, withheld_note.pk])
    assert client.get(url).status_code == 404


# --- Any assignment change is logged for the person ----------------------------------------


def _changes(person):
    from casework.models import AccessEvent

    return list(
        AccessEvent.objects.filter(person=person, action=AccessEvent.Action.CHANGED)
        .order_by("at", "id")
        .values_list("what", "actor__username", "acting_role")
    )


def test_adding_an_assignment_is_logged_for_the_person(client_for, org_admin, person, other_worker):
    client_for(org_admin).post(
        reverse("admin:casework_caseassignment_add"),
        _assignment_form(person, other_worker, role="co_worker"),
    )
    name = other_worker.display_name()
    assert _changes(person) == [
        (f"who works with you: {name} added as co-worker", "olive", "Organisation administrator")
    ]


def test_changing_role_and_end_date_is_logged(client_for, org_admin, person, worker):
    assignment = person.assignments.get(worker=worker)
    client_for(org_admin).post(
        reverse("admin:casework_caseassignment_change", args=[assignment.pk]),
        _assignment_form(
            person,
            worker,
            role="co_worker",
            started_on=assignment.started_on.isoformat(),
            ended_on="2099-03-05",
        ),
    )
    [(what, actor, _)] = _changes(person)
    name = worker.display_name()
    assert what == (
        f"who works with you: {name} now co-worker (was lead worker); "
        f"{name}'s work with you ends on 5 March 2099"
    )
    assert actor == "olive"


def test_saving_an_assignment_unchanged_logs_nothing(client_for, org_admin, person, worker):
    assignment = person.assignments.get(worker=worker)
    response = client_for(org_admin).post(
        reverse("admin:casework_caseassignment_change", args=[assignment.pk]),
        _assignment_form(person, worker, started_on=assignment.started_on.isoformat()),
    )
    assert response.status_code == 302
    assert _changes(person) == []


def test_moving_an_assignment_to_another_person_is_logged_for_both(
    client_for, org_admin, person, other_person, worker
):
    assignment = person.assignments.get(worker=worker)
    client_for(org_admin).post(
        reverse("admin:casework_caseassignment_change", args=[assignment.pk]),
        _assignment_form(other_person, worker, started_on=assignment.started_on.isoformat()),
    )
    name = worker.display_name()
    assert [c[0] for c in _changes(person)] == [f"who works with you: {name} removed"]
    assert [c[0] for c in _changes(other_person)] == [
        f"who works with you: {name} added as lead worker"
    ]


def test_deleting_an_assignment_is_not_offered(client_for, org_admin, person, worker):
    assignment = person.assignments.get(worker=worker)
    response = client_for(org_admin).post(
        reverse("admin:casework_caseassignment_delete", args=[assignment.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert person.assignments.filter(pk=assignment.pk).exists()


def test_deleting_through_the_admin_code_path_is_logged(rf, org_admin, person, worker):
    # The admin offers no delete (ending keeps the history); if it ever does, it logs.
    from django.contrib import admin

    from casework.models import CaseAssignment

    request = rf.post("/")
    request.user = org_admin
    assignment = CaseAssignment.objects.create(person=person, worker=worker, role="co_worker")
    admin.site._registry[CaseAssignment].delete_model(request, assignment)
    assert [c[0] for c in _changes(person)] == [
        f"who works with you: {worker.display_name()} removed"
    ]


def test_org_admin_sets_out_of_hours_numbers_and_team_hours(
    client_for, org_admin, organisation, north_team, south_team
):
    from casework.models import CrisisLine

    client = client_for(org_admin)
    for url in (
        reverse("admin:casework_crisisline_changelist"),
        reverse("admin:casework_team_change", args=[north_team.pk]),
        reverse("admin:casework_organisation_change", args=[organisation.pk]),
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(
        reverse("admin:casework_crisisline_add"),
        {
            "organisation": organisation.pk,
            "team": north_team.pk,
            "name": "North nights",
            "number": "0300 222 2222",
            "how": "call",
            "position": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CrisisLine.objects.get().team == north_team


def test_a_number_with_no_digits_is_refused(client_for, org_admin, organisation):
    from casework.models import CrisisLine

    response = client_for(org_admin).post(
        reverse("admin:casework_crisisline_add"),
        {
            "organisation": organisation.pk,
            "name": "X",
            "number": "call us",
            "how": "call",
            "position": 0,
        },
    )
    assert response.status_code == 200
    assert not CrisisLine.objects.exists()


def test_org_admin_sees_failed_and_scheduled_tasks(client_for, org_admin, worker):
    from django_q.models import Failure

    Failure.objects.create(
        id="0" * 32,
        name="deliver message 1",
        func="casework.reminders.tasks.deliver_message",
        args=(1,),
        started="2026-12-14T09:00Z",
        stopped="2026-12-14T09:00Z",
        result="ConnectionError: mail server did not answer",
        success=False,
    )
    admin_client = client_for(org_admin)
    page = admin_client.get(reverse("admin:django_q_failure_changelist")).content.decode()
    assert "deliver message 1" in page
    assert admin_client.get(reverse("admin:django_q_schedule_changelist")).status_code == 200
    response = client_for(worker).get(reverse("admin:django_q_failure_changelist"), follow=True)
    assert response.status_code == 404
