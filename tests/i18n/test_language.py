"""Choosing a language: English by default, Cymraeg from the switcher, remembered per login."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import AppointmentFactory, ReminderPreferenceFactory
from casework.reminders.due import appointment_reminders

WELSH = {"language": "cy", "next": "/me/"}


def test_english_is_the_default(client):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en-gb">' in page
    assert "Sign in" in page
    # The switcher offers the other language, in its own name and language.
    assert 'lang="cy"' in page and "Cymraeg" in page


def test_signed_out_the_choice_is_a_cookie(client):
    response = client.post(reverse("set_language"), {"language": "cy", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "cy"
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="cy">' in page
    assert "Mewngofnodi" in page and "Enw defnyddiwr" in page
    # English is offered as "English", not in Welsh ("Saesneg").
    assert ">English</button>" in page and "Saesneg" not in page


def test_signed_in_the_choice_is_kept_on_the_login(person, person_client):
    response = person_client.post(reverse("set_language"), WELSH)
    assert response.status_code == 302 and response.url == "/me/"
    person.user.refresh_from_db()
    assert person.user.interface_language == "cy"
    # Another device, no cookie: the login's choice still wins over the browser.
    elsewhere = Client(headers={"accept-language": "en-GB"})
    elsewhere.force_login(person.user)
    page = elsewhere.get(reverse("me_home")).content.decode()
    assert "Fy lle i" in page and "Helo, Erin" in page
    # The person's own words are never translated.
    assert "I like gardening and I want to work outdoors." in page


def test_switching_back_to_english(person, person_client):
    person_client.post(reverse("set_language"), WELSH)
    person_client.post(reverse("set_language"), {"language": "en-gb", "next": "/me/"})
    person.user.refresh_from_db()
    assert person.user.interface_language == "en-gb"
    assert "My space" in person_client.get(reverse("me_home")).content.decode()


def test_an_unknown_language_changes_nothing(person, person_client):
    response = person_client.post(reverse("set_language"), {"language": "xx", "next": "/me/"})
    assert response.status_code == 302
    person.user.refresh_from_db()
    assert person.user.interface_language == ""


def test_a_next_address_elsewhere_is_not_followed(client):
    response = client.post(
        reverse("set_language"), {"language": "cy", "next": "https://example.com/"}
    )
    assert response.status_code == 302
    assert "example.com" not in response.url


def test_the_switcher_only_takes_a_post(client):
    assert client.get(reverse("set_language")).status_code == 405


def test_a_shared_note_in_welsh_keeps_the_workers_words(person, person_client, note):
    person_client.post(reverse("set_language"), WELSH)
    page = person_client.get(reverse("me_note", args=[note.pk])).content.decode()
    assert "Beth wnaethon ni siarad amdano" in page
    assert note.talked_about in page


def test_welsh_dates_name_the_month_in_welsh(person, person_client, note):
    note.happened_at = timezone.make_aware(datetime.datetime(2026, 3, 5, 10, 0))
    note.save()
    person_client.post(reverse("set_language"), WELSH)
    page = person_client.get(reverse("me_notes")).content.decode()
    assert "5 Mawrth 2026" in page


def test_a_reminder_goes_in_the_persons_language(person):
    person.user.interface_language = "cy"
    person.user.save()
    now = timezone.now()
    AppointmentFactory(person=person, starts_at=now + datetime.timedelta(hours=2))
    ReminderPreferenceFactory(person=person)
    drafts = list(appointment_reminders(now))
    assert drafts, "the fixture's reminder preference should make one reminder due"
    assert drafts[0].subject == "Nodyn atgoffa am apwyntiad"
    assert "Nodyn atgoffa" in drafts[0].body


def test_a_page_whose_address_holds_a_token_is_not_echoed_in_the_switcher(client, db):
    page = client.get(reverse("activate_account", args=["not-a-real-token"])).content.decode()
    assert "not-a-real-token" not in page


def test_the_download_reads_in_welsh(person, person_client, note):
    person_client.post(reverse("set_language"), WELSH)
    page = person_client.get(reverse("me_download")).content.decode()
    assert "Pwy sy&#x27;n gweithio gyda fi" in page and "Amdana i" in page
    assert "I like gardening and I want to work outdoors." in page
