"""The circle of support: the person's involvement choice is kept, shown and respected."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import GoalStepFactory, SignificantOtherFactory
from strengths.models import SignificantOther, Voice
from strengths.story import actions

pytestmark = pytest.mark.django_db

DNC = SignificantOther.Involvement.DO_NOT_CONTACT
SECRET = "07700 900555 ray@example.org"


@pytest.fixture
def ray(person):
    return SignificantOtherFactory(
        person=person, name="Uncle Ray", involvement=DNC, contact_details=SECRET
    )


def _member_post(**overrides):
    # A worker records the choice only as what the person said in a session (issue 17).
    said_on = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    data = {
        "told_in_session": "on",
        "said_in_session_on": said_on,
        "kind": "person",
        "name": "Nomsa",
        "relationship": "sister",
        "how_they_help": "Rings every evening.",
        "involvement": "involve",
        "contact_details": "07700 900111",
    }
    return {**data, **overrides}


def test_adding_someone_records_the_choice_who_set_it_and_when(worker_client, worker, person):
    url = reverse("strengths:member_add", args=[person.pk])
    assert worker_client.post(url, _member_post()).status_code == 302
    member = person.circle.get()
    assert member.involvement == "involve"
    assert member.involvement_set_by == worker
    assert member.involvement_set_as == Voice.WORKER
    body = worker_client.get(reverse("record_strengths", args=[person.pk])).content.decode()
    assert "Involve in my plan" in body
    assert (
        f"Erin&#x27;s choice, recorded by {worker.get_short_name()}, said in the session on" in body
    )
    assert "07700 900111" in body


def test_do_not_contact_never_shows_contact_details_to_staff(
    worker_client, supervisor_client, person, goal, ray
):
    GoalStepFactory(goal=goal, who="circle", circle_member=ray)
    pages = [
        reverse("record_strengths", args=[person.pk]),
        reverse("strengths:goal_detail", args=[person.pk, goal.pk]),
        reverse("strengths:member_edit", args=[person.pk, ray.pk]),
        reverse("strengths:step_add", args=[person.pk, goal.pk]),
        reverse("strengths:journey", args=[person.pk]),
    ]
    for url in pages:
        body = worker_client.get(url).content.decode()
        assert "07700 900555" not in body and "ray@example.org" not in body, url
    for url in pages[:2]:
        body = supervisor_client.get(url).content.decode()
        assert "07700 900555" not in body, url
    overview = worker_client.get(pages[0]).content.decode()
    assert "Do not contact." in overview
    assert "Their contact details are not shown." in overview


def test_editing_a_do_not_contact_member_keeps_their_details_held_but_unshown(
    worker_client, person, ray
):
    url = reverse("strengths:member_edit", args=[person.pk, ray.pk])
    response = worker_client.post(
        url,
        _member_post(
            name="Uncle Ray", involvement="do_not_contact", contact_details="", version=ray.version
        ),
    )
    assert response.status_code == 302
    ray.refresh_from_db()
    assert ray.contact_details == SECRET  # not wiped by a form that never showed it


def test_when_the_person_changes_their_choice_details_show_again(worker_client, person, ray):
    actions.update_circle_member(person.user, ray, involvement="keep_informed")
    ray.refresh_from_db()
    assert ray.involvement_set_by == person.user
    assert ray.involvement_set_as == Voice.PERSON
    body = worker_client.get(reverse("record_strengths", args=[person.pk])).content.decode()
    assert "07700 900555" in body
    assert "Erin&#x27;s choice, set by them on" in body


def test_the_choice_stamp_only_moves_when_the_choice_changes(worker, person, ray):
    before = ray.involvement_set_at
    actions.update_circle_member(worker, ray, how_they_help="Lends me his van", involvement=DNC)
    ray.refresh_from_db()
    assert ray.involvement_set_at == before


def test_groups_and_peer_supporters_belong_to_the_circle(worker_client, person):
    url = reverse("strengths:member_add", args=[person.pk])
    worker_client.post(url, _member_post(kind="group", name="Parkrun", contact_details=""))
    worker_client.post(url, _member_post(kind="peer", name="Jade", contact_details=""))
    body = worker_client.get(reverse("record_strengths", args=[person.pk])).content.decode()
    assert "A group or community" in body and "A peer supporter" in body


def test_a_name_is_needed(worker_client, person):
    url = reverse("strengths:member_add", args=[person.pk])
    body = worker_client.post(url, _member_post(name="  ")).content.decode()
    assert "Please give their name, or how they are known." in body


def test_members_are_archived_and_restored(worker_client, person, ray):
    worker_client.post(reverse("strengths:member_archive", args=[person.pk, ray.pk]))
    ray.refresh_from_db()
    assert ray.archived_at is not None
    assert SignificantOther.objects.filter(pk=ray.pk).exists()
    worker_client.post(reverse("strengths:member_restore", args=[person.pk, ray.pk]))
    ray.refresh_from_db()
    assert ray.archived_at is None


def test_worker_changing_the_choice_on_the_edit_page_records_who_and_when(
    worker_client, worker, person
):
    from django.urls import reverse

    from casework.demo.factories import SignificantOtherFactory
    from strengths.models import SignificantOther

    member = SignificantOtherFactory(
        person=person, name="Sis", involvement=SignificantOther.Involvement.NOT_DECIDED
    )
    url = reverse("strengths:member_edit", args=[person.pk, member.pk])
    form = worker_client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        name="Sis",
        involvement=SignificantOther.Involvement.KEEP_INFORMED,
        told_in_session="on",
        said_in_session_on=timezone.localdate().isoformat(),
    )
    response = worker_client.post(url, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.involvement == SignificantOther.Involvement.KEEP_INFORMED
    assert member.involvement_set_by == worker
    assert member.involvement_set_at is not None
