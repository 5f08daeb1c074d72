"""Check-ins: the person sends one; only their own workers (and supervisors, read only) see it."""

import pytest
from django.urls import reverse

from casework.checkins.actions import record_check_in
from casework.demo.factories import CheckInFactory
from casework.models import AccessEvent, CheckIn

pytestmark = pytest.mark.django_db
URL = reverse("me_check_in")


def _seen_url(person, check_in):
    return reverse("check_in_seen", args=[person.pk, check_in.pk])


def test_person_checks_in(person_client, person):
    response = person_client.post(URL, {"feeling": "2", "words": "Rough week."})
    assert response.status_code == 302
    check_in = person.check_ins.get()
    assert check_in.feeling == CheckIn.Feeling.NOT_GREAT
    assert check_in.words == "Rough week."
    assert not check_in.wants_to_talk
    assert AccessEvent.objects.filter(person=person, actor=person.user, action="changed").exists()
    page = person_client.get(URL).content.decode()
    assert "Your worker will see how you are doing" in page
    assert "Not so good" in page


def test_the_persons_words_are_kept_exactly_as_written(person_client, person):
    words = "  Rough week.\n\n  Can't sleep   — نام\n"
    person_client.post(URL, {"feeling": "2", "words": words, "wants_to_talk": "on"})
    assert person.check_ins.get().words == words
    # Only a box of nothing but spaces counts as empty.
    person_client.post(URL, {"feeling": "3", "words": "   "})
    assert person.check_ins.order_by("-id").first().words == ""


def test_the_scale_has_words_for_every_point(person_client):
    body = person_client.get(URL).content.decode()
    assert "<legend" in body and "How are you doing?" in body
    for value, label in CheckIn.Feeling.choices:
        assert f'value="{value}"' in body
        assert str(label) in body
    assert body.count('type="radio"') == 5


def test_a_missing_feeling_is_explained(person_client, person):
    response = person_client.post(URL, {"words": "hello"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose how you are doing." in body
    assert "error-summary-heading" in body
    assert not person.check_ins.exists()
    response = person_client.post(URL, {"feeling": "9"})
    assert response.status_code == 200
    assert not person.check_ins.exists()


def test_worker_sees_new_check_ins_and_marks_one_read(worker_client, worker, person):
    check_in = record_check_in(person, feeling=1, words="Can we talk?", wants_to_talk=True)
    body = worker_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Can we talk?" in body
    assert "Would like to talk soon" in body
    assert _seen_url(person, check_in) in body
    response = worker_client.post(_seen_url(person, check_in))
    assert response.status_code == 302
    check_in.refresh_from_db()
    assert check_in.seen_by == worker and check_in.seen_at
    assert AccessEvent.objects.filter(
        person=person, actor=worker, what="your check-ins (asked for help soon)"
    ).exists()
    first_seen = check_in.seen_at
    worker_client.post(_seen_url(person, check_in))
    check_in.refresh_from_db()
    assert check_in.seen_at == first_seen


def test_caseload_counts_new_check_ins_and_talk_requests(worker_client, person):
    CheckInFactory(person=person, wants_to_talk=True)
    CheckInFactory(person=person)
    CheckInFactory(person=person, seen_at="2026-01-01T10:00:00Z")
    response = worker_client.get("/")
    erin = next(p for p in response.context["page"] if p.pk == person.pk)
    assert (erin.new_check_ins, erin.talk_requests) == (2, 1)
    body = response.content.decode()
    assert "2 new check-ins" in body
    assert "would like to talk soon" in body


def test_caseload_query_count_with_check_ins(worker_client, worker, add_to_caseload, query_count):
    for p in add_to_caseload(worker, 3):
        CheckInFactory(person=p, wants_to_talk=True)
    small = query_count(worker_client).get("/")
    for p in add_to_caseload(worker, 30):
        CheckInFactory.create_batch(2, person=p, wants_to_talk=True)
    large = query_count(worker_client).get("/")
    query_count.assert_same(small, large, "caseload with check-ins")


def test_check_ins_never_reach_other_workers(client_for, other_worker, other_supervisor, person):
    CheckInFactory(person=person, words="Only for my worker")
    for user in (other_worker, other_supervisor):
        client = client_for(user)
        assert "Only for my worker" not in client.get("/").content.decode()
        assert client.get(reverse("person_detail", args=[person.pk])).status_code == 404


def test_supervisor_reads_check_ins_but_cannot_mark_them(supervisor_client, person):
    check_in = CheckInFactory(person=person, words="Week was fine")
    body = supervisor_client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Week was fine" in body
    assert _seen_url(person, check_in) not in body
    assert supervisor_client.post(_seen_url(person, check_in)).status_code == 404
    check_in.refresh_from_db()
    assert check_in.seen_at is None


def test_it_checks_ownership_of_the_check_in(worker_client, person, other_person):
    """A check-in is reached through its person: someone else's id gives 404."""
    theirs = CheckInFactory(person=other_person)
    assert worker_client.post(_seen_url(person, theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.seen_at is None


def test_seen_is_post_only(worker_client, person):
    check_in = CheckInFactory(person=person)
    assert worker_client.get(_seen_url(person, check_in)).status_code == 405


def test_person_sees_only_their_own_check_ins(person_client, other_person):
    CheckInFactory(person=other_person, words="Frank's words")
    assert "Frank's words" not in person_client.get(URL).content.decode()


def test_overview_query_count_is_constant(worker_client, person, query_count):
    CheckInFactory(person=person)
    small = query_count(worker_client).get(reverse("person_detail", args=[person.pk]))
    CheckInFactory.create_batch(20, person=person)
    large = query_count(worker_client).get(reverse("person_detail", args=[person.pk]))
    query_count.assert_same(small, large, "overview")
