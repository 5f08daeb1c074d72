"""The staying-well pocket card (/me/staying-well/card/) and the one tap to it from home."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import SignificantOtherFactory
from casework.models import AccessEvent, Person
from casework.space.pocket_card import card_blocks
from strengths.models import SignificantOther, Voice
from strengths.plan.actions import save_section
from strengths.plan.models import PlanSection

pytestmark = pytest.mark.django_db
URL = reverse("me_pocket_card")
STAYING_WELL = (
    "Keep to my routine.\n"
    "My early signs: I stop sleeping.\n"
    "I go quiet.\n"
    "What I do: walk to the allotment.\n"
    "What others can do: text, don't ring.\n"
    "Who to contact: Jess, then the duty line."
)


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


def test_the_card_blocks_follow_the_labels_people_write():
    blocks = {b.title: b.lines for b in card_blocks(STAYING_WELL)}
    assert blocks["Early signs"] == ["I stop sleeping.", "I go quiet."]
    assert blocks["What helps"] == [
        "What I do: walk to the allotment.",
        "What others can do: text, don't ring.",
    ]
    assert blocks["Who to call"] == ["Jess, then the duty line."]
    # A line with no label is kept, under "in my words": nothing is left off the card.
    assert blocks["In my words"] == ["Keep to my routine."]


def test_words_without_labels_all_stay_on_the_card():
    text = "Sleep.\n\nEat: properly, and on time.\nRing Mum"
    lines = [line for block in card_blocks(text) for line in block.lines]
    assert lines == ["Sleep.", "Eat: properly, and on time.", "Ring Mum"]


def test_the_person_sees_their_card(person_client, person, staying_well):
    SignificantOtherFactory(
        person=person,
        name="Jess",
        contact_details="07700 900999",
        call_in_crisis=True,
        created_as=Voice.PERSON,
    )
    SignificantOtherFactory(
        person=person,
        name="Uncle Ray",
        involvement=SignificantOther.Involvement.DO_NOT_CONTACT,
        contact_details="07700 900666",
        call_in_crisis=True,
        created_as=Voice.PERSON,
    )
    response = person_client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1
    for words in ("My early signs", "I go quiet.", "What helps me", "Who I call", "Jess"):
        assert words in body
    assert "07700 900999" in body
    assert "07700 900666" not in body  # never a "do not contact" person's details
    assert "Samaritans" in body and "Call 999" in body
    assert 'class="pocket-card"' in body
    assert "css/print.css" in body
    assert f'href="{reverse("me_plan")}#section-{staying_well.pk}"' in body


def test_reading_the_card_is_logged(person_client, person, staying_well):
    person_client.get(URL)
    event = AccessEvent.objects.filter(person=person).latest("at")
    assert event.actor == person.user
    assert event.what == "your staying well pocket card"


def test_without_a_plan_it_says_how_to_write_one(person_client):
    body = person_client.get(URL).content.decode()
    assert "You have not written your staying well plan yet" in body
    assert "Call 999" in body


def test_staff_and_admins_get_404(client_for, worker, supervisor, peer_worker, org_admin):
    for user in (worker, supervisor, peer_worker, org_admin):
        assert client_for(user).get(URL).status_code == 404


def test_it_is_read_only(person_client):
    assert person_client.post(URL).status_code == 405


def test_a_record_no_longer_online_shows_how_to_ask_for_a_copy(person_client, person):
    person.status = Person.Status.CLOSED
    person.closed_on = timezone.localdate() - datetime.timedelta(days=366)
    person.save()
    body = person_client.get(URL).content.decode()
    assert "Your record is no longer online" in body


def test_home_reaches_the_staying_well_section_and_the_card_in_one_tap(person_client, staying_well):
    body = person_client.get(reverse("me_home")).content.decode()
    assert f'class="btn staying-well-link" href="{reverse("me_plan")}#staying-well"' in body
    assert f'href="{URL}"' in body
    # Near the top: before anything else on the page.
    assert body.index("My staying well plan") < body.index("What does this mean?")
    # The plan marks its staying-well section, and only that one.
    plan = person_client.get(reverse("me_plan")).content.decode()
    section = plan[plan.index(f'id="section-{staying_well.pk}"') :]
    assert section.index('id="staying-well"') < section.index("</section>")
    assert plan.count('id="staying-well"') == 1
