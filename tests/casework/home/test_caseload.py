"""The worker's caseload: contact dates, what went well, sorting, gentle nudges, queries."""

import datetime

import pytest
from django.utils import timezone

from casework.demo.factories import SessionNoteFactory
from casework.home.caseload import caseload_overview

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


def test_caseload_shows_last_and_next_contact_and_what_went_well(worker_client, person, worker):
    SessionNoteFactory(person=person, happened_at=days_ago(20), going_well="Older good news")
    SessionNoteFactory(
        person=person,
        happened_at=days_ago(3),
        going_well="Started at the bike shop",
        next_contact_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    SessionNoteFactory(person=person, happened_at=days_ago(1), going_well="")
    [erin] = caseload_overview(worker)
    assert timezone.localdate(erin.last_contact) == timezone.localdate(days_ago(1))
    assert erin.latest_going_well == "Started at the bike shop"
    body = worker_client.get("/").content.decode()
    assert "Started at the bike shop" in body
    assert "I like gardening" in body


def test_sorts_longest_ago_next_contact_and_name(worker, person, add_to_caseload):
    recent, older, never = add_to_caseload(worker, 3)
    today = timezone.localdate()
    SessionNoteFactory(
        person=recent, happened_at=days_ago(1), next_contact_on=today + datetime.timedelta(9)
    )
    SessionNoteFactory(
        person=older, happened_at=days_ago(40), next_contact_on=today + datetime.timedelta(2)
    )
    SessionNoteFactory(person=person, happened_at=days_ago(10), next_contact_on=None)
    longest = list(caseload_overview(worker, sort="longest"))
    assert longest[:3] == [never, older, person]
    assert list(caseload_overview(worker, sort="next"))[:2] == [older, recent]
    names = [p.preferred_name for p in caseload_overview(worker, sort="name")]
    assert names == sorted(names)


def test_not_seen_for_n_weeks_is_a_gentle_nudge_and_a_filter(
    worker_client, worker, person, add_to_caseload
):
    [seen] = add_to_caseload(worker, 1)
    SessionNoteFactory(person=seen, happened_at=days_ago(3))
    SessionNoteFactory(person=person, happened_at=days_ago(35))
    body = worker_client.get("/").content.decode()
    assert body.count("gentle-nudge") == 1
    assert "more than 4 weeks ago" in body
    assert "alert-danger" not in body
    filtered = worker_client.get("/?not_seen=1&weeks=4")
    assert list(filtered.context["page"].object_list) == [person]
    assert list(worker_client.get("/?not_seen=1&weeks=6").context["page"].object_list) == []


def test_the_count_is_the_caseload_or_the_filtered_people(
    worker_client, worker, person, other_worker, add_to_caseload
):
    """The page counts a leaner query than it lists: the number must still be the rows'."""
    seen = add_to_caseload(worker, 2)
    add_to_caseload(other_worker, 3)
    for someone in seen:
        SessionNoteFactory(person=someone, happened_at=days_ago(3))
    everyone = worker_client.get("/")
    assert everyone.context["page"].paginator.count == 3
    assert "3 people" in everyone.content.decode()
    filtered = worker_client.get("/?not_seen=1&weeks=4")
    assert filtered.context["page"].paginator.count == 1
    assert list(filtered.context["page"].object_list) == [person]


def test_odd_filter_values_fall_back_to_defaults(worker_client, person):
    for query in ("?sort=evil", "?weeks=-3", "?weeks=abc", "?weeks=9999&not_seen=1"):
        response = worker_client.get("/" + query)
        assert response.status_code == 200
        assert response.context["weeks"] == 4


def test_caseload_query_count_is_constant_with_notes(
    worker_client, worker, add_to_caseload, query_count
):
    people = add_to_caseload(worker, 5)
    for p in people:
        SessionNoteFactory.create_batch(2, person=p)
    small = query_count(worker_client).get("/?sort=longest")
    more = add_to_caseload(worker, 45)
    for p in more:
        SessionNoteFactory.create_batch(2, person=p)
    large = query_count(worker_client).get("/?sort=longest")
    query_count.assert_same(small, large, "caseload with notes, 5 vs 50 people")


def test_timeline_query_count_is_constant(worker_client, person, add_notes, query_count):
    from django.urls import reverse

    from casework.demo.factories import NoteAddendumFactory

    url = reverse("note_list", args=[person.pk])
    for note in add_notes(person, 10):
        NoteAddendumFactory(note=note)
    small = query_count(worker_client).get(url)
    for note in add_notes(person, 190):
        NoteAddendumFactory(note=note)
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, "timeline, 10 vs 200 notes")


def test_person_page_query_count_is_constant(worker_client, person, add_notes, query_count):
    from django.urls import reverse

    url = reverse("person_detail", args=[person.pk])
    add_notes(person, 10)
    small = query_count(worker_client).get(url)
    add_notes(person, 190)
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, "person page, 10 vs 200 notes")


def test_timeline_is_newest_first_with_addenda_counts(worker_client, person, add_notes):
    from django.urls import reverse

    from casework.demo.factories import NoteAddendumFactory

    old, new = add_notes(person, 2)
    old.happened_at, new.happened_at = days_ago(30), days_ago(1)
    old.save()
    new.save()
    NoteAddendumFactory.create_batch(2, note=old)
    response = worker_client.get(reverse("note_list", args=[person.pk]))
    page = list(response.context["page"])
    assert page == [new, old]
    assert page[1].addenda_count == 2
    assert "2 addenda" in response.content.decode()


def test_caseload_shows_overdue_plan_review_and_recent_setback(worker_client, person):
    import datetime

    from django.utils import timezone

    from casework.demo.factories import SetbackFactory
    from strengths.plan.actions import get_or_create_plan

    plan = get_or_create_plan(person)
    plan.review_due = timezone.localdate() - datetime.timedelta(days=3)
    plan.save()
    SetbackFactory(person=person, happened_on=timezone.localdate() - datetime.timedelta(days=5))
    body = worker_client.get("/").content.decode()
    assert "Plan review was due" in body
    assert "A recent setback" in body


def test_a_card_says_everything_in_the_words_and_links_the_template_had(
    worker_client, worker, person
):
    """Each line of a full card (casework/home/cards.py builds its words and links)."""
    from django.urls import reverse
    from django.utils import formats
    from django.utils.text import Truncator

    from casework.appointments.actions import ask_to_rearrange
    from casework.demo.factories import AlertFactory, AppointmentFactory, CheckInFactory
    from strengths.plan.actions import get_or_create_plan

    person.about_me = "Gardening " * 20  # 200 characters: cut at 140
    person.save()
    SessionNoteFactory(person=person, happened_at=days_ago(2), going_well="Slept well")
    appointment = AppointmentFactory(person=person, created_by=worker)
    ask_to_rearrange(person.user, appointment, reason="Work that day")
    AlertFactory(person=person, added_by=worker, review_by=timezone.localdate())
    CheckInFactory(person=person, wants_to_talk=True)
    plan = get_or_create_plan(person)
    plan.review_due = timezone.localdate() + datetime.timedelta(days=9)
    plan.save()

    body = " ".join(worker_client.get("/").content.decode().split())
    pk = person.pk
    starts = formats.date_format(timezone.localtime(appointment.starts_at), "D j F, H:i")
    last = formats.date_format(timezone.localtime(days_ago(2)), "j F Y")
    due = formats.date_format(plan.review_due, "j F Y")
    assert person.about_me.strip() not in body
    for line in (
        f'<a href="{reverse("person_detail", args=[pk])}">Erin</a>',
        f'<p class="mb-1" dir="auto">{Truncator(person.about_me).chars(140)}</p>',
        '<strong>Going well:</strong> <span dir="auto">Slept well</span></p>',
        f'<p class="small mb-1">Last contact: {last}</p>',
        f'Next appointment: <a href="{reverse("appointment_list", args=[pk])}">{starts}'
        '<span class="visually-hidden"> with Erin</span></a>',
        'Asked to rearrange 1 appointment<span class="visually-hidden"> (Erin)</span>',
        f'<p class="small mb-1">Plan review due {due}</p>',
        f'<a href="{reverse("note_create", args=[pk])}">Record a session'
        '<span class="visually-hidden"> with Erin</span></a>',
        f'<a href="{reverse("appointment_book", args=[pk])}">Book an appointment',
        f'href="{reverse("alert_list", args=[pk])}">1 alert due for review'
        '<span class="visually-hidden"> for Erin</span>',
        f'<a href="{reverse("person_detail", args=[pk])}#check-ins">1 new check-in</a>, '
        "<strong>would like to talk soon</strong>",
    ):
        assert line in body, line


def test_a_card_with_nothing_yet_says_so(worker_client, person):
    body = " ".join(worker_client.get("/").content.decode().split())
    assert '<p class="small mb-1 gentle-nudge">No sessions recorded yet.</p>' in body
    assert '<p class="small mb-1">Next contact: not planned yet</p>' in body
    for absent in ("Going well:", "Next appointment:", "Plan review", "alert due", "new check-in"):
        assert absent not in body


def test_urgent_check_ins_and_requests_are_read_only_when_one_is_waiting(
    worker_client, worker, person
):
    """One query counts the caseload and asks whether anything urgent is waiting; the
    urgent check-ins and the requests to rearrange are read only when there are some."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from casework.demo.factories import AppointmentFactory, CheckInFactory
    from casework.models import RearrangeRequest

    def statements():
        with CaptureQueriesContext(connection) as captured:
            response = worker_client.get(reverse("home"))
        return [q["sql"] for q in captured.captured_queries], response.content.decode()

    nothing_waiting, _ = statements()
    CheckInFactory(person=person, feeling=1, words="A hard day, please ring")
    soon = timezone.now() + datetime.timedelta(days=3)
    booked = AppointmentFactory(
        person=person, created_by=worker, starts_at=soon, ends_at=soon + datetime.timedelta(hours=1)
    )
    booked.workers.add(worker)
    RearrangeRequest.objects.create(
        appointment=booked, asked_by=person.user, reason="Can we move it?"
    )
    both_waiting, page = statements()

    def lists_read(sql):
        return [
            table
            for table in ("casework_checkin", "casework_rearrangerequest")
            for q in sql
            if q.startswith(f'SELECT "{table}"."id"')
        ]

    assert lists_read(nothing_waiting) == []
    assert lists_read(both_waiting) == ["casework_checkin", "casework_rearrangerequest"]
    assert "Check-ins that ask for you soon" in page and "Asked to rearrange" in page
