"""The person's "I can't make this", the worker's answer, and what happened, in neutral words."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.appointments import actions
from casework.common.errors import ActionRefused
from casework.demo.factories import AppointmentFactory
from casework.models import Appointment, RearrangeRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointment(person, worker):
    return AppointmentFactory(person=person, created_by=worker)


def test_the_person_asks_to_rearrange_and_the_worker_sees_it_on_the_caseload(
    person_client, worker_client, appointment, person
):
    url = reverse("me_appointment_ask", args=[appointment.pk])
    assert person_client.get(url).status_code == 200
    empty = person_client.post(url, {"reason": ""})
    assert empty.status_code == 200
    assert "Please say a few words" in empty.content.decode()
    response = person_client.post(url, {"reason": "I start a new job that day."})
    assert response.status_code == 302
    asked = appointment.rearrange_requests.get()
    assert asked.is_open and asked.asked_by == person.user
    assert appointment.changes.filter(what="asked", voice="person").exists()
    caseload = worker_client.get(reverse("home")).content.decode()
    assert "Asked to rearrange" in caseload
    assert reverse("rearrange_answer", args=[person.pk, appointment.pk, asked.pk]) in caseload
    # A second request while one is open adds nothing.
    with pytest.raises(ActionRefused):
        actions.ask_to_rearrange(person.user, appointment, reason="again")


def test_the_worker_moves_it_in_answer_and_the_person_sees_the_change(
    person_client, worker_client, appointment, person
):
    asked = actions.ask_to_rearrange(person.user, appointment, reason="New job on Tuesdays.")
    new_day = timezone.localdate() + datetime.timedelta(days=6)
    url = reverse("rearrange_answer", args=[person.pk, appointment.pk, asked.pk])
    no_time = worker_client.post(url, {"answer": "moved", "answer_text": "Thursday?", "version": 1})
    assert no_time.status_code == 200
    assert "Give the new day and times" in no_time.content.decode()
    response = worker_client.post(
        url,
        {
            "answer": "moved",
            "day": new_day.isoformat(),
            "starts": "16:00",
            "ends": "17:00",
            "answer_text": "Thursday after work works for me.",
            "version": 1,
        },
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    appointment.refresh_from_db()
    assert asked.answer == RearrangeRequest.Answer.MOVED and not asked.is_open
    assert timezone.localtime(appointment.starts_at).date() == new_day
    page = person_client.get(reverse("me_appointment", args=[appointment.pk])).content.decode()
    assert "Thursday after work works for me." in page
    assert "Moved to a new time" in page
    # Answered: the form is not offered again, and a repeat post changes nothing.
    again = worker_client.post(url, {"answer": "kept", "answer_text": "x", "version": 2})
    assert again.status_code == 200
    assert appointment.changes.filter(what="answered").count() == 0


def test_the_worker_can_keep_it_with_a_reason(person, worker, appointment):
    asked = actions.ask_to_rearrange(person.user, appointment, reason="Could we move it?")
    actions.answer_rearrange_request(
        worker, asked, answer="kept", answer_text="This is the only slot this week.", version=1
    )
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.BOOKED
    assert appointment.changes.filter(what="answered").get().reason.startswith("This is the only")


def test_a_past_or_cancelled_appointment_cannot_be_asked_about(person, worker):
    past = AppointmentFactory(
        person=person,
        created_by=worker,
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=2),
    )
    with pytest.raises(ActionRefused, match="already started"):
        actions.ask_to_rearrange(person.user, past, reason="x")


def test_staff_cannot_ask_on_the_persons_behalf(worker, appointment):
    with pytest.raises(ActionRefused):
        actions.ask_to_rearrange(worker, appointment, reason="x")


def test_what_happened_is_recorded_neutrally_in_both_voices(
    worker_client, person_client, person, worker
):
    started = timezone.now() - datetime.timedelta(hours=2)
    appointment = AppointmentFactory(
        person=person,
        created_by=worker,
        starts_at=started,
        ends_at=started + datetime.timedelta(hours=1),
    )
    url = reverse("appointment_outcome", args=[person.pk, appointment.pk])
    page = worker_client.get(url).content.decode()
    assert "Did not happen" in page
    for label in ("failed to attend", "non-compliant", "DNA", "no-show"):
        assert label not in page
    response = worker_client.post(
        url,
        {
            "outcome": "did_not_happen",
            "person_words": "My bus did not come.",
            "worker_words": "I waited 20 minutes, then rang. We will meet next week.",
            "version": appointment.version,
        },
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.outcome == Appointment.Outcome.DID_NOT_HAPPEN
    assert appointment.outcome_recorded_by == worker
    mine = person_client.get(reverse("me_appointment", args=[appointment.pk])).content.decode()
    assert "My bus did not come." in mine
    assert "Did not happen" in mine
    journey = worker_client.get(reverse("strengths:journey", args=[person.pk])).content.decode()
    assert reverse("appointment_detail", args=[person.pk, appointment.pk]) in journey


def test_what_happened_waits_until_it_has_started(worker, appointment):
    with pytest.raises(ActionRefused, match="once the appointment has started"):
        actions.record_outcome(worker, appointment, outcome="attended", version=1)


def test_asking_twice_from_an_old_page_is_refused_and_gives_the_words_back(
    person_client, appointment, person
):
    url = reverse("me_appointment_ask", args=[appointment.pk])
    assert person_client.post(url, {"reason": "I start a new job that day."}).status_code == 302
    again = person_client.post(url, {"reason": "Any Thursday morning suits me."})
    page = again.content.decode()
    assert again.status_code == 200
    assert "This was not sent" in page and "error-summary" in page
    assert "Any Thursday morning suits me." in page
    assert appointment.rearrange_requests.count() == 1


def test_a_second_answer_is_refused_with_its_words_given_back(
    person, worker, worker_client, appointment
):
    asked = actions.ask_to_rearrange(person.user, appointment, reason="I have a hospital visit.")
    url = reverse("rearrange_answer", args=[person.pk, appointment.pk, asked.pk])
    first = {"answer": "kept", "answer_text": "Let us keep it; I can pick you up.", "version": 1}
    assert worker_client.post(url, first).status_code == 302
    second = worker_client.post(url, {**first, "answer_text": "We could move it to Friday."})
    page = second.content.decode()
    assert second.status_code == 200
    assert "already been answered" in page and "We could move it to Friday." in page
    asked.refresh_from_db()
    assert asked.answer_text == "Let us keep it; I can pick you up."
