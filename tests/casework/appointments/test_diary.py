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
