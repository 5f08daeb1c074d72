"""The record as focused pages: the sub-navigation, the short overview, and each page's budget."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import (
    AlertFactory,
    AlertResponseFactory,
    CheckInFactory,
    GoalFactory,
    SessionNoteFactory,
    SetbackFactory,
    SignificantOtherFactory,
    StrengthFactory,
)
from casework.notes.feedback import request_correction
from casework.peer.actions import set_peer_note_sharing
from casework.record.navigation import ITEMS, record_links
from strengths.models import Goal

pytestmark = pytest.mark.django_db

# Every page of the record that carries the sub-navigation, by its item key.
PAGES = {
    "overview": "person_detail",
    "sessions": "note_list",
    "plan": "plan",
    "goals": "record_goals",
    "strengths": "record_strengths",
    "journey": "strengths:journey",
    "alerts": "alert_list",
    "account": "record_account",
}
QUERY_BUDGET = 15


def _get(client, name, person):
    response = client.get(reverse(name, args=[person.pk]))
    assert response.status_code == 200, name
    return response.content.decode()


def _nav(body):
    found = re.search(r'<nav class="record-nav[^"]*" aria-label="([^"]+)">(.*?)</nav>', body, re.S)
    assert found, "no record sub-navigation"
    return found.group(1), found.group(2)


def _nav_labels(body):
    return re.findall(r'class="record-nav-link"[^>]*>([^<]+)</a>', _nav(body)[1])


# --- The sub-navigation -------------------------------------------------------------


def test_every_record_page_marks_itself_current_in_one_nav(worker_client, person, plan):
    for key, name in PAGES.items():
        body = _get(worker_client, name, person)
        label, nav = _nav(body)
        assert label == "Record of Erin"
        assert body.count('class="record-nav ') == 1, name
        current = re.findall(r'href="([^"]+)" aria-current="page"', nav)
        assert current == [reverse(name, args=[person.pk])], (key, current)


def test_the_lead_worker_sees_every_item_in_order(worker_client, person):
    labels = _nav_labels(_get(worker_client, "person_detail", person))
    assert labels == [
        "Overview",
        "Sessions",
        "Appointments",
        "Plan",
        "Goals",
        "Strengths &amp; circle",
        "Journey",
        "Alerts",
        "Account",
    ]


def test_items_the_viewer_may_not_use_are_not_shown(client_for, person, peer_worker):
    from casework.demo.factories import CaseAssignmentFactory
    from casework.models import CaseAssignment

    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    client = client_for(peer_worker)
    assert "Alerts" not in _nav_labels(_get(client, "person_detail", person))
    # The person chooses to let their peer supporter read alerts: the item appears.
    set_peer_note_sharing(person, person.user, allow=False, alerts=True, check_ins=False)
    assert "Alerts" in _nav_labels(_get(client, "person_detail", person))


def test_the_items_come_from_capabilities(person, worker, supervisor, org_admin):
    keys = [link.key for link in record_links(worker, person, "goals")]
    assert keys == [item.key for item in ITEMS]
    assert [link.key for link in record_links(worker, person, "goals") if link.current] == ["goals"]
    assert "alerts" in [link.key for link in record_links(supervisor, person)]
    assert record_links(org_admin, person) == []


# --- The overview: what to know before seeing the person today ------------------------


def test_overview_is_short_and_renders_nothing_it_does_not_show(
    worker_client, worker, person, story_of
):
    story_of(person, 3, worker)
    body = _get(worker_client, "person_detail", person)
    for gone in (
        'id="strengths-heading"',
        'id="circle-heading"',
        'id="setbacks-heading"',
        'id="archived-heading"',
        'id="account-heading"',
        'id="workers-heading"',
        'name="talked_about"',  # the note form lives on its own page
    ):
        assert gone not in body, gone
    assert f'href="{reverse("note_create", args=[person.pk])}"' in body


def test_overview_answers_what_to_know_today(worker_client, worker, person):
    AlertFactory(person=person, wording="Please ring the bell twice", added_by=worker)
    GoalFactory(person=person, in_their_words="Walk the canal path", created_by=worker)
    GoalFactory(
        person=person,
        in_their_words="Learn to sail",
        horizon=Goal.Horizon.ONE_DAY,
        created_by=worker,
    )
    next_on = timezone.localdate() + datetime.timedelta(days=10)
    SessionNoteFactory(
        person=person,
        author=worker,
        going_well="Sleeping better since the new routine",
        next_contact_on=next_on,
    )
    body = _get(worker_client, "person_detail", person)
    assert "Please ring the bell twice" in body  # things to know
    assert "I like gardening" in body  # about me
    assert "Walk the canal path" in body and "Learn to sail" not in body  # working on now
    assert next_on.strftime("%-d %B %Y") in body  # next contact
    assert "Sleeping better since the new routine" in body  # latest going well
    assert "Nothing is waiting for an answer." in body


def test_overview_lists_open_requests(worker_client, worker, person, note):
    CheckInFactory(person=person, words="Rough night, can we talk", wants_to_talk=True)
    CheckInFactory(person=person, words="Already seen", seen_at=timezone.now(), seen_by=worker)
    request_correction(person.user, note, what_is_wrong="I said Tuesday, not Monday")
    response = AlertResponseFactory(alert=AlertFactory(person=person, added_by=worker))
    body = _get(worker_client, "person_detail", person)
    assert "Rough night, can we talk" in body and "Already seen" not in body
    assert reverse("note_detail", args=[person.pk, note.pk]) in body
    assert reverse("alert_detail", args=[person.pk, response.alert.pk]) in body
    assert "Nothing is waiting for an answer." not in body


def test_overview_reads_only_the_open_request_lists_with_something_in_them(
    worker_client, person, note
):
    """One query asks whether anything is waiting (open requests, things to know, a handover);
    each list with a row adds one query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def statements():
        with CaptureQueriesContext(connection) as captured:
            _get(worker_client, "person_detail", person)
        return len(captured)

    nothing_waiting = statements()
    request_correction(person.user, note, what_is_wrong="I said Tuesday, not Monday")
    assert statements() == nothing_waiting + 1
    CheckInFactory(person=person, words="Can we talk")
    AlertResponseFactory(alert=AlertFactory(person=person))  # a thing to know, with a response
    assert statements() == nothing_waiting + 4


def test_overview_shows_only_requests_the_viewer_may_read(client_for, person, peer_worker):
    from casework.demo.factories import CaseAssignmentFactory
    from casework.models import CaseAssignment

    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    CheckInFactory(person=person, words="For my lead worker only")
    AlertResponseFactory(alert=AlertFactory(person=person, wording="Call before visiting"))
    body = _get(client_for(peer_worker), "person_detail", person)
    assert "For my lead worker only" not in body
    assert "Call before visiting" not in body


def test_more_open_requests_than_shown_link_to_their_page(worker_client, person):
    CheckInFactory.create_batch(7, person=person)
    body = _get(worker_client, "person_detail", person)
    assert body.count("I have seen this<span") == 5
    assert f"{reverse('note_list', args=[person.pk])}#check-ins" in body


# --- The focused pages hold what left the overview --------------------------------


def test_sessions_page_holds_the_timeline_and_every_recent_check_in(worker_client, worker, person):
    SessionNoteFactory(person=person, author=worker, talked_about="Talked about the allotment")
    CheckInFactory(person=person, words="Seen already", seen_at=timezone.now(), seen_by=worker)
    body = _get(worker_client, "note_list", person)
    assert "Talked about the allotment" in body
    assert "Seen already" in body and "Seen by" in body
    assert f'href="{reverse("note_create", args=[person.pk])}"' in body


def test_goals_page_holds_goals_setbacks_and_their_archive(worker_client, worker, person):
    GoalFactory(person=person, in_their_words="Get my bike fixed", created_by=worker)
    SetbackFactory(person=person, what_helped="Phoning my sister", created_by=worker)
    GoalFactory(
        person=person,
        in_their_words="An old goal put away",
        archived_at=timezone.now(),
        archived_by=worker,
    )
    body = _get(worker_client, "record_goals", person)
    assert "Get my bike fixed" in body and "Phoning my sister" in body
    assert "An old goal put away" in body and 'id="archived-heading"' in body
    assert 'id="strengths-heading"' not in body


def test_strengths_page_holds_strengths_circle_and_their_archive(worker_client, worker, person):
    StrengthFactory(person=person, description="Patient with people", created_by=worker)
    SignificantOtherFactory(person=person, name="Gran", created_by=worker)
    StrengthFactory(
        person=person,
        description="A strength put away",
        archived_at=timezone.now(),
        archived_by=worker,
    )
    body = _get(worker_client, "record_strengths", person)
    assert "Patient with people" in body and "Gran" in body
    assert "A strength put away" in body
    assert 'id="goals-heading"' not in body


def test_account_page_holds_details_workers_and_the_account(worker_client, worker, person):
    body = _get(worker_client, "record_account", person)
    assert "Erin Example" in body
    assert worker.display_name() in body
    assert reverse("invite_person", args=[person.pk]) in body


def test_supervisor_reads_the_account_page_without_its_forms(supervisor_client, person):
    body = _get(supervisor_client, "record_account", person)
    assert "Erin Example" in body
    assert reverse("invite_person", args=[person.pk]) not in body


# --- Each page's budget: at most 15 queries, the same as rows grow ------------------


def _fill(person, worker, n, story_of, add_notes):
    story_of(person, n, worker)
    add_notes(person, n)
    for note in person.notes.all()[:n]:
        request_correction(person.user, note, what_is_wrong="Not quite right")
    CheckInFactory.create_batch(n, person=person)
    for _ in range(n):
        AlertResponseFactory(alert=AlertFactory(person=person, added_by=worker))
    for item in (
        GoalFactory(person=person, created_by=worker),
        StrengthFactory(person=person, created_by=worker),
    ):
        item.archived_at = timezone.now()
        item.archived_by = worker
        item.save()


@pytest.mark.parametrize("key", list(PAGES))
def test_each_record_page_keeps_its_query_budget(
    key, worker_client, worker, person, plan, story_of, add_notes, query_count
):
    url = reverse(PAGES[key], args=[person.pk])
    _fill(person, worker, 2, story_of, add_notes)
    small = query_count(worker_client).get(url)
    _fill(person, worker, 25, story_of, add_notes)
    large = query_count(worker_client).get(url)
    query_count.assert_same(small, large, key)
    assert len(large) <= QUERY_BUDGET, f"{key}: {len(large)} queries"


# --- Changes go back to the page that shows them --------------------------------------


def test_archive_and_restore_go_back_to_the_page_of_their_kind(worker_client, worker, person):
    goal = GoalFactory(person=person, created_by=worker)
    member = SignificantOtherFactory(person=person, created_by=worker)
    goals = reverse("record_goals", args=[person.pk])
    strengths = reverse("record_strengths", args=[person.pk])
    cases = [
        ("strengths:goal_archive", goal, f"{goals}#archived-section"),
        ("strengths:goal_restore", goal, f"{goals}#goals-section"),
        ("strengths:member_archive", member, f"{strengths}#archived-section"),
        ("strengths:member_restore", member, f"{strengths}#circle-section"),
    ]
    for name, item, expected in cases:
        response = worker_client.post(reverse(name, args=[person.pk, item.pk]))
        assert response["Location"] == expected, name


def test_an_htmx_change_re_renders_the_section_of_its_page(worker_client, person):
    url = reverse("strengths:setback_add", args=[person.pk])
    response = worker_client.post(
        url,
        {
            "happened_on": timezone.localdate().isoformat(),
            "what_happened": "A hard week after the move",
            "what_helped": "Phoning my sister",
        },
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="setbacks-section"' in body and "<html" not in body
    assert "Phoning my sister" in body


def test_recording_a_session_is_one_click_from_the_caseload(worker_client, person):
    body = worker_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("note_create", args=[person.pk])}"' in body


def test_a_peer_supporters_overview_keeps_the_budget(
    client_for, worker, peer_worker, person, story_of, add_notes, query_count
):
    """Their capabilities read the person's choice, once per ask: still within budget."""
    from casework.demo.factories import CaseAssignmentFactory
    from casework.models import CaseAssignment

    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    set_peer_note_sharing(person, person.user, allow=True, alerts=True, check_ins=True)
    client = client_for(peer_worker)
    url = reverse("person_detail", args=[person.pk])
    _fill(person, worker, 2, story_of, add_notes)
    small = query_count(client).get(url)
    _fill(person, worker, 25, story_of, add_notes)
    large = query_count(client).get(url)
    query_count.assert_same(small, large, "peer overview")
    assert len(large) <= QUERY_BUDGET, f"peer overview: {len(large)} queries"
