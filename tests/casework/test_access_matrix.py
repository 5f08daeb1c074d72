"""Every URL that takes a record id, opened by every role the policy keeps out.

The URLconf is enumerated, so a new URL is covered the moment it is added. To
exercise it, the test needs a value for each of its id arguments: add one to
``record_kwargs`` below when you add a new kind of record. A URL whose
arguments cannot be filled fails here rather than being skipped.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# URLs anyone may open without signing in.
PUBLIC = {"login", "healthz", "logout"}
# Person-facing URLs: only the person themself may reach them.
PERSON_FACING_PREFIX = "me/"


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


ID_PATTERNS = [p for p in app_patterns() if p[2]]


@pytest.fixture
def record_kwargs(person, plan_section, plan_revision, plan_difference):
    """One value for every id argument a URL may take, all belonging to ``person``.

    Extend this when a feature adds a URL argument (note_id, goal_id, ...).
    """
    return {
        "person_id": person.pk,
        "section_id": plan_section.pk,
        "revision_id": plan_revision.pk,
        "difference_id": plan_difference.pk,
    }


def _url(name, arg_names, record_kwargs):
    missing = [a for a in arg_names if a not in record_kwargs]
    if missing:
        pytest.fail(
            f"URL {name!r} takes {missing}; add them to record_kwargs in {__file__} "
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
    org_admin,
    client_for,
):
    url = _url(name, arg_names, record_kwargs)
    person_facing = route.startswith(PERSON_FACING_PREFIX)
    owner = person.user if person_facing else worker
    method, response = _method_that_reaches(client_for(owner), url)
    # A positive control: if the owner cannot reach it either, the 404s below prove nothing.
    assert response.status_code in (200, 302, 303), (
        f"{url}: the owner ({owner}) got {response.status_code}"
    )
    if response.status_code != 200:
        assert not response["Location"].startswith(reverse("login")), (
            f"{url}: owner sent to sign in"
        )

    outsiders = {
        "another worker": other_worker,
        "a worker whose assignment has ended": former_worker,
        "a supervisor of another team": other_supervisor,
        "the organisation administrator": org_admin,
        "another person": other_person.user,
    }
    if not person_facing:
        outsiders["the person's own account"] = person.user
    for label, user in outsiders.items():
        client = client_for(user)
        response = getattr(client, method)(url, {} if method == "post" else None)
        assert response.status_code == 404, f"{label} got {response.status_code} on {method} {url}"


@pytest.mark.parametrize(
    ("route", "name", "arg_names"), app_patterns(), ids=[p[1] for p in app_patterns()]
)
def test_anonymous_visitors_are_sent_to_sign_in(route, name, arg_names, client, record_kwargs):
    if name in PUBLIC:
        return
    url = _url(name, arg_names, record_kwargs)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302, f"anonymous {method} {url} got {response.status_code}"
        assert response["Location"].startswith(reverse("login")), response["Location"]


def test_public_urls_are_only_login_health_and_logout(client):
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("login")).status_code == 200
