"""Calendar files: each appointment as .ics, and private subscription links that can be revoked."""

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from casework.appointments import actions
from casework.demo.factories import AppointmentFactory
from casework.models import AccessEvent, CalendarSubscription

pytestmark = pytest.mark.django_db


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(b"".join(response) if response.streaming else response.content)
    return list(calendar.walk("VEVENT"))


def test_an_appointment_downloads_as_a_valid_ics_without_names(
    worker_client, person_client, person, worker
):
    appointment = AppointmentFactory(person=person, created_by=worker, kind="home_visit")
    for client, url in (
        (worker_client, reverse("appointment_ics", args=[person.pk, appointment.pk])),
        (person_client, reverse("me_appointment_ics", args=[appointment.pk])),
    ):
        (event,) = _events(client.get(url))
        assert event.decoded("dtstart") == appointment.starts_at
        assert event.decoded("dtend") == appointment.ends_at
        assert str(event["summary"]) == "Appointment: home visit"
        assert "Erin" not in str(event["summary"])
        assert str(event["location"]) == appointment.place
        assert str(event["uid"]).startswith(f"appointment-{appointment.pk}@")


def test_a_worker_subscribes_to_their_diary_and_revoking_makes_the_link_404(person, worker):
    appointment = AppointmentFactory(person=person, created_by=worker)
    subscription, token = actions.make_calendar_link(worker)
    assert subscription.token_hash != token and token not in subscription.token_hash
    url = reverse("calendar_feed", args=[token])
    anonymous = Client()
    (event,) = _events(anonymous.get(url))
    assert str(event["summary"]) == "Appointment: at the office"
    # Every use is logged on the record of each person shown, as the link's owner.
    logged = AccessEvent.objects.filter(person=person, actor=worker, action="viewed")
    assert logged.filter(what__contains="private calendar link").count() == 1
    assert anonymous.get(url)["Cache-Control"].startswith("max-age=0")
    actions.revoke_calendar_links(worker)
    assert anonymous.get(url).status_code == 404
    assert appointment.pk


def test_a_new_link_replaces_the_old_one(worker):
    _, old = actions.make_calendar_link(worker)
    _, new = actions.make_calendar_link(worker, include_names=True)
    assert Client().get(reverse("calendar_feed", args=[old])).status_code == 404
    assert Client().get(reverse("calendar_feed", args=[new])).status_code == 200
    assert CalendarSubscription.objects.filter(owner=worker, revoked_at__isnull=True).count() == 1


def test_names_only_when_the_owner_chooses(person, worker):
    AppointmentFactory(person=person, created_by=worker, kind="phone")
    _, token = actions.make_calendar_link(worker, include_names=True)
    (event,) = _events(Client().get(reverse("calendar_feed", args=[token])))
    assert str(event["summary"]) == "Phone call with Erin"


def test_the_persons_link_from_their_space(person_client, person, worker):
    AppointmentFactory(person=person, created_by=worker)
    url = reverse("me_calendar_link")
    response = person_client.post(url, {"do": "make"})
    assert response.status_code == 200
    new_url = response.context["new_url"]
    token = new_url.rsplit("/", 1)[1].removesuffix(".ics")
    (event,) = _events(Client().get(reverse("calendar_feed", args=[token])))
    assert "Erin" not in str(event["summary"])
    assert AccessEvent.objects.filter(
        person=person, actor=person.user, what__contains="private calendar link"
    ).exists()
    assert person_client.post(url, {"do": "revoke"}).status_code == 302
    assert Client().get(reverse("calendar_feed", args=[token])).status_code == 404


def test_the_worker_makes_their_link_on_the_diary_page(worker_client, worker):
    response = worker_client.post(reverse("diary_calendar"), {"do": "make"})
    assert response.status_code == 200
    assert "/calendar/" in response.content.decode()
    assert CalendarSubscription.objects.filter(owner=worker, person=None).count() == 1


def test_a_people_login_and_the_admin_have_no_diary(person_client, client_for, org_admin):
    for client in (person_client, client_for(org_admin)):
        assert client.get(reverse("diary")).status_code == 404
        assert client.post(reverse("diary_calendar"), {"do": "make"}).status_code == 404


def test_unknown_tokens_and_other_methods_are_refused(worker):
    _, token = actions.make_calendar_link(worker)
    client = Client()
    assert client.get(reverse("calendar_feed", args=["x" * 43])).status_code == 404
    assert client.post(reverse("calendar_feed", args=[token])).status_code == 405


def test_the_feed_is_open_before_the_second_sign_in_step(worker, supervisor):
    """A half-signed-in browser session does not get in the way: the token is the key."""
    _, token = actions.make_calendar_link(worker)
    client = Client()
    client.force_login(supervisor)  # owes a two-step code
    assert client.get(reverse("home")).status_code == 302
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 200


def test_a_worker_whose_assignment_ended_no_longer_sees_the_person(person, former_worker):
    AppointmentFactory(person=person, created_by=former_worker)
    _, token = actions.make_calendar_link(former_worker, include_names=True)
    assert _events(Client().get(reverse("calendar_feed", args=[token]))) == []
