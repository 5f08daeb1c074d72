"""Every form in the URLconf, fuzzed: no 5xx, a clear error when refused, nothing changed then.

The forms are derived, not listed. The URLconf is walked; a view that declares
POST with ``access.form_page`` / ``access.action`` is fuzzed as a role its
declared need allows (the lead worker on staff pages, the person on ``/me/``).
The few views that declare nothing are either in ``UNDECLARED_FUZZED`` (with the
login that uses them) or in ``NOT_FUZZED`` (with a reason); a new URL in neither
fails ``test_every_url_is_fuzzed_or_excluded_with_a_reason``.

The fields come from the page itself: the form page is opened (GET) and its
``<form>`` parsed (inputs, selects, textareas, buttons). A one-click action
(POST only) has its form on another page: the role's record pages are opened
once and every ``<form action=...>`` on them is filed under the URL it posts to.

Each example keeps most fields plausible and swaps some for hostile input:
empty, huge, control characters (NUL included), right-to-left text, emoji,
impossible dates, wrong types, choices that do not exist, and the ids of
another person's goals, notes and circle. Every example runs inside a
savepoint that is rolled back, so each starts from the same record. Asserted:

* never a 5xx;
* a refused post (the form shown again, 200) says what is wrong (the error
  summary or a field message), and changed nothing: every table's rows (the
  access log's "viewed" reads aside) hash the same before and after.

Examples per form: ``FUZZ_EXAMPLES`` (default 3); ``HYPOTHESIS_PROFILE=explore``
(tests/conftest.py) draws fresh random examples instead of the fixed ones.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.common.models import AppendOnlyModel
from casework.models import AccessEvent
from tests.casework.access.test_access_matrix import _url, iter_patterns

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))

# Views that declare no access need but take a POST: who fuzzes them.
UNDECLARED_FUZZED = {
    "login": "anonymous",
    "two_factor_verify": "unverified_supervisor",
    "person_add": "worker",
    "language_suggestions": "worker",
    "two_factor_setup": "worker",
    "two_factor_disable": "worker",
    "recovery_codes": "supervisor",
    "password_change": "worker",
    "sign_out_everywhere": "worker",
    "practice_worker_supervision": "supervisor",
    "activate_account_form": "invited",
    "diary_calendar": "worker",
    "handover_new": "supervisor",
    # The language switcher: any login (or none); an unknown language changes nothing.
    "set_language": "worker",
}
# Form pages that show their POST form once a choice is made in the query string (a GET
# step): the query string the fuzz opens the page with, from the logins in ``logins``.
# ``handover_new``: bob's people (frank), whom carol may hand over.
FORM_PAGE_QUERY = {"handover_new": lambda users: f"?from={users['other_worker'].pk}"}
# Views that are not fuzzed, and why. Each is still posted to once (no 5xx).
NOT_FUZZED = {
    "healthz": "a health check: takes no input",
    "logout": "takes no input; signing out is all it does",
    "activate_account": "GET only (the link's token moves to the session); its form step is fuzzed",
    "home": "GET only: each login's home page",
    "note_search": "GET search form (query string); tests/casework/notes/test_search.py",
    "overdue_alerts": "GET only: a list",
    "security": "GET only: the account's security page",
    "practice": "GET only: a review page (its filters are query strings)",
    "practice_export": "GET only: a CSV download",
    "practice_team_cases": "GET only: a list",
    "practice_worker": "GET only: a review page",
    "practice_worker_cases": "GET only: a list",
    "practice_me": "GET only: a review page",
    "practice_me_cases": "GET only: a list",
    "practice_me_supervision": "GET only: the worker's own supervision notes, read only",
    "diary": "GET only: the worker's own diary, a list",
    "calendar_feed": "GET only: a calendar subscription read by calendar apps with its token",
    "handover_list": "GET only: a list of handovers",
}
# Pages whose successful POST shows a page rather than redirecting (nothing refused).
ANSWERS_WITH_A_PAGE = {
    "language_suggestions",
    "invite_person",
    "two_factor_setup",
    "recovery_codes",
    "diary_calendar",  # the new calendar link is shown once, on the page
    "me_calendar_link",
}

# Forms with no field of their own to fill, or none offered in the fixtures' state: posted
# with stray fields only (no 5xx, nothing changed when refused).
NO_FIELDS = {
    "me_appointment_ask": "none offered: the fixture's appointment already has an open request",
    "invite_person": "a button",
    "deactivate_account": "a button",
    "check_in_seen": "a button",
    "me_circle_undo_choice": "a button",
    "sign_out_everywhere": "a button",
    "plan_ready": "a button",
    "handover_read": "a button, offered only to the new worker (the fixtures' handover is nina's)",
    "two_factor_disable": "offered on the security page only once two-step sign-in is on",
    "language_suggestions": "htmx only: the note form's text, posted as it is typed",
    "note_edit": "the fixture note is past its typo window (the page sends to an addendum)",
    "alert_mark_told": "the fixture alert has been told already",
    "plan_agree": "the fixture plan is not ready to agree yet (the page says why)",
    "me_plan_agree": "the fixture plan is not ready to agree yet (the page says why)",
}

# The error markers of templates/includes/error_summary.html and of field messages.
ERROR_MARKERS = ("error-summary", "invalid-feedback", "alert-danger")

NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "before\x00after",
    "tab\tnew\nline\r\x0b\x0c\x1b[31m\x7f",
    "\u202eright-to-left override\u202c",
    "שלום עולם — مرحبا بالعالم",
    "🙂👩‍👩‍👧🏳️‍🌈" * 5,
    "\ud7ff\ufeff\u200b zero width",
    "x" * 20_000,
    "word " * 3_000,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{ 7*7 }}",
    "2024-02-30",
    "2023-13-01",
    "0000-00-00",
    "31/12/2024",
    "-1",
    "0",
    "9" * 30,
    "1e309",
    "NaN",
    "3.5",
    "not-a-choice",
    "true",
    "on",
]


# --- Reading the forms off the page -----------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, radio, checkbox, hidden, date, number, submit, ...
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)


class FormParser(HTMLParser):
    """Every POST ``<form>`` on a page, with its named controls."""

    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def _add(self, f: Field):
        known = self._form.fields.get(f.name)
        if known is None:
            self._form.fields[f.name] = f
        elif f.kind in ("radio", "checkbox", "select"):
            known.options.extend(f.options)
            known.multiple = known.multiple or f.kind == "checkbox"
            if f.value and not known.value:
                known.value = f.value

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                action = a.get("action") or self.page_url
                self._form = Form(action=urlsplit(action).path or self.page_url)
                self.forms.append(self._form)
            return
        if self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                checked = "checked" in a
                value = a.get("value", "on")
                self._add(Field(name, kind, value if checked else "", [value]))
            else:
                self._add(Field(name, kind, a.get("value", "")))
        elif tag == "button":
            self._add(Field(name, "submit", a.get("value", "")))
        elif tag == "textarea":
            self._textarea = Field(name, "textarea")
            self._add(self._textarea)
        elif tag == "select":
            self._select = Field(name, "select", multiple="multiple" in a)
            self._add(self._select)
        elif tag == "option" and self._select is not None:
            self._option(a)

    def _option(self, a):
        value = a.get("value", "")
        self._select.options.append(value)
        if "selected" in a:
            self._select.value = value

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data


def forms_on(client, url):
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser(url)
    parser.feed(response.content.decode())
    return parser.forms


def _name_of(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


# --- Which URLs take a POST, and as whom ------------------------------------------------


def _patterns():
    for route, pattern, namespace in iter_patterns():
        if namespace == "admin" or route.startswith("static"):
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        args = sorted(getattr(pattern.pattern, "converters", {}))
        yield route, name, args, pattern.callback


def _role_for(route, name, view):
    if name in UNDECLARED_FUZZED:
        return UNDECLARED_FUZZED[name]
    if route.startswith("me/"):
        return "person"
    return "worker"


FUZZED = [
    (route, name, args)
    for route, name, args, view in _patterns()
    if "POST" in (getattr(view, "access_methods", None) or ()) or name in UNDECLARED_FUZZED
]


def test_every_url_is_fuzzed_or_excluded_with_a_reason():
    fuzzed = {name for _, name, _ in FUZZED}
    unaccounted = [
        name
        for route, name, args, view in _patterns()
        if name not in fuzzed
        and name not in NOT_FUZZED
        and getattr(view, "access_methods", None) is None
    ]
    assert not unaccounted, (
        "These URLs declare no access need (so may take a POST) and are neither fuzzed nor "
        f"excluded: add them to UNDECLARED_FUZZED or NOT_FUZZED with a reason: {unaccounted}"
    )
    assert not set(UNDECLARED_FUZZED) & set(NOT_FUZZED)
    stale = (set(UNDECLARED_FUZZED) | set(NOT_FUZZED)) - {n for _, n, _, _ in _patterns()}
    assert not stale, f"listed but no longer in the URLconf: {stale}"
    assert len(FUZZED) > 60


# --- The logins, and another person's ids -------------------------------------------------


@pytest.fixture
def logins(worker, supervisor, person, client_for):
    from tests.conftest import verify_second_factor

    def unverified_supervisor():
        verify_second_factor(Client(), supervisor)  # a device, but this session is not past it
        client = Client()
        client.force_login(supervisor)
        return client

    def invited():
        from casework.accounts.actions import invite_person

        client = Client()
        _, token = invite_person(worker, person)
        client.get(reverse("activate_account", args=[token]))
        return client

    return {
        "worker": lambda: client_for(worker),
        "supervisor": lambda: client_for(supervisor),
        "person": lambda: client_for(person.user),
        "anonymous": Client,
        "unverified_supervisor": unverified_supervisor,
        "invited": invited,
    }


@pytest.fixture
def their_ids(other_person, other_worker):
    """Ids of things that belong to someone else: posting them must change nothing of theirs."""
    from casework.demo.factories import (
        GoalFactory,
        GoalStepFactory,
        SessionNoteFactory,
        SetbackFactory,
        SignificantOtherFactory,
        StrengthFactory,
    )

    goal = GoalFactory(person=other_person)
    return [
        str(pk)
        for pk in (
            goal.pk,
            GoalStepFactory(goal=goal).pk,
            StrengthFactory(person=other_person).pk,
            SignificantOtherFactory(person=other_person).pk,
            SetbackFactory(person=other_person).pk,
            SessionNoteFactory(person=other_person, author=other_worker).pk,
            other_person.pk,
            other_worker.pk,
        )
    ]


# --- Generated input ----------------------------------------------------------------------


def _plausible(f: Field) -> str | list[str]:
    """A value a careful user might send, so hostile input elsewhere reaches deep validation."""
    options = [o for o in f.options if o]
    if f.kind in ("select", "radio", "checkbox"):
        if f.multiple:
            return [f.value] if f.value else options[:1]
        return f.value or (options[0] if options else "")
    if f.value:
        return f.value
    return {
        "date": "2024-02-28",
        "number": "3",
        "email": "someone@example.org",
        "password": "a long enough passphrase 2024",
        "time": "10:30",
    }.get(f.kind, "Plain words about the week")


def _hostile(f: Field, their_ids):
    nasty = st.sampled_from(NASTY_TEXT) | st.text(max_size=40)
    if f.options:
        nasty = nasty | st.sampled_from(their_ids) | st.sampled_from(f.options)
    if f.multiple:
        return st.lists(nasty, max_size=3)
    return nasty


@st.composite
def form_input(draw, fields: dict[str, Field], their_ids):
    data = {}
    for name, f in fields.items():
        how = draw(st.sampled_from(["plausible", "plausible", "hostile", "missing"]))
        if f.kind == "submit" and how == "missing":
            continue
        if how == "missing":
            continue
        data[name] = draw(_hostile(f, their_ids)) if how == "hostile" else _plausible(f)
    if draw(st.booleans()):  # a field the form does not have
        data[draw(st.sampled_from(["version", "person", "id", "next", "extra"]))] = draw(
            st.sampled_from(NASTY_TEXT) | st.sampled_from(their_ids)
        )
    return data


# --- What must not change -------------------------------------------------------------------

SNAPSHOT_APPS = {"casework", "strengths", "otp_totp", "otp_static"}


def _snapshot_models():
    models = [
        m for m in apps.get_models() if m._meta.app_label in SNAPSHOT_APPS and not m._meta.proxy
    ]
    # Rows that can be changed in place are hashed; the rest (append-only logs,
    # history) can only gain rows, which the counts catch.
    hashed = [
        m
        for m in models
        if not issubclass(m, AppendOnlyModel)
        and not m._meta.label.split(".")[1].startswith("Historical")
        and m is not AccessEvent
    ]
    return models, hashed


def snapshot():
    """Row counts of every table (one query), and a hash of every changeable row."""
    models, hashed = _snapshot_models()
    tables = [m._meta.db_table for m in models]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT {i}, COUNT(*) FROM {quote(t)}"
                + (" WHERE action <> 'viewed'" if t == AccessEvent._meta.db_table else "")
                for i, t in enumerate(tables)
            )
        )
        state = {tables[i]: n for i, n in cursor.fetchall()}
    for model in hashed:
        values = list(model._base_manager.order_by("pk").values_list())
        state[model._meta.label] = hashlib.sha256(repr(values).encode()).hexdigest()
    return state


def _changed(before, after):
    return sorted(label for label in before if before[label] != after[label])


# --- The fuzz ---------------------------------------------------------------------------------

_ACTION_FORMS: dict[tuple[str, str], dict[str, Field]] = {}


def _action_fields(client, role, name, record_kwargs):
    """The fields of a one-click action's form, found on the role's own record pages."""
    if (role, "*crawled*") not in _ACTION_FORMS:
        for route, page, args, view in _patterns():
            if "GET" not in (getattr(view, "access_methods", None) or ()) and page != "security":
                continue
            if route.startswith("me/") != (role == "person") or route.startswith("practice/"):
                continue
            for form in forms_on(client, _url(page, args, record_kwargs)):
                target = _name_of(form.action)
                if target:
                    _ACTION_FORMS.setdefault((role, target), form.fields)
        _ACTION_FORMS[(role, "*crawled*")] = {}
    return _ACTION_FORMS.get((role, name), {})


def _fields_for(client, url, role, name, record_kwargs, query=""):
    forms = [f for f in forms_on(client, url + query) if f.action == url]
    if forms:
        merged = {}
        for form in forms:
            merged.update(form.fields)
        return merged
    return _action_fields(client, role, name, record_kwargs)


@pytest.mark.parametrize(("route", "name", "args"), FUZZED, ids=[n for _, n, _ in FUZZED])
def test_fuzzed_form(route, name, args, record_kwargs, logins, their_ids, other_worker):
    role = _role_for(route, name, None)
    client = logins[role]()
    url = _url(name, args, record_kwargs)
    query = FORM_PAGE_QUERY[name]({"other_worker": other_worker}) if name in FORM_PAGE_QUERY else ""
    fields = _fields_for(client, url, role, name, record_kwargs, query)
    fields.pop("csrfmiddlewaretoken", None)
    if not fields and not ("archive" in name or "restore" in name):
        assert name in NO_FIELDS, f"{name}: no form found that posts to {url}"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=form_input(fields, their_ids))
    def post_it(data):
        with transaction.atomic():
            # A fresh sign-in each time: the rollback below also undoes the session.
            client = logins[role]()
            before = snapshot()
            response = client.post(url, data)
            status = response.status_code
            where = f"{role} POST {url} {_short(data)}"
            assert status < 500, f"{where}: {status}"
            after = snapshot()
            if status == 200 and name not in ANSWERS_WITH_A_PAGE and before == after:
                page = response.content.decode()
                assert any(m in page for m in ERROR_MARKERS), (
                    f"{where}: shown again with no error message"
                )
            if status >= 400 or (status == 200 and name not in ANSWERS_WITH_A_PAGE):
                assert before == after, (
                    f"{where}: refused ({status}) but changed {_changed(before, after)}"
                )
            transaction.set_rollback(True)

    post_it()


def _short(data):
    return {
        k: (v[:40] + f"...({len(v)})" if isinstance(v, str) and len(v) > 40 else v)
        for k, v in data.items()
    }


@pytest.mark.parametrize("name", sorted(NOT_FUZZED))
def test_the_pages_not_fuzzed_take_a_post_without_a_5xx(name, worker_client, record_kwargs):
    args = next(a for _, n, a, _ in _patterns() if n == name)
    url = _url(name, args, record_kwargs)
    assert worker_client.post(url, {"q": "\x00", "team": "x"}).status_code < 500
