"""Inside a record: what each role that can reach it may do, by URL, role and HTTP method.

The outsider matrix (test_access_matrix.py) proves that people outside the
policy get 404. This one takes every role that *can* reach a person's record
(lead worker, co-worker, peer support worker, supervisor of the team, the
person) plus the organisation administrator, and for every record URL in the
URLconf and every HTTP method checks that the answer is exactly what the
capability table in ``casework.access`` says:

* a method the view does not declare answers 405 (reads: GET/HEAD; forms:
  GET/HEAD/POST; one-click actions: POST);
* a role whose relation lacks the view's declared need answers 404;
* a role that has it is served (never 403/404/405/5xx), and every 200 wrote a
  "viewed" access event for that person by that user.

A URL is classified by what its view declares (``access.reads``,
``access.form_page``, ``access.action``), so a new record view is covered
without editing this file. A URL that takes a person or sits under ``me/``
without declaring its need fails ``test_every_record_url_declares_its_need``;
the few URLs that are not about one person's record are listed, with reasons,
in ``NOT_RECORD_PAGES``.
"""

import datetime

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from casework import access
from casework.access import CAPABILITIES, PEER_CHOICES, READ_ONLY, Can, Relation
from casework.demo.factories import CaseAssignmentFactory, StaffMembershipFactory, UserFactory
from casework.models import AccessEvent, CaseAssignment, Person, StaffMembership, User
from casework.peer.actions import set_peer_note_sharing
from tests.casework.access.test_access_matrix import CO_EDITED_PAGES, PUBLIC, _url, app_patterns

pytestmark = pytest.mark.django_db

METHODS = ("get", "head", "post", "put", "patch", "delete", "options", "trace")

# Pages that are not about one person's record (each is covered elsewhere).
NOT_RECORD_PAGES = {
    "home": "each login's own home page; test_views.py, test_caseload.py",
    "note_search": "searches the user's own caseload; test_search.py",
    "language_suggestions": "suggestions for text being typed, no record; test_language.py",
    "overdue_alerts": "names and dates across the caseload; test_alerts.py",
    "security": "the login's own security settings; test_security_*.py",
    "two_factor_setup": "the login's own security settings",
    "two_factor_disable": "the login's own security settings",
    "two_factor_verify": "the second sign-in step",
    "recovery_codes": "the login's own recovery codes; test_security_recovery_codes.py",
    "password_change": "the login's own password",
    "sign_out_everywhere": "the login's own sessions",
    "diary": "the worker's own diary across their caseload; each row's read is logged, "
    "tests/casework/appointments/test_diary.py",
    "diary_calendar": "the worker's own calendar link; tests/casework/appointments/test_calendar.py",
    "person_add": "adding a new person, before any record exists; "
    "access.teams_that_may_add_people, tests/casework/people/test_intake.py",
    "handover_list": "names, workers and dates of handovers, no record content; "
    "access.handovers_visible_to, tests/casework/handover/test_handover_pages.py",
    "handover_new": "handing a worker's people over, names only (supervisor, org admin); "
    "access.leaving_workers_for, tests/casework/handover/test_handover_pages.py",
}
PRACTICE_PREFIX = "practice/"  # teams and workers, not records: test_practice.py


def _record_patterns():
    found = []
    for route, name, args in app_patterns():
        if name in PUBLIC or name in NOT_RECORD_PAGES or route.startswith(PRACTICE_PREFIX):
            continue
        found.append((route, name, args))
    return found


RECORD_PATTERNS = _record_patterns()
# The peer supporter twice: without any choice by the person (the default: no
# alerts, no check-ins, own notes only) and after the person has said yes to all
# (issue 17: ``capabilities`` adds ``PEER_CHOICES`` and shared notes open up).
ROLES = (
    "lead",
    "co_worker",
    "peer_support",
    "peer_support_chosen",
    "supervisor",
    "person",
    "org_admin",
)
CHOSEN = "peer_support_chosen"
RELATION_OF_ROLE = {
    "lead": Relation.LEAD,
    "co_worker": Relation.CO_WORKER,
    "peer_support": Relation.PEER_SUPPORT,
    CHOSEN: Relation.PEER_SUPPORT,
    "supervisor": Relation.SUPERVISOR,
    "person": Relation.PERSON,
    "org_admin": Relation.NONE,
}


@pytest.fixture
def insiders(person, worker, peer_worker, supervisor, org_admin, north_team):
    """One login per way of reaching ``person``'s record (alice is the lead worker)."""
    co_worker = UserFactory(username="cora")
    StaffMembershipFactory(user=co_worker, team=north_team, role=StaffMembership.Role.PRACTITIONER)
    CaseAssignmentFactory(person=person, worker=co_worker, role=CaseAssignment.Role.CO_WORKER)
    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    return {
        "lead": worker,
        "co_worker": co_worker,
        "peer_support": peer_worker,
        CHOSEN: peer_worker,
        "supervisor": supervisor,
        "person": person.user,
        "org_admin": org_admin,
    }


def _declared(url):
    view = resolve(url).func
    return getattr(view, "access_need", None), getattr(view, "access_methods", None)


def _expected_relation(route, role):
    """The relation the role has on this URL: staff URLs are not the person's, and back."""
    relation = RELATION_OF_ROLE[role]
    person_facing = route.startswith("me/")
    if person_facing != (relation == Relation.PERSON):
        return Relation.NONE
    return relation


def _expected_capabilities(route, role):
    relation = _expected_relation(route, role)
    allowed = CAPABILITIES[relation]
    if role == CHOSEN and relation == Relation.PEER_SUPPORT:
        allowed = allowed | set(PEER_CHOICES.values())
    return allowed


def _choose_for(role, person):
    """The person says yes to everything for their peer supporter (the "chosen" role)."""
    if role == CHOSEN:
        set_peer_note_sharing(person, person.user, allow=True, alerts=True, check_ins=True)


def _allowed(route, args, role, need):
    relation = _expected_relation(route, role)
    if need not in _expected_capabilities(route, role):
        return False
    # The note in the fixtures is alice's, and shared: a peer supporter reads another
    # worker's note only when the person allows it (off by default) and never changes
    # it. The note rules themselves are tested in test_peer_support.py.
    if relation == Relation.PEER_SUPPORT and "note_id" in args:
        return role == CHOSEN and need == Can.READ
    return True


def _call(client, method, url):
    if method == "post":
        return client.post(url, {})
    return getattr(client, method)(url)


def test_there_are_record_urls_to_check():
    assert len(RECORD_PATTERNS) > 60


def test_every_record_url_declares_its_need(record_kwargs):
    undeclared = []
    for _route, name, args in RECORD_PATTERNS:
        need, methods = _declared(_url(name, args, record_kwargs))
        if need is None or not methods:
            undeclared.append(name)
    assert not undeclared, (
        "These URLs reach a record but their views do not declare what they need "
        "(access.reads / form_page / action), or are not listed in NOT_RECORD_PAGES: "
        f"{undeclared}"
    )


def test_the_capability_table_names_every_relation_and_stays_least_privilege():
    assert set(CAPABILITIES) == set(Relation)
    assert CAPABILITIES[Relation.NONE] == frozenset()
    # Issue 21: the one change a supervisor makes is who works with the person (handover).
    assert CAPABILITIES[Relation.SUPERVISOR] - access.WHO_WORKS_WITH_THEM <= READ_ONLY
    assert [r for r in Relation if Can.HAND_OVER in CAPABILITIES[r]] == [Relation.SUPERVISOR]
    assert Can.READ_HANDOVER not in CAPABILITIES[Relation.PEER_SUPPORT]
    # Finding 3: only the lead worker manages the person's account.
    assert [r for r in Relation if Can.MANAGE_ACCOUNT in CAPABILITIES[r]] == [Relation.LEAD]
    # Finding 4, and issue 17: peer supporters read alerts and check-ins only as the
    # person chooses (not in the table), and never change them.
    peer = CAPABILITIES[Relation.PEER_SUPPORT]
    assert not {Can.READ_ALERTS, Can.READ_CHECK_INS} & peer
    assert set(PEER_CHOICES.values()) == {Can.READ_ALERTS, Can.READ_CHECK_INS}
    assert (
        not {
            Can.MANAGE_ALERTS,
            Can.ACK_CHECK_INS,
            Can.RECORD_PEER_CHOICE,
            Can.RECORD_CIRCLE_CHOICE,
        }
        & peer
    )
    # The profile: lead and co-worker change it, the person changes their own fields.
    assert [r for r in Relation if Can.EDIT_PROFILE in CAPABILITIES[r]] == [
        Relation.LEAD,
        Relation.CO_WORKER,
    ]
    assert [r for r in Relation if Can.EDIT_MY_PROFILE in CAPABILITIES[r]] == [Relation.PERSON]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("route", "name", "args"), RECORD_PATTERNS, ids=[p[1] for p in RECORD_PATTERNS]
)
def test_inside_the_record(route, name, args, role, record_kwargs, insiders, person, client_for):
    url = _url(name, args, record_kwargs)
    need, methods = _declared(url)
    assert need is not None, f"{name} declares no need: see test_every_record_url_declares_its_need"
    user = insiders[role]
    _choose_for(role, person)
    client = client_for(user)
    allowed = _allowed(route, args, role, need)
    # POST last: it may change what the other methods would find (archive, switch off).
    for method in sorted(METHODS, key=lambda m: m == "post"):
        before = AccessEvent.objects.filter(person=person, actor=user).count()
        response = _call(client, method, url)
        status = response.status_code
        where = f"{role} {method.upper()} {url}"
        if method.upper() not in methods:
            assert status == 405, f"{where}: not offered, expected 405, got {status}"
        elif not allowed:
            assert status == 404, f"{where}: the capability table says no, got {status}"
        else:
            assert status < 500 and status not in (403, 404, 405), f"{where}: got {status}"
            if status == 200:
                viewed = AccessEvent.objects.filter(
                    person=person, actor=user, action=AccessEvent.Action.VIEWED
                )
                assert AccessEvent.objects.filter(person=person, actor=user).count() > before, (
                    f"{where}: showed the record without an access event"
                )
                assert viewed.exists(), f"{where}: no 'viewed' event"
        # Undo a change that would sign this login out (switching the account off).
        User.objects.filter(pk=person.user_id).update(is_active=True)


# --- The findings of the insider-access issue, one named test each --------------------------


def test_finding_1_other_methods_get_no_content_and_every_read_is_logged(
    person, withheld_note, supervisor, client_for
):
    client = client_for(supervisor)
    url = reverse("note_detail", args=[person.pk, withheld_note.pk])
    for method in ("options", "post", "trace", "put"):
        response = _call(client, method, url)
        assert response.status_code == 405
        assert withheld_note.talked_about.encode() not in response.content
    assert not AccessEvent.objects.filter(actor=supervisor).exists()
    assert client.get(url).status_code == 200
    assert AccessEvent.objects.filter(actor=supervisor, action="viewed").count() == 1


def test_finding_1_a_post_that_shows_the_record_is_logged(person, worker, client_for):
    # An invalid form posted back shows the record again: that is a read.
    response = client_for(worker).post(reverse("strengths:goal_add", args=[person.pk]), {})
    assert response.status_code == 200
    assert AccessEvent.objects.filter(actor=worker, person=person, action="viewed").exists()


@pytest.mark.parametrize("role", ["co_worker", "peer_support", "supervisor"])
def test_finding_3_only_the_lead_worker_manages_the_account(role, person, insiders, client_for):
    client = client_for(insiders[role])
    for name in ("invite_person", "deactivate_account"):
        assert client.post(reverse(name, args=[person.pk]), {}).status_code == 404
    person.user.refresh_from_db()
    assert person.user.is_active
    assert not person.invitations.exists()


def test_finding_4_a_peer_supporter_reads_alerts_only_as_chosen_and_cannot_change_them(
    person, insiders, record_kwargs, client_for
):
    client = client_for(insiders["peer_support"])
    alert_id, response_id = record_kwargs["alert_id"], record_kwargs["response_id"]
    assert client.get(reverse("alert_detail", args=[person.pk, alert_id])).status_code == 404
    set_peer_note_sharing(person, person.user, allow=False, alerts=True, check_ins=True)
    assert client.get(reverse("alert_detail", args=[person.pk, alert_id])).status_code == 200
    for url in (
        reverse("alert_add", args=[person.pk]),
        reverse("alert_review", args=[person.pk, alert_id]),
        reverse("alert_mark_told", args=[person.pk, alert_id]),
        reverse("alert_reply", args=[person.pk, alert_id, response_id]),
        reverse("check_in_seen", args=[person.pk, record_kwargs["checkin_id"]]),
    ):
        assert client.post(url, {"outcome": "end", "note": "x", "reply": "x"}).status_code == 404
        assert client.get(url).status_code in (404, 405)
    assert not person.check_ins.filter(seen_at__isnull=False).exists()
    assert not AccessEvent.objects.filter(actor=insiders["peer_support"], action="changed").exists()


def _close(person, days_ago=400):
    Person.objects.filter(pk=person.pk).update(
        status=Person.Status.CLOSED, closed_on=timezone.localdate() - datetime.timedelta(days_ago)
    )


@pytest.mark.parametrize(
    ("route", "name", "args"), RECORD_PATTERNS, ids=[p[1] for p in RECORD_PATTERNS]
)
def test_finding_6_a_closed_case_is_read_only_for_everyone(
    route, name, args, record_kwargs, insiders, person, client_for
):
    """Every change on a closed case is refused, for staff and the person, on every URL."""
    url = _url(name, args, record_kwargs)
    need, methods = _declared(url)
    if need in READ_ONLY or "POST" not in methods:
        return
    # Recently closed: the person still reads their record online, but changes nothing.
    _close(person, days_ago=30)
    changes = AccessEvent.objects.filter(action=AccessEvent.Action.CHANGED)
    for role in ROLES:
        user = insiders[role]
        _choose_for(role, person)  # the person's own change, logged before we count
        before = changes.count()
        response = client_for(user).post(url, {"text": "x", "feeling": 4, "wording": "x"})
        # The relation may make this change on an open case; closed, it says why (403).
        expected = {403} if need in _expected_capabilities(route, role) else {404}
        assert response.status_code in expected, f"{role} POST {url}: {response.status_code}"
        assert changes.count() == before, f"{role} POST {url} changed the closed record"


def test_finding_6_the_person_cannot_edit_their_plan_or_answer_alerts_when_closed(
    person, plan_section, record_kwargs, person_client
):
    _close(person, days_ago=36)  # still online: the person reads, but changes nothing
    text_before = plan_section.text
    response = person_client.post(
        reverse("me_plan_section_edit", args=[plan_section.pk]),
        {"heading": "Mine", "text": "changed", "version": plan_section.version},
    )
    assert response.status_code == 403
    assert "Support has ended" in response.content.decode()
    plan_section.refresh_from_db()
    assert plan_section.text == text_before
    response = person_client.post(
        reverse("my_alert_respond", args=[record_kwargs["alert_id"]]),
        {f"alert-{record_kwargs['alert_id']}-text": "I see it differently."},
    )
    assert response.status_code == 403
    assert not person.alerts.get().responses.filter(text="I see it differently.").exists()
    # Still readable.
    assert person_client.get(reverse("me_plan")).status_code == 200
    assert person_client.get(reverse("my_alerts")).status_code == 200


def test_who_can_see_my_record_lists_what_each_role_may_do(person, insiders):
    words = {v.relation: " ".join(v.in_plain_words()) for v in access.who_can_see(person)}
    assert "make a new sign-in link" in words[Relation.LEAD]
    assert "make a new sign-in link" not in words[Relation.CO_WORKER]
    assert "Cannot read the alerts on your record." in words[Relation.PEER_SUPPORT]
    assert "Cannot change anything" in words[Relation.SUPERVISOR]


def test_co_edited_pages_and_goal_history_are_in_the_matrix():
    """Issue 19: goal history, and the edit URLs that answer with the conflict page."""
    assert {name for _route, name, _args in RECORD_PATTERNS} >= CO_EDITED_PAGES
