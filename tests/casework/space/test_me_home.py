"""The person's home page, what's new since their last visit, and closed cases."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.access import acting_role, record_access
from casework.demo.factories import SessionNoteFactory
from casework.models import AccessEvent, Person
from casework.space import whats_new

pytestmark = pytest.mark.django_db

ME_PAGES = ["me_home", "me_access_log", "me_download", "me_check_in"]


def test_home_shows_my_words_appointment_and_links(person_client):
    for url in ("/", reverse("me_home")):
        response = person_client.get(url)
        body = response.content.decode()
        assert "Hello, Erin" in body
        assert "I like gardening" in body
        assert "Your worker will add your next appointment here" in body
        assert "What does this mean?" in body
        for name in ("me_check_in", "me_access_log", "me_download"):
            assert f'href="{reverse(name)}"' in body


def test_every_page_of_my_space_has_a_help_line_and_one_h1(person_client):
    for name in ME_PAGES:
        body = person_client.get(reverse(name)).content.decode()
        assert "What does this mean?" in body, name
        assert body.count("<h1") == 1, name


def test_first_visit_shows_recent_changes_by_others(person_client, person, worker):
    record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    body = person_client.get(reverse("me_home")).content.decode()
    assert "Recent changes" in body
    assert f"{worker.display_name()}, lead worker, looked at your overview" in body
    assert "You looked at" not in body


def test_new_since_last_visit(client_for, person, worker, supervisor):
    first = client_for(person.user)
    first.get(reverse("me_home"))
    person.refresh_from_db()
    assert person.last_seen_at is not None
    # A reload in the same sign-in keeps the same list.
    first.get(reverse("me_home"))
    record_access(supervisor, person, AccessEvent.Action.VIEWED, "their overview")
    later = client_for(person.user)  # a new sign-in
    body = later.get(reverse("me_home")).content.decode()
    assert "New since your last visit" in body
    assert f"{supervisor.display_name()}, supervisor (read only), looked at your overview" in body
    # Things from before the last visit are not "new".
    Person.objects.filter(pk=person.pk).update(last_seen_at=timezone.now())
    fresh = client_for(person.user).get(reverse("me_home"))
    assert fresh.context["whats_new"] == []
    assert "Nothing new since your last visit" in fresh.content.decode()


def test_whats_new_has_a_registry_of_sources(person, worker, monkeypatch):
    now = timezone.now()
    item = whats_new.NewItem(at=now + datetime.timedelta(seconds=1), text="A note was shared")
    monkeypatch.setattr(whats_new, "SOURCES", [*whats_new.SOURCES, lambda p, since, n: [item]])
    record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    items = whats_new.whats_new(person, None)
    assert items[0] == item
    assert len(items) == 2


def test_home_query_count_is_constant(client_for, person, worker, query_count):
    for _ in range(3):
        record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    small = query_count(client_for(person.user)).get(reverse("me_home"))
    for _ in range(100):
        record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    Person.objects.filter(pk=person.pk).update(last_seen_at=None)
    large = query_count(client_for(person.user)).get(reverse("me_home"))
    query_count.assert_same(small, large, "my home")


@pytest.mark.parametrize("name", ME_PAGES + ["me_download_json"])
def test_staff_and_admins_get_404_on_my_space(client_for, worker, supervisor, org_admin, name):
    for user in (worker, supervisor, org_admin):
        assert client_for(user).get(reverse(name)).status_code == 404


# A closed case: read only for a year, then "ask for a copy".


def _close(person, days_ago):
    person.status = Person.Status.CLOSED
    person.closed_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    person.save()


def test_closed_case_stays_readable_for_a_year(person_client, person):
    _close(person, days_ago=364)
    body = person_client.get(reverse("me_home")).content.decode()
    assert "Your support has ended" in body
    until = person.closed_on + datetime.timedelta(days=365)
    assert until.strftime("%-d %B %Y") in body
    for name in ("me_access_log", "me_download", "me_download_json"):
        assert person_client.get(reverse(name)).status_code == 200
    check_in = person_client.get(reverse("me_check_in"))
    assert "you cannot send new check-ins" in check_in.content.decode()
    assert 'name="feeling"' not in check_in.content.decode()
    person_client.post(reverse("me_check_in"), {"feeling": 4})
    assert not person.check_ins.exists()


def test_after_a_year_the_record_is_no_longer_online(person_client, person):
    _close(person, days_ago=366)
    # Signing in still works; every page says how to ask for a copy.
    for name in ME_PAGES + ["me_download_json"]:
        response = person_client.get(reverse(name))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Your record is no longer online" in body, name
        assert "How to ask for a copy" in body
        assert "I like gardening" not in body
        assert "attachment" not in response.get("Content-Disposition", "")


def test_closed_without_a_date_counts_from_today(person):
    person.status = Person.Status.CLOSED
    assert person.record_online()
    assert person.online_until() == timezone.localdate() + datetime.timedelta(days=365)


# "New since your last visit": repeated looks grouped by who, what and day (issue 21).


def _looks(user, person, what, times, days_ago=0):
    at = timezone.now() - datetime.timedelta(days=days_ago)
    for _ in range(times):
        AccessEvent.objects.create(
            person=person,
            actor=user,
            action=AccessEvent.Action.VIEWED,
            what=what,
            acting_role=acting_role(user, person),
            at=at,
        )


def _new_texts(person):
    return [item.text for item in whats_new.whats_new(person, None, limit=20)]


def test_repeated_looks_are_one_line_with_a_count(person, worker, supervisor):
    _looks(supervisor, person, "a session note", 4)
    _looks(worker, person, "their overview", 1)
    texts = _new_texts(person)
    assert (
        f"{supervisor.display_name()}, supervisor (read only), looked at session notes 4 times today"
        in texts
    )
    assert f"{worker.display_name()}, lead worker, looked at your overview" in texts
    assert len(texts) == 2


def test_looks_on_different_days_or_by_different_people_stay_apart(person, worker, supervisor):
    _looks(worker, person, "their overview", 2)
    _looks(worker, person, "their overview", 3, days_ago=1)
    _looks(supervisor, person, "their overview", 2)
    texts = _new_texts(person)
    assert f"{worker.display_name()}, lead worker, looked at your overview 2 times today" in texts
    assert (
        f"{worker.display_name()}, lead worker, looked at your overview 3 times yesterday" in texts
    )
    assert (
        f"{supervisor.display_name()}, supervisor (read only), looked at your overview 2 times today"
        in texts
    )


def test_each_look_is_still_in_the_full_log(person_client, person, worker):
    _looks(worker, person, "a session note", 5)
    home = person_client.get(reverse("me_home")).content.decode()
    assert "looked at session notes 5 times today" in home
    assert f'href="{reverse("me_access_log")}"' in home
    log = person_client.get(reverse("me_access_log")).content.decode()
    assert log.count("looked at a session note") == 5


def test_grouping_reads_in_one_query_at_any_size(person, worker, django_assert_num_queries):
    _looks(worker, person, "a session note", 2)
    with django_assert_num_queries(1):
        small = whats_new.access_by_others(person, None, 8)
    for days in range(12):
        _looks(worker, person, "a session note", 3, days_ago=days)
    with django_assert_num_queries(1):
        large = whats_new.access_by_others(person, None, 8)
    assert len(small) == 1 and len(large) == 8


def test_a_return_visit_reads_only_the_sources_with_something_new(
    person, worker, django_assert_num_queries
):
    since = timezone.now()
    # Nothing new since the last visit: one query asks every source at once.
    with django_assert_num_queries(1):
        assert whats_new.whats_new(person, since) == []
    _looks(worker, person, "their overview", 1)
    SessionNoteFactory(person=person, author=worker, withheld_reason="")
    # Two sources with news: the question, then each of the two.
    with django_assert_num_queries(3):
        texts = [item.text for item in whats_new.whats_new(person, since)]
    assert f"{worker.display_name()}, lead worker, looked at your overview" in texts
    assert any("wrote a note about your meeting" in text for text in texts)
    assert len(texts) == 2


def test_a_first_visit_reads_every_source_without_asking_first(person, django_assert_num_queries):
    with django_assert_num_queries(len(whats_new.SOURCES)):
        whats_new.whats_new(person, None)
