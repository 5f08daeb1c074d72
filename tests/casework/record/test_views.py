"""Home pages per role, the person overview, health check and error pages."""

import pytest
from django.db import DatabaseError
from django.urls import reverse

from casework.models import AccessEvent

pytestmark = pytest.mark.django_db


def test_healthz_touches_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_a_missing_database(client, monkeypatch):
    from casework.security import health

    class BrokenCursor:
        def __enter__(self):
            raise DatabaseError("connection refused")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(health.connection, "cursor", lambda: BrokenCursor())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}


def test_login_with_wrong_password_says_so_plainly(client, worker):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_login_with_unknown_user_gets_the_same_message(client, worker):
    wrong_password = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    no_such_user = client.post(reverse("login"), {"username": "nobody", "password": "nope"})
    assert wrong_password.context["form"].errors == no_such_user.context["form"].errors


def test_login_works_and_lands_on_home(client, worker):
    response = client.post(reverse("login"), {"username": "alice", "password": "recovery-demo"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_worker_home_lists_caseload(worker_client, person, other_person):
    body = worker_client.get("/").content.decode()
    assert "Erin" in body
    assert "I like gardening" in body
    assert "Frank" not in body


def test_worker_home_empty_state(client_for, other_supervisor):
    from casework.demo.factories import StaffMembershipFactory, UserFactory

    newcomer = UserFactory(username="newcomer")
    StaffMembershipFactory(user=newcomer)
    body = client_for(newcomer).get("/").content.decode()
    assert "There is nobody on your caseload yet" in body


def test_caseload_is_paginated(worker_client, worker, add_to_caseload):
    add_to_caseload(worker, 30)
    first = worker_client.get("/")
    assert len(first.context["page"].object_list) == 25
    second = worker_client.get("/?page=2")
    assert len(second.context["page"].object_list) == 5
    # A page number out of range or not a number shows a page, not an error.
    assert worker_client.get("/?page=99").status_code == 200
    assert worker_client.get("/?page=abc").status_code == 200


def test_caseload_query_count_is_constant(worker_client, worker, add_to_caseload, query_count):
    add_to_caseload(worker, 5)
    small = query_count(worker_client).get("/")
    add_to_caseload(worker, 45)
    large = query_count(worker_client).get("/")
    query_count.assert_same(small, large, "caseload")


def test_supervisor_home_shows_team_people(supervisor_client, person, other_person, worker):
    body = supervisor_client.get("/").content.decode()
    assert "Erin" in body and "Frank" in body
    assert f"{worker.display_name()} (lead worker)" in body


def test_supervisor_home_query_count_is_constant(
    supervisor_client, worker, other_worker, add_to_caseload, query_count
):
    add_to_caseload(worker, 3)
    small = query_count(supervisor_client).get("/")
    add_to_caseload(worker, 30)
    add_to_caseload(other_worker, 20)
    large = query_count(supervisor_client).get("/")
    query_count.assert_same(small, large, "supervisor home")


def test_person_home_shows_their_own_words(person_client, person):
    body = person_client.get("/").content.decode()
    assert "Hello, Erin" in body
    assert "I like gardening" in body


def test_admin_home_lists_staff_without_records(client_for, org_admin, person, worker):
    body = client_for(org_admin).get("/").content.decode()
    assert "alice" in body
    assert "Erin" not in body and "gardening" not in body


def test_admin_home_lists_teams_by_name(
    client_for, org_admin, organisation, north_team, south_team
):
    from casework.demo.factories import TeamFactory

    TeamFactory(organisation=organisation, name="Abbey team")
    response = client_for(org_admin).get("/")
    # Counted teams are grouped: Django drops Team's default ordering from such a query,
    # and PostgreSQL's order would follow its plan. The page must ask for the order.
    assert response.context["teams"].ordered
    names = [team.name for team in response.context["teams"]]
    assert names == sorted(names) and len(names) == 3


def test_admin_home_query_count_is_constant(client_for, org_admin, north_team, query_count):
    from casework.demo.factories import StaffMembershipFactory

    client = client_for(org_admin)
    StaffMembershipFactory.create_batch(3, team=north_team)
    small = query_count(client).get("/")
    StaffMembershipFactory.create_batch(30, team=north_team)
    large = query_count(client).get("/")
    query_count.assert_same(small, large, "admin home")


def test_person_overview_for_worker(worker_client, person):
    response = worker_client.get(reverse("person_detail", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "I like gardening" in body
    assert AccessEvent.objects.filter(person=person, action="viewed").count() == 1


def test_person_overview_for_supervisor_is_read_only_and_logged(
    supervisor_client, person, supervisor
):
    body = supervisor_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "reading this record as a supervisor" in body
    event = AccessEvent.objects.get(person=person)
    assert event.actor == supervisor
    assert event.acting_role == "Supervisor (read only)"


def test_text_is_escaped(worker_client, person):
    person.about_me = "<script>alert('x')</script>"
    person.save()
    body = worker_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body


def test_unknown_and_malformed_ids_get_the_plain_404_page(worker_client, person):
    for url in ("/people/999999/", "/people/abc/", "/people/0/", "/nowhere/"):
        response = worker_client.get(url)
        assert response.status_code == 404, url
    body = worker_client.get("/people/999999/").content.decode()
    assert "We could not find that page" in body
    assert "Erin" not in body


def test_header_says_who_is_signed_in_and_role(worker_client, worker):
    body = worker_client.get("/").content.decode()
    assert "Signed in as" in body
    assert "Practitioner, North team" in body


def test_skip_link_and_landmarks(worker_client):
    body = worker_client.get("/").content.decode()
    assert 'href="#main"' in body and 'id="main"' in body
    assert "<header" in body and "<footer" in body and "<nav" in body


def test_htmx_and_bootstrap_are_local(worker_client):
    body = worker_client.get("/").content.decode()
    assert "/static/django_htmx/htmx-2.min.js" in body
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in body
    assert "cdn" not in body.lower()
    assert "X-CSRFToken" in body


def test_server_error_page_is_plain(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, something went wrong" in html
