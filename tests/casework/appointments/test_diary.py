"""The worker's diary on the caseload and its own page; supervisors see counts, not diaries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import AppointmentFactory

pytestmark = pytest.mark.django_db


def _book_today_and_this_week(worker, people):
    now = timezone.localtime()
    today_later = now + datetime.timedelta(minutes=30)
    if today_later.date() != now.date():  # just before midnight: keep it today
        today_later = now
    for person in people:
        AppointmentFactory(
            person=person,
            created_by=worker,
            starts_at=today_later,
            ends_at=today_later + datetime.timedelta(minutes=20),
        )
        AppointmentFactory(person=person, created_by=worker)  # a few days ahead


def test_the_caseload_shows_today_and_the_diary_page_lists_what_is_booked(
    worker_client, worker, person
):
    _book_today_and_this_week(worker, [person])
    page = worker_client.get(reverse("home")).content.decode()
    assert "My diary" in page
    assert "Nothing booked today." not in page
    diary = worker_client.get(reverse("diary"))
    assert diary.status_code == 200
    assert diary.content.decode().count("Erin") >= 2


def test_caseload_query_count_is_constant_with_appointments(
    worker_client, worker, person, add_to_caseload, query_count
):
    _book_today_and_this_week(worker, [person])
    small = query_count(worker_client).get(reverse("home"))
    _book_today_and_this_week(worker, add_to_caseload(worker, 6))
    large = query_count(worker_client).get(reverse("home"))
    query_count.assert_same(small, large, "caseload with the diary")


def test_diary_query_count_is_constant(worker_client, worker, person, add_to_caseload, query_count):
    _book_today_and_this_week(worker, [person])
    small = query_count(worker_client).get(reverse("diary"))
    _book_today_and_this_week(worker, add_to_caseload(worker, 8))
    large = query_count(worker_client).get(reverse("diary"))
    query_count.assert_same(small, large, "diary")


def test_the_diary_pages(worker_client, worker, add_to_caseload):
    people = add_to_caseload(worker, 30)
    for person in people:
        AppointmentFactory(person=person, created_by=worker)
    first = worker_client.get(reverse("diary"))
    assert first.context["page"].paginator.num_pages == 2
    assert worker_client.get(reverse("diary") + "?page=2").status_code == 200
    assert worker_client.get(reverse("diary") + "?page=nonsense").status_code == 200


def test_a_supervisor_sees_counts_per_worker_not_whom_with(supervisor_client, worker, person):
    _book_today_and_this_week(worker, [person])
    page = supervisor_client.get(reverse("home"))
    assert page.status_code == 200
    alice = next(w for w in page.context["workers"] if w.pk == worker.pk)
    assert alice.appointments_today == 1
    assert alice.appointments_this_week >= 1
    assert "Appointments this week" in page.content.decode()


def _book_past_and_coming(person, worker, n, *, start=0):
    now = timezone.now()
    for i in range(start, start + n):
        for days in (-(i + 2), i + 2):  # one earlier, one coming up
            when = now + datetime.timedelta(days=days)
            AppointmentFactory(
                person=person,
                created_by=worker,
                starts_at=when,
                ends_at=when + datetime.timedelta(hours=1),
            )


def test_the_record_s_appointment_list_keeps_its_query_count_and_pages_the_past(
    worker_client, worker, person, query_count
):
    url = reverse("appointment_list", args=[person.pk])
    _book_past_and_coming(person, worker, 2)
    small = query_count(worker_client).get(url)
    _book_past_and_coming(person, worker, 30, start=2)
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, "appointment_list")
    page = worker_client.get(url).content.decode()
    assert "Pages of earlier appointments" in page
    assert worker_client.get(url + "?page=2").status_code == 200


def test_the_person_s_appointment_list_keeps_its_query_count(
    person_client, worker, person, query_count
):
    url = reverse("me_appointments")
    _book_past_and_coming(person, worker, 2)
    small = query_count(person_client).get(url)
    _book_past_and_coming(person, worker, 30, start=2)
    large = query_count(person_client).get(url)
    query_count.assert_same(small, large, "me_appointments")
