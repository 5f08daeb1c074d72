"""Who the person would call in a crisis: their choice, set only from their own space."""

import pytest
from django.urls import reverse

from casework.common.errors import ActionRefused
from casework.demo.factories import SignificantOtherFactory
from strengths.models import SignificantOther
from strengths.story import actions

pytestmark = pytest.mark.django_db


def _form(member, **extra):
    return {
        "kind": member.kind,
        "name": member.name,
        "relationship": member.relationship,
        "involvement": member.involvement,
        "version": member.version,
        **extra,
    }


def test_the_person_marks_someone_to_call_in_a_crisis(person_client, person, worker):
    member = SignificantOtherFactory(person=person, created_by=worker, name="Jess")
    url = reverse("me_circle_edit", kwargs={"member_id": member.pk})
    assert "someone i would call in a crisis" in person_client.get(url).content.decode().lower()
    response = person_client.post(url, _form(member, call_in_crisis="on"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.call_in_crisis
    assert (
        "I would call them in a crisis." in person_client.get(reverse("me_circle")).content.decode()
    )
    # And unmarks them again.
    person_client.post(url, _form(member))
    member.refresh_from_db()
    assert not member.call_in_crisis


def test_a_worker_form_does_not_offer_it_and_cannot_set_it(worker_client, person, worker):
    member = SignificantOtherFactory(person=person, created_by=worker, name="Jess")
    url = reverse("strengths:member_edit", args=[person.pk, member.pk])
    assert "call in a crisis" not in worker_client.get(url).content.decode()
    worker_client.post(url, _form(member, call_in_crisis="on"))
    member.refresh_from_db()
    assert not member.call_in_crisis


def test_the_action_refuses_anyone_but_the_person(person, worker):
    member = SignificantOtherFactory(person=person, created_by=worker)
    with pytest.raises(ActionRefused):
        actions.update_circle_member(worker, member, call_in_crisis=True)
    with pytest.raises(ActionRefused):
        actions.add_circle_member(worker, person, name="Ray", call_in_crisis=True)
    actions.update_circle_member(person.user, member, call_in_crisis=True)
    member.refresh_from_db()
    assert member.call_in_crisis


def test_contact_details_are_never_offered_for_someone_not_to_contact(person):
    member = SignificantOtherFactory(
        person=person,
        involvement=SignificantOther.Involvement.DO_NOT_CONTACT,
        contact_details="07700 900666",
        call_in_crisis=True,
    )
    assert member.contact_for_crisis == "" and member.phone_href == ""
    member.involvement = SignificantOther.Involvement.INVOLVE
    assert member.phone_href == "tel:07700900666"
    member.contact_details = "Ring after 6, 07700 900666"
    assert member.phone_href == ""  # words, not just a number: shown as written
