"""Reflective supervision notes: between one supervisor and one worker, never the person."""

import json

import pytest
from django.urls import reverse

from casework.models import AccessEvent, SupervisionNote
from casework.practice.supervision import DISCUSSED, record_supervision_note
from tests.casework.access.test_access_matrix import app_patterns

pytestmark = pytest.mark.django_db

WENT_WELL = "Alice kept going with a hard conversation"
REFLECTED = "We reflected on pacing the plan with Erin"
ACTIONS = "Try the strengths cards next session"


@pytest.fixture
def supervision_note(supervisor, worker, person):
    return record_supervision_note(
        supervisor,
        worker,
        people=[person],
        went_well=WENT_WELL,
        reflected_on=REFLECTED,
        agreed_actions=ACTIONS,
    )


def test_supervisor_adds_a_note_and_the_person_is_told_by_date_only(
    supervisor_client, supervisor, worker, person
):
    url = reverse("practice_worker_supervision", args=[worker.pk])
    response = supervisor_client.post(
        url,
        {
            "date": "2026-01-05",
            "went_well": WENT_WELL,
            "reflected_on": "",
            "agreed_actions": ACTIONS,
            "people_discussed": [person.pk],
        },
    )
    assert response.status_code == 302
    note = SupervisionNote.objects.get()
    assert (note.supervisor, note.worker) == (supervisor, worker)
    assert list(note.people_discussed.all()) == [person]
    event = AccessEvent.objects.get(person=person, what=DISCUSSED)
    assert event.actor == supervisor
    assert WENT_WELL in supervisor_client.get(url).content.decode()


def test_people_discussed_are_limited_to_the_workers_caseload(
    supervisor_client, worker, other_person
):
    url = reverse("practice_worker_supervision", args=[worker.pk])
    response = supervisor_client.post(
        url, {"date": "2026-01-05", "went_well": "Fine", "people_discussed": [other_person.pk]}
    )
    assert response.status_code == 200
    assert not SupervisionNote.objects.exists()
    assert not AccessEvent.objects.filter(person=other_person, what=DISCUSSED).exists()


def test_an_empty_note_is_refused_with_a_plain_message(supervisor_client, worker):
    url = reverse("practice_worker_supervision", args=[worker.pk])
    response = supervisor_client.post(url, {"date": "2026-01-05"})
    assert "Write at least one of the three parts" in response.content.decode()
    assert not SupervisionNote.objects.exists()


def test_the_worker_reads_their_own_notes(supervision_note, worker_client):
    body = worker_client.get(reverse("practice_me_supervision")).content.decode()
    assert WENT_WELL in body and REFLECTED in body


def test_other_staff_never_see_them(
    supervision_note, client_for, other_worker, other_supervisor, worker, north_team
):
    assert (
        WENT_WELL
        not in client_for(other_worker).get(reverse("practice_me_supervision")).content.decode()
    )
    url = reverse("practice_worker_supervision", args=[worker.pk])
    assert client_for(other_supervisor).get(url).status_code == 404
    # A second supervisor of the same team sees only their own notes with alice.
    from casework.demo.factories import StaffMembershipFactory, UserFactory
    from casework.models import StaffMembership

    second = UserFactory(username="sue")
    StaffMembershipFactory(user=second, team=north_team, role=StaffMembership.Role.SUPERVISOR)
    body = client_for(second).get(url).content.decode()
    assert WENT_WELL not in body


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _person_pages():
    return [name for route, name, args in app_patterns() if route.startswith("me/") and not args]


def test_the_person_never_sees_supervision_text(supervision_note, person_client):
    assert {"me_home", "me_access_log", "me_download", "me_download_json"} <= set(_person_pages())
    for name in _person_pages():
        body = _body(person_client.get(reverse(name)))
        for secret in (WENT_WELL, REFLECTED, ACTIONS):
            assert secret not in body, f"{name} shows supervision text"
    text = _body(person_client.get(reverse("me_download_json")))
    data = json.loads(text)
    for secret in (WENT_WELL, REFLECTED, ACTIONS):
        assert secret not in text
    assert data  # the export is a real file


def test_the_person_sees_that_their_record_was_discussed(supervision_note, person_client):
    body = person_client.get(reverse("me_access_log")).content.decode()
    assert "discussed in supervision" in body
    assert WENT_WELL not in body


def test_the_date_box_is_filled_in_a_form_browsers_read(supervisor_client, worker):
    body = supervisor_client.get(
        reverse("practice_worker_supervision", args=[worker.pk])
    ).content.decode()
    assert 'type="date"' in body
    assert "/20" not in body.split('name="date"')[1].split(">")[0]


# --- The footer says what is true on each page -------------------------------------------

SHARED_FOOTER = "shared with the person it is about"


def _footer(response):
    body = response.content.decode()
    return body[body.index('<footer class="site-footer') :]


def test_supervision_pages_do_not_claim_to_be_shared(supervisor_client, worker_client, worker):
    for client, url in (
        (supervisor_client, reverse("practice_worker_supervision", args=[worker.pk])),
        (worker_client, reverse("practice_me_supervision")),
    ):
        footer = _footer(client.get(url))
        assert SHARED_FOOTER not in footer
        assert "not shared with the people you support" in footer


def test_case_pages_still_say_they_are_shared(worker_client, person):
    footer = _footer(worker_client.get(reverse("person_detail", args=[person.pk])))
    assert SHARED_FOOTER in footer


def test_the_persons_own_pages_speak_to_them(person_client):
    footer = _footer(person_client.get(reverse("me_home")))
    assert SHARED_FOOTER not in footer
    assert "your record" in footer.lower()
