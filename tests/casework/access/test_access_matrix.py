"""Every URL that takes a record id, opened by every role the policy keeps out.

The URLconf is enumerated, so a new URL is covered the moment it is added.
Outsiders try every method (GET, POST, PUT, PATCH, DELETE): each must answer
404 (refused, as if missing) or 405 (not offered), never a page or a redirect. To
exercise it, the test needs a value for each of its id arguments: add one to
the ``record_kwargs`` fixture (tests/conftest.py) when you add a new kind of record. A URL whose
arguments cannot be filled fails here rather than being skipped.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from casework.access import CAPABILITIES, Relation
from casework.models import User

pytestmark = pytest.mark.django_db

# URLs anyone may open without signing in. ``activate_account`` takes a one-time
# token, not a record id: tests/casework/accounts/test_me_accounts.py covers it.
# ``activate_account_form`` is the same link's next step, where the token waits in
# the session rather than the URL (Django's password-reset pattern); without a
# usable token there it shows only "This link does not work any more".
# ``calendar_feed`` is a private calendar subscription opened by a calendar app with no
# session: its token is the key (tests/casework/appointments/test_calendar.py).
PUBLIC = {
    "login",
    "healthz",
    "logout",
    "activate_account",
    "activate_account_form",
    "calendar_feed",
    "set_language",
}
# Person-facing URLs: only the person themself may reach them.
PERSON_FACING_PREFIX = "me/"
# Practice review (issue 8): URLs about a team or a worker, not a person's record.
# Their owner is the team's supervisor, and the worker they are about is an outsider
# too. ``practice/me/`` is each staff member's own practice: its argument is an
# indicator name, not a record id, so other staff reach their *own* figures there
# (tests/casework/practice/test_practice.py checks those are only their own); people and
# administrators are refused.
SUPERVISOR_OWNED_PREFIX = "practice/"
SELF_SCOPED_PREFIX = "practice/me/"
# Besides the method that reaches a view, outsiders also try these.
OTHER_METHODS = {"post", "put", "patch", "delete"}


def iter_patterns(resolver=None, prefix="", namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from iter_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry, namespace


def app_patterns():
    """(route, url name, argument names) for every non-admin, non-static pattern."""
    found = []
    for route, pattern, namespace in iter_patterns():
        if namespace == "admin" or route.startswith("static"):
            continue
        assert pattern.name, f"URL {route!r} needs a name so the access matrix can reverse it"
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        converters = getattr(pattern.pattern, "converters", {})
        found.append((route, name, sorted(converters)))
    return found


ID_PATTERNS = [p for p in app_patterns() if p[2] and p[1] not in PUBLIC]


def _url(name, arg_names, record_kwargs):
    missing = [a for a in arg_names if a not in record_kwargs]
    if missing:
        pytest.fail(
            f"URL {name!r} takes {missing}; add them to the record_kwargs fixture in tests/conftest.py "
            "so the access matrix can exercise it."
        )
    return reverse(name, kwargs={a: record_kwargs[a] for a in arg_names})


def _method_that_reaches(client, url):
    """GET, or POST for POST-only views (GET answered 405)."""
    response = client.get(url)
    if response.status_code == 405:
        return "post", client.post(url, {})
    return "get", response


def test_the_matrix_is_not_empty():
    assert ID_PATTERNS, "no id-bearing URL found: is the URLconf enumeration broken?"


def test_every_url_with_arguments_is_in_the_matrix_or_public():
    for route, name, arg_names in app_patterns():
        if arg_names and name not in PUBLIC:
            assert (route, name, arg_names) in ID_PATTERNS, name
    public_with_args = {p[1] for p in app_patterns() if p[2] and p[1] in PUBLIC}
    assert public_with_args == {"activate_account", "calendar_feed"}, (
        "a new public URL takes arguments: review it"
    )


@pytest.mark.parametrize(
    ("route", "name", "arg_names"), ID_PATTERNS, ids=[p[1] for p in ID_PATTERNS]
)
def test_roles_outside_the_policy_get_404(
    route,
    name,
    arg_names,
    record_kwargs,
    person,
    other_person,
    worker,
    other_worker,
    former_worker,
    other_supervisor,
    supervisor,
    org_admin,
    client_for,
):
    url = _url(name, arg_names, record_kwargs)
    person_facing = route.startswith(PERSON_FACING_PREFIX)
    self_scoped = route.startswith(SELF_SCOPED_PREFIX)
    supervisor_owned = route.startswith(SUPERVISOR_OWNED_PREFIX) and not self_scoped
    if person_facing:
        owner = person.user
    elif supervisor_owned:
        owner = supervisor
    else:
        owner = worker
    method, response = _method_that_reaches(client_for(owner), url)
    # A positive control: if the owner cannot reach it either, the 404s below prove nothing.
    assert response.status_code in (200, 302, 303), (
        f"{url}: the owner ({owner}) got {response.status_code}"
    )
    if response.status_code != 200:
        assert not response["Location"].startswith(reverse("login")), (
            f"{url}: owner sent to sign in"
        )
    # Undo an owner's action that would sign the test logins out (switching off
    # the person's account), so the outsiders below are checked as themselves.
    User.objects.filter(pk=person.user_id).update(is_active=True)

    outsiders = {
        "another worker": other_worker,
        "a worker whose assignment has ended": former_worker,
        "a supervisor of another team": other_supervisor,
        "the organisation administrator": org_admin,
        "another person": other_person.user,
    }
    if not person_facing:
        outsiders["the person's own account"] = person.user
    if supervisor_owned:
        outsiders["the worker it is about"] = worker
    if self_scoped:
        # Staff reach their own figures here; only people and administrators are outsiders.
        for label in (
            "another worker",
            "a worker whose assignment has ended",
            "a supervisor of another team",
        ):
            del outsiders[label]
    for label, user in outsiders.items():
        client = client_for(user)
        response = getattr(client, method)(url, {} if method == "post" else None)
        assert response.status_code == 404, f"{label} got {response.status_code} on {method} {url}"
        # Every other way of asking: refused (404) or not offered (405), never served.
        for other in OTHER_METHODS - {method}:
            response = getattr(client, other)(url, *([{}] if other == "post" else []))
            assert response.status_code in (404, 405), (
                f"{label} got {response.status_code} on {other} {url}"
            )


@pytest.mark.parametrize(
    ("route", "name", "arg_names"), app_patterns(), ids=[p[1] for p in app_patterns()]
)
def test_anonymous_visitors_are_sent_to_sign_in(route, name, arg_names, client, record_kwargs):
    if name in PUBLIC:
        return
    url = _url(name, arg_names, record_kwargs)
    for method in ("get", "post", "put", "patch", "delete"):
        response = getattr(client, method)(url)
        if response.status_code == 405:
            # Not offered at all (a view open to the signed-out draft rescue checks
            # methods before sign-in): refused without reaching anything.
            assert method.upper() not in ("GET", "POST"), f"anonymous {method} {url} got 405"
            continue
        assert response.status_code == 302, f"anonymous {method} {url} got {response.status_code}"
        assert response["Location"].startswith(reverse("login")), response["Location"]


def test_public_urls_are_only_login_health_logout_and_activation(client):
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("login")).status_code == 200
    bogus = client.get(reverse("activate_account", args=["not-a-real-token"]))
    assert bogus.status_code == 200
    assert "This link does not work any more" in bogus.content.decode()
    no_link = client.get(reverse("activate_account_form"))
    assert no_link.status_code == 200
    assert "This link does not work any more" in no_link.content.decode()


# Pages about one person's record, as staff reach it. Practice review pages are
# about staff (covered above and in test_practice.py), not a person's record.
STAFF_ID_PATTERNS = [
    p
    for p in ID_PATTERNS
    if not p[0].startswith(PERSON_FACING_PREFIX) and not p[0].startswith("practice/")
]
# Pages about what the peer supporter may see: never theirs to set.
NOT_FOR_THE_PEER_SUPPORTER = {"peer_sharing"}


@pytest.mark.parametrize("allowed", [False, True], ids=["not-allowed", "allowed"])
@pytest.mark.parametrize(
    ("route", "name", "arg_names"), STAFF_ID_PATTERNS, ids=[p[1] for p in STAFF_ID_PATTERNS]
)
def test_an_assigned_peer_support_worker(
    route, name, arg_names, allowed, record_kwargs, person, peer_worker, client_for
):
    """The peer supporter reaches the record like a worker, except other workers' notes.

    ``record_kwargs``' note is alice's: readable only when the person allows it,
    never changeable. Without the assignment, the peer supporter is an outsider.
    """
    from casework.demo.factories import CaseAssignmentFactory
    from casework.models import CaseAssignment
    from casework.peer.actions import set_peer_note_sharing

    url = _url(name, arg_names, record_kwargs)
    client = client_for(peer_worker)
    method, response = _method_that_reaches(client, url)
    assert response.status_code == 404, f"unassigned peer supporter got {response.status_code}"

    CaseAssignmentFactory(person=person, worker=peer_worker, role=CaseAssignment.Role.PEER_SUPPORT)
    set_peer_note_sharing(person, person.user, allow=allowed)
    method, response = _method_that_reaches(client, url)
    need = resolve(url).func.access_need
    if name in NOT_FOR_THE_PEER_SUPPORTER or need not in CAPABILITIES[Relation.PEER_SUPPORT]:
        expected = {404}
    elif "note_id" in arg_names:
        expected = {200} if allowed and name == "note_detail" else {404}
    else:
        expected = {200, 302, 303}
    assert response.status_code in expected, f"{method} {url}: {response.status_code}"


# Issue 19: the goal history pages, and the edit URLs whose POST answers with the
# "two changes at once" page (a conflict page has no URL of its own).
CO_EDITED_PAGES = {
    "strengths:goal_history",
    "me_goal_history",
    "strengths:goal_edit",
    "strengths:step_edit",
    "strengths:strength_edit",
    "strengths:member_edit",
    "strengths:setback_edit",
    "me_goals_edit",
    "me_strengths_edit",
    "me_circle_edit",
    "me_setbacks_edit",
    "alert_review",
    "alert_mark_told",
    "alert_reply",
    "me_note",
}


def test_co_edited_pages_and_goal_history_are_in_the_matrix():
    assert {name for _route, name, _args in ID_PATTERNS} >= CO_EDITED_PAGES
