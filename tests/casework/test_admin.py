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
