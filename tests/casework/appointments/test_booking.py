"""Booking, moving and cancelling appointments: every change kept, shown to both sides."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.appointments import actions
from casework.common.errors import ActionRefused
from casework.demo.factories import AppointmentFactory
from casework.models import AccessEvent, Appointment, AppointmentChange

pytestmark = pytest.mark.django_db


def _day(days=2):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _book(worker_client, person, **extra):
    data = {
        "day": _day(),
        "starts": "14:00",
        "ends": "15:00",
        "kind": "home_visit",
        "place": "Erin's flat, 4 Park Road",
        "purpose": "Talk about the garden project.",
        **extra,
    }
    return worker_client.post(reverse("appointment_book", args=[person.pk]), data)


def test_the_worker_books_a_home_visit_and_the_person_sees_it(
    worker_client, person_client, person, worker
):
    response = _book(worker_client, person)
    assert response.status_code == 302
    appointment = person.appointments.get()
    assert appointment.kind == Appointment.Kind.HOME_VISIT
    assert list(appointment.workers.all()) == [worker]
    assert timezone.localtime(appointment.starts_at).hour == 14
    assert appointment.changes.get().what == AppointmentChange.What.BOOKED
    assert AccessEvent.objects.filter(
        person=person, actor=worker, action="changed", what="an appointment (booked)"
    ).exists()
    home = person_client.get(reverse("me_home")).content.decode()
    assert "My next appointments" in home
    assert "Erin&#x27;s flat, 4 Park Road" in home or "Erin's flat, 4 Park Road" in home
    assert "Home visit" in home
    assert worker.display_name() in home


def test_a_booking_with_bad_times_says_why_and_saves_nothing(worker_client, person):
    response = _book(worker_client, person, starts="15:00", ends="14:00")
    assert response.status_code == 200
    assert "The end time must be after the start time." in response.content.decode()
    response = _book(worker_client, person, day="not a day")
    assert response.status_code == 200
    assert not person.appointments.exists()


def test_only_assigned_staff_can_be_on_an_appointment(person, worker, other_worker):
    start = timezone.now() + datetime.timedelta(days=1)
    appointment = actions.book_appointment(
        worker,
        person,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        kind="office",
        workers=[other_worker],
    )
    assert list(appointment.workers.all()) == [worker]


def test_moving_keeps_the_old_time_and_the_reason(worker_client, person, worker, person_client):
    appointment = AppointmentFactory(person=person, created_by=worker)
    old_start = appointment.starts_at
    url = reverse("appointment_move", args=[person.pk, appointment.pk])
    response = worker_client.post(
        url,
        {
            "day": _day(5),
            "starts": "09:30",
            "ends": "10:30",
            "place": "The Hub, room 1",
            "reason": "Room 2 is being painted.",
            "version": appointment.version,
        },
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert timezone.localtime(appointment.starts_at).strftime("%H:%M") == "09:30"
    assert appointment.place == "The Hub, room 1"
    moved = appointment.changes.get(what=AppointmentChange.What.MOVED)
    assert moved.from_starts_at == old_start
    assert moved.reason == "Room 2 is being painted."
    page = person_client.get(reverse("me_appointment", args=[appointment.pk])).content.decode()
    assert "Room 2 is being painted." in page
    assert "Moved" in page


def test_a_move_needs_a_reason(worker_client, person, worker):
    appointment = AppointmentFactory(person=person, created_by=worker)
    url = reverse("appointment_move", args=[person.pk, appointment.pk])
    response = worker_client.post(
        url, {"day": _day(5), "starts": "09:30", "ends": "10:30", "version": 1}
    )
    assert response.status_code == 200
    assert "Say why, in a few words." in response.content.decode()
    assert appointment.changes.count() == 1


def test_a_change_from_an_out_of_date_page_is_refused_not_lost(person, worker):
    appointment = AppointmentFactory(person=person, created_by=worker)
    later = appointment.starts_at + datetime.timedelta(days=1)
    actions.move_appointment(
        worker,
        appointment,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
        reason="First move",
        version=1,
    )
    stale = Appointment.objects.get(pk=appointment.pk)
    stale.version = 1
    with pytest.raises(ActionRefused, match="changed this appointment"):
        actions.cancel_appointment(worker, stale, reason="Second thoughts", version=1)
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.BOOKED
    assert appointment.starts_at == later


def test_cancelling_keeps_the_appointment_and_the_reason(
    worker_client, person_client, person, worker
):
    appointment = AppointmentFactory(person=person, created_by=worker)
    url = reverse("appointment_cancel", args=[person.pk, appointment.pk])
    assert worker_client.post(url, {"version": 1}).status_code == 200  # no reason: refused
    response = worker_client.post(url, {"reason": "I am off sick.", "version": 1})
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.is_cancelled
    assert list(appointment.changes.values_list("what", flat=True)) == ["booked", "cancelled"]
    page = person_client.get(reverse("me_appointments")).content.decode()
    assert "(cancelled)" in page
    detail = person_client.get(reverse("me_appointment", args=[appointment.pk])).content.decode()
    assert "I am off sick." in detail
    with pytest.raises(ActionRefused):
        actions.cancel_appointment(worker, appointment, reason="again", version=2)


def test_a_supervisor_reads_appointments_but_cannot_book(
    supervisor_client, supervisor, person, worker
):
    appointment = AppointmentFactory(person=person, created_by=worker)
    assert supervisor_client.get(reverse("appointment_list", args=[person.pk])).status_code == 200
    assert (
        supervisor_client.get(
            reverse("appointment_detail", args=[person.pk, appointment.pk])
        ).status_code
        == 200
    )
    assert supervisor_client.get(reverse("appointment_book", args=[person.pk])).status_code == 404
    with pytest.raises(ActionRefused):
        actions.book_appointment(
            supervisor,
            person,
            starts_at=appointment.starts_at,
            ends_at=appointment.ends_at,
            kind="office",
        )


def test_another_persons_appointment_is_not_found_through_this_person(
    worker_client, person, other_person, other_worker
):
    theirs = AppointmentFactory(person=other_person, created_by=other_worker)
    url = reverse("appointment_detail", args=[person.pk, theirs.pk])
    assert worker_client.get(url).status_code == 404


def test_the_record_overview_and_list_show_whats_coming_up(worker_client, person, worker):
    appointment = AppointmentFactory(person=person, created_by=worker, place="The Hub")
    overview = worker_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert reverse("appointment_detail", args=[person.pk, appointment.pk]) in overview
    listing = worker_client.get(reverse("appointment_list", args=[person.pk])).content.decode()
    assert "The Hub" in listing


def test_booking_the_next_contact_from_a_session_note(worker_client, person, worker):
    day = _day(7)
    response = worker_client.post(
        reverse("note_create", args=[person.pk]),
        {
            "happened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "how": "face_to_face",
            "duration_minutes": 45,
            "person_present": "on",
            "talked_about": "We talked about the allotment.",
            "next_contact_on": day,
            "next_contact_time": "11:00",
            "next_contact_minutes": 30,
            "next_contact_kind": "phone",
            "next_contact_place": "Alice calls Erin",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    note = person.notes.get()
    assert note.next_contact_on.isoformat() == day  # old readers keep working
    appointment = person.appointments.get()
    assert appointment.from_note == note
    assert appointment.kind == "phone"
    assert appointment.ends_at - appointment.starts_at == datetime.timedelta(minutes=30)


def test_a_next_contact_without_a_time_stays_a_bare_date(worker_client, person):
    response = worker_client.post(
        reverse("note_create", args=[person.pk]),
        {
            "happened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "how": "face_to_face",
            "duration_minutes": 45,
            "person_present": "on",
            "talked_about": "We talked about the allotment.",
            "next_contact_on": _day(7),
        },
    )
    assert response.status_code == 302
    assert not person.appointments.exists()
    assert person.notes.get().next_contact_on is not None


def test_a_peer_supporter_is_not_offered_the_booking_fields(person, peer_worker, client_for):
    from casework.demo.factories import CaseAssignmentFactory
    from casework.models import CaseAssignment

    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    page = client_for(peer_worker).get(reverse("note_create", args=[person.pk])).content.decode()
    assert "next_contact_time" not in page


def _move(worker_client, person, appointment, **extra):
    url = reverse("appointment_move", args=[person.pk, appointment.pk])
    data = {
        "day": _day(5),
        "starts": "09:30",
        "ends": "10:30",
        "reason": "Room 2 is being painted.",
    }
    return worker_client.post(url, {**data, **extra})


def test_after_a_refused_change_the_words_stay_and_saving_again_works(
    worker_client, person, worker
):
    appointment = AppointmentFactory(person=person, created_by=worker)
    _move(worker_client, person, appointment, version=1, reason="First move")
    refused = _move(worker_client, person, appointment, version=1, reason="My second reason")
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "changed this appointment" in page and "My second reason" in page
    # The form now carries the version the worker sees, so saving again is accepted.
    assert 'name="version" value="2"' in page
    again = _move(worker_client, person, appointment, version=2, reason="My second reason")
    assert again.status_code == 302
    assert appointment.changes.filter(reason="My second reason").exists()


def test_an_empty_place_keeps_the_place_and_a_long_one_is_kept_whole(worker_client, person, worker):
    appointment = AppointmentFactory(person=person, created_by=worker, place="The Hub")
    assert _move(worker_client, person, appointment, version=1, place="").status_code == 302
    appointment.refresh_from_db()
    assert appointment.place == "The Hub"
    long_place = ("Flat 3, " + "Long Street, " * 24)[:299] + "."  # the 300-character limit
    assert _move(worker_client, person, appointment, version=2, place=long_place).status_code == 302
    appointment.refresh_from_db()
    assert appointment.place == long_place
    moved = appointment.changes.filter(what=AppointmentChange.What.MOVED).last()
    assert long_place in moved.detail and "The Hub" in moved.detail
