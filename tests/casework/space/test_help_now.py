"""I need help now: the person's plan, their crisis people and the numbers, on one page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import CheckInFactory, SignificantOtherFactory
from casework.models import AccessEvent
from strengths.models import SignificantOther, Voice
from strengths.plan.actions import save_section
from strengths.plan.models import PlanSection

pytestmark = pytest.mark.django_db
URL = reverse("me_help_now")
STAYING_WELL = "My early signs: I stop sleeping.\n  What helps: the allotment.\nCall Jess first."


@pytest.fixture
def staying_well(plan, person):
    section = plan.sections.get(key=PlanSection.Key.STAYING_WELL)
    save_section(
        person.user,
        person,
        section,
        heading=section.heading,
        text=STAYING_WELL,
        based_on_version=section.version,
    )
    return section


def test_it_is_linked_from_every_page_of_the_persons_space(person_client):
    for name in ("me_home", "me_check_in", "me_notes", "me_plan", "me_circle", "me_who_can_see"):
        body = person_client.get(reverse(name)).content.decode()
        assert 'class="btn help-now-link' in body and f'href="{URL}"' in body, name


def test_staff_pages_have_no_help_now_link(worker_client):
    assert URL not in worker_client.get("/").content.decode()


def test_it_shows_the_staying_well_plan_exactly_as_written(person_client, staying_well):
    body = person_client.get(URL).content.decode()
    assert "My staying well plan" in body
    assert "In your own words" in body
    # Kept as written, line breaks and spaces too (white-space: pre-wrap), never truncated.
    assert 'dir="auto">My early signs: I stop sleeping.\n  What helps: the allotment.' in body


def test_without_a_plan_it_says_how_to_write_one(person_client):
    body = person_client.get(URL).content.decode()
    assert "You have not written your staying well plan yet" in body


def test_it_shows_the_national_numbers_as_links(person_client):
    body = person_client.get(URL).content.decode()
    for href in (
        'href="tel:999"',
        'href="tel:111"',
        'href="tel:116123"',
        'href="sms:85258?body=SHOUT"',
    ):
        assert href in body
    assert "option 2" in body and "Samaritans" in body and "Shout" in body


def test_it_shows_the_people_chosen_for_a_crisis_never_do_not_contact_details(
    person_client, person
):
    mine = {"created_as": Voice.PERSON}
    SignificantOtherFactory(
        person=person, name="Jess", contact_details="07700 900999", call_in_crisis=True, **mine
    )
    SignificantOtherFactory(
        person=person,
        name="Uncle Ray",
        involvement=SignificantOther.Involvement.DO_NOT_CONTACT,
        contact_details="07700 900666",
        call_in_crisis=True,
        **mine,
    )
    SignificantOtherFactory(person=person, name="Not for now", call_in_crisis=False, **mine)
    body = person_client.get(URL).content.decode()
    assert "Jess" in body and 'href="tel:07700900999"' in body
    assert "Uncle Ray" in body and "07700 900666" not in body and "900666" not in body
    assert "Not for now" not in body


def test_an_urgent_check_in_goes_straight_to_this_page(person_client, person):
    response = person_client.post(
        reverse("me_check_in"), {"feeling": "1", "words": "Can't cope tonight"}
    )
    assert response.status_code == 302
    assert response.url == URL + "#main"
    check_in = person.check_ins.get()
    assert check_in.words == "Can't cope tonight"
    body = person_client.get(URL).content.decode()
    assert "Really struggling" in body
    assert "Your worker is" in body


def test_asking_to_talk_also_goes_to_this_page(person_client):
    response = person_client.post(reverse("me_check_in"), {"feeling": "4", "wants_to_talk": "on"})
    assert response.url == URL + "#main"


def test_an_ordinary_check_in_stays_on_the_check_in_page(person_client):
    response = person_client.post(reverse("me_check_in"), {"feeling": "3"})
    assert response.url == reverse("me_check_in")


def test_out_of_hours_the_person_is_told_when_their_worker_will_see_it(
    person_client, person, monkeypatch
):
    friday_night = timezone.make_aware(datetime.datetime(2026, 3, 6, 21, 4))
    monkeypatch.setattr(timezone, "now", lambda: friday_night)
    CheckInFactory(person=person, feeling=1, created_at=friday_night)
    body = person_client.get(URL).content.decode()
    assert "Your worker is not working now. They will see this on Monday morning." in body
    home = person_client.get(reverse("me_home")).content.decode()
    assert "They will see this on Monday morning." in home


def test_the_team_hours_decide(person_client, person, north_team, monkeypatch):
    friday_night = timezone.make_aware(datetime.datetime(2026, 3, 6, 21, 4))
    monkeypatch.setattr(timezone, "now", lambda: friday_night)
    north_team.working_days = "1234567"
    north_team.works_until = datetime.time(22)
    north_team.save()
    CheckInFactory(person=person, feeling=1, created_at=friday_night)
    body = person_client.get(URL).content.decode()
    assert "Your worker is working today until 22:00." in body


def test_reading_it_is_logged(person_client, person):
    person_client.get(URL)
    assert AccessEvent.objects.filter(
        person=person, actor=person.user, action="viewed", what="your I need help now page"
    ).exists()


def test_it_works_without_javascript_and_has_no_forms(person_client):
    body = person_client.get(URL).content.decode()
    main = body.split('<main id="main"', 1)[1]
    assert "<form" not in main.split("</main>")[0]
    assert "hx-" not in main.split("</main>")[0]


def test_a_record_no_longer_online_still_shows_the_numbers(person_client, person):
    person.status = person.Status.CLOSED
    person.closed_on = timezone.localdate() - datetime.timedelta(days=400)
    person.save()
    response = person_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="tel:999"' in body and 'href="tel:116123"' in body
    assert "My staying well plan" not in body


def test_staff_cannot_open_it(worker_client):
    assert worker_client.get(URL).status_code == 404
