"""The person's reminder choice and list of messages; the lead worker's list on the record."""

import pytest
from django.urls import reverse

from casework.demo.factories import ReminderPreferenceFactory
from casework.models import AccessEvent, ReminderPreference, SentMessage

pytestmark = pytest.mark.django_db

MINE = reverse("me_reminders")
MINE_SENT = reverse("me_reminders_sent")


def _choice(**overrides):
    data = {
        "channel": "email",
        "email": "erin@example.org",
        "phone": "",
        "day_before": "on",
        "two_hours_before": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _log(person, n, *, to_worker=None, start=0):
    for i in range(start, start + n):
        SentMessage.objects.create(
            key=f"test:{person.pk}:{i}:{to_worker.pk if to_worker else 'person'}",
            person=person,
            to_worker=to_worker,
            about=SentMessage.About.APPOINTMENT,
            slot="day_before",
            channel="email",
            address="erin@example.org",
            subject="Appointment reminder",
            body=f"Reminder: you have an appointment on Tuesday 15 December at 1{i % 10}:00.",
        )


def test_no_reminders_until_the_person_chooses(person_client):
    response = person_client.get(MINE)
    assert response.status_code == 200
    assert "no reminders" in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_the_person_chooses_email_reminders(person_client, person):
    response = person_client.post(MINE, _choice())
    assert response.status_code == 302
    preference = person.reminder_preference
    assert preference.channel == "email"
    assert preference.email == "erin@example.org"
    assert preference.day_before and preference.two_hours_before
    assert not preference.name_the_service
    assert AccessEvent.objects.filter(
        person=person, actor=person.user, action="changed", what__contains="reminder"
    ).exists()
    assert "reminders by email" in person_client.get(MINE).content.decode()


def test_the_person_can_turn_reminders_off(person_client, person):
    ReminderPreferenceFactory(person=person)
    person_client.post(MINE, _choice(channel="none", day_before=None, two_hours_before=None))
    person.reminder_preference.refresh_from_db()
    assert person.reminder_preference.channel == "none"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": ""}, "Enter the email address for your reminders"),
        ({"channel": "sms", "phone": ""}, "Enter the mobile number"),
        ({"channel": "sms", "phone": "call me"}, "7 to 15 digits"),
        ({"day_before": None, "two_hours_before": None}, "Choose when to be reminded"),
        ({"channel": "carrier pigeon"}, "Select a valid choice"),
    ],
)
def test_a_choice_that_cannot_work_says_why(person_client, person, overrides, message):
    response = person_client.post(MINE, _choice(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_an_empty_box_keeps_the_address_already_saved(person_client, person):
    ReminderPreferenceFactory(person=person, email="erin@example.org", phone="07700 900123")
    person_client.post(MINE, _choice(email="", phone=""))
    person.reminder_preference.refresh_from_db()
    assert person.reminder_preference.email == "erin@example.org"
    assert person.reminder_preference.phone == "07700 900123"


def test_the_person_can_ask_to_forget_what_their_reminders_do_not_use(person_client, person):
    ReminderPreferenceFactory(person=person, email="erin@example.org", phone="07700 900123")
    # By email: the mobile number goes, the email address stays (the reminders need it).
    person_client.post(MINE, _choice(email="", phone="", forget="on"))
    person.reminder_preference.refresh_from_db()
    assert person.reminder_preference.email == "erin@example.org"
    assert person.reminder_preference.phone == ""
    # No reminders: both go.
    person_client.post(
        MINE, _choice(channel="none", day_before=None, two_hours_before=None, forget="on")
    )
    person.reminder_preference.refresh_from_db()
    assert person.reminder_preference.email == "" and person.reminder_preference.phone == ""


def test_text_messages_are_offered_only_with_an_sms_backend(person_client, settings):
    assert "Text message" in person_client.get(MINE).content.decode()
    settings.SMS_BACKEND = None
    assert "Text message" not in person_client.get(MINE).content.decode()
    response = person_client.post(MINE, _choice(channel="sms", phone="07700 900123"))
    assert "Select a valid choice" in response.content.decode()


def test_the_person_sees_every_message_sent_to_them_and_no_worker_notices(
    person_client, person, worker
):
    _log(person, 2)
    _log(person, 1, to_worker=worker, start=5)
    page = person_client.get(MINE_SENT).content.decode()
    assert page.count('class="sent-message') == 2
    assert "Tuesday 15 December at 10:00" in page


def test_the_list_is_paginated(person_client, person):
    _log(person, 30)
    first = person_client.get(MINE_SENT).content.decode()
    assert first.count('class="sent-message') == 25
    second = person_client.get(MINE_SENT + "?page=2").content.decode()
    assert second.count('class="sent-message') == 5


def test_the_person_s_list_keeps_its_query_count(person_client, person, query_count):
    _log(person, 2)
    small = query_count(person_client).get(MINE_SENT)
    _log(person, 20, start=2)
    large = query_count(person_client).get(MINE_SENT)
    query_count.assert_same(small, large, "me_reminders_sent")


def test_the_lead_worker_sees_the_messages_on_the_record(worker_client, person, query_count):
    url = reverse("person_reminders_sent", args=[person.pk])
    assert (
        "Reminders sent to Erin"
        in worker_client.get(reverse("record_account", args=[person.pk])).content.decode()
    )
    _log(person, 2)
    small = query_count(worker_client).get(url)
    _log(person, 20, start=2)
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, "person_reminders_sent")
    assert large.captured_queries  # the page read something
    assert AccessEvent.objects.filter(
        person=person, action="viewed", what__contains="reminders"
    ).exists()


def test_other_staff_do_not_see_the_messages(client_for, person, other_worker, supervisor):
    url = reverse("person_reminders_sent", args=[person.pk])
    for user in (other_worker, supervisor):
        assert client_for(user).get(url).status_code == 404
