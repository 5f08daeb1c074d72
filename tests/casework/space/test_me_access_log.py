"""Who has seen my record: the person's view of the access log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.access import record_access, record_change
from casework.demo.factories import UserFactory
from casework.models import AccessEvent

pytestmark = pytest.mark.django_db
URL = reverse("me_access_log")


def test_staff_views_are_listed_in_plain_words(person_client, person, worker, supervisor):
    supervisor.first_name, supervisor.last_name = "Morgan", "Reid"
    supervisor.save()
    worker.first_name, worker.last_name = "Alice", "Able"
    worker.save()
    record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    record_access(supervisor, person, AccessEvent.Action.VIEWED, "their overview")
    record_change(worker, person, "your check-ins (marked as read)")
    body = person_client.get(URL).content.decode()
    assert "Morgan Reid, supervisor (read only), looked at your overview" in body
    assert "Alice Able, lead worker, looked at your overview" in body
    assert "Alice Able, lead worker, changed your check-ins (marked as read)" in body


def test_supervisor_visit_through_the_page_shows_up(
    person_client, supervisor_client, person, supervisor
):
    supervisor_client.get(reverse("person_detail", args=[person.pk]))
    body = person_client.get(URL).content.decode()
    assert f"{supervisor.display_name()}, supervisor (read only), looked at your overview" in body


def test_newest_first(person_client, person, worker):
    old = timezone.now() - datetime.timedelta(days=3)
    AccessEvent.objects.create(
        person=person,
        actor=worker,
        action="viewed",
        what="an old page",
        acting_role="Lead worker",
        at=old,
    )
    record_access(worker, person, AccessEvent.Action.VIEWED, "a new page")
    entries = person_client.get(URL).context["entries"]
    assert [e["text"].split("looked at ")[1] for e in entries] == ["a new page", "an old page"]


def test_own_visits_are_hidden_unless_asked_for(person_client, person, worker):
    record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    person_client.get(reverse("me_home"))
    hidden = person_client.get(URL)
    assert [e["text"] for e in hidden.context["entries"] if e["text"].startswith("You ")] == []
    assert "Show my own visits too" in hidden.content.decode()
    shown = person_client.get(URL + "?mine=1")
    assert any(e["text"] == "You looked at your home page" for e in shown.context["entries"])


def test_empty_state(person_client):
    assert "Nobody else has looked at your record yet" in person_client.get(URL).content.decode()


def test_only_my_record_is_listed(person_client, person, other_person, other_worker):
    record_access(other_worker, other_person, AccessEvent.Action.VIEWED, "their overview")
    assert person_client.get(URL).context["entries"] == []


def test_it_is_paginated_by_25(person_client, person, worker):
    for _ in range(30):
        record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    first = person_client.get(URL)
    assert len(first.context["entries"]) == 25
    assert len(person_client.get(URL + "?page=2").context["entries"]) == 5
    assert person_client.get(URL + "?page=zzz").status_code == 200


def test_query_count_is_constant(person_client, person, worker, supervisor, query_count):
    others = [worker, supervisor, *UserFactory.create_batch(3)]
    for i in range(10):
        record_access(others[i % 2], person, AccessEvent.Action.VIEWED, "their overview")
    small = query_count(person_client).get(URL)
    for i in range(200):
        record_access(others[i % 5], person, AccessEvent.Action.VIEWED, "their overview")
    large = query_count(person_client).get(URL)
    query_count.assert_same(small, large, "who has looked")


def test_staff_cannot_open_it(client_for, worker, supervisor, org_admin):
    for user in (worker, supervisor, org_admin):
        assert client_for(user).get(URL).status_code == 404
