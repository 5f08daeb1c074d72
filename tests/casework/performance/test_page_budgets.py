"""Query budgets for every page ``make bench`` measures, at two sizes of data.

Each page in ``bench_pages()`` is asked on a small bulk seed, the data then grows
(more people on the caseload, more of everything in the showcase person's record),
and it is asked again: the count must be the same at both sizes (no N+1) and within
the budget of 15 queries, or within its documented exception (docs/performance.md,
"Query budgets").

Counts are of the statements the server sends. Inside a test's own transaction
Django's ``atomic`` blocks become SAVEPOINT/RELEASE where the server sends
BEGIN/COMMIT (the same count), but a constraint check (``SELECT 1 AS "_check"``)
gets a savepoint of its own only in a test, so those two are not counted.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from casework.demo.factories import (
    AlertFactory,
    AppointmentFactory,
    CaseAssignmentFactory,
    CheckInFactory,
    NoteAddendumFactory,
    PersonFactory,
    SessionNoteFactory,
)
from casework.management.commands.bench import bench_pages
from casework.models import AuthenticatorDevice, Person, RearrangeRequest, SentMessage, User

pytestmark = pytest.mark.django_db

BUDGET = 15
# Pages allowed over the budget, with the reason (repeated in docs/performance.md).
EXCEPTIONS = {
    # One read for each kind of thing in the record (30 statements with appointments, their
    # changes, workers and requests, and reminders sent), each a single query however much
    # the person has, streamed a chunk at a time (docs/performance.md).
    "record download (json)": 31,  # the changes of worker and what I said (issue 21)
    # The person's home tells them of a change of worker (issue 21): one query. "What is
    # new" reads each of its seven sources on a first visit (16 in all, as measured here);
    # on a return visit one query asks which have news and only those are read: 10 with
    # nothing new, 17 if all seven have news (tests/casework/space/test_me_home.py).
    "person's own home": 16,
}


def _client(page) -> Client:
    client = Client()
    if page.username:
        user = User.objects.get(username=page.username)
        client.force_login(user)
        if page.totp_key_hex:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = AuthenticatorDevice.objects.get(
                user=user
            ).persistent_id
            session.save()
    return client


def _as_served(captured) -> list[str]:
    """The statements, less the savepoints around constraint checks that only a test sends."""
    sql = [q["sql"] for q in captured.captured_queries]
    served, i = [], 0
    while i < len(sql):
        if (
            sql[i].startswith("SAVEPOINT")
            and i + 2 < len(sql)
            and sql[i + 1].startswith('SELECT 1 AS "_check"')
            and sql[i + 2].startswith("RELEASE SAVEPOINT")
        ):
            served.append(sql[i + 1])
            i += 3
        else:
            served.append(sql[i])
            i += 1
    return served


def _count(page) -> list[str]:
    """The statements of one request, after a first one (sign-in effects, 'since you last
    looked').

    The person's home is measured as on a first visit, its most reads: every source of
    "what is new" is read then. (After a visit, it reads only the sources with news since,
    which depends on what happened in between, not on how much data there is.)
    """
    Person.objects.filter(user__username="bp1").update(last_seen_at=None)
    client = _client(page)
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            if page.method == "GET":
                response = client.get(page.path)
            else:
                response = client.post(page.path, page.data() if page.data else {})
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code in page.ok_statuses, (page.name, response.status_code)
    return _as_served(captured)


def _grow(story_of, n):
    """``n`` more people on bw1's caseload and ``n`` more of everything in bp1's record
    (the seed gives no alert or check-in to bp1: the first round adds one of each)."""
    worker = User.objects.get(username="bw1")
    showcase = Person.objects.get(user__username="bp1")
    for _ in range(n):
        person = PersonFactory(organisation=showcase.organisation)
        CaseAssignmentFactory(person=person, worker=worker)
        SessionNoteFactory.create_batch(2, person=person, author=worker)
        AlertFactory(person=person, added_by=worker)
    story_of(showcase, n, worker)
    for note in showcase.notes.order_by("-happened_at")[:n]:
        NoteAddendumFactory(note=note, author=worker)
    AlertFactory.create_batch(n, person=showcase, added_by=worker)
    CheckInFactory.create_batch(n, person=showcase)
    # Appointments this week and later (the caseload's diary, the diary page, "coming up"
    # on the overview and the person's home), a request to rearrange, and reminders sent.
    soon = timezone.now() + datetime.timedelta(hours=2)
    for i in range(n):
        when = soon + datetime.timedelta(days=i % 5, minutes=i)
        booked = AppointmentFactory(
            person=showcase, created_by=worker, starts_at=when,
            ends_at=when + datetime.timedelta(hours=1),
        )  # fmt: skip
        booked.workers.add(worker)
        RearrangeRequest.objects.create(appointment=booked, asked_by=showcase.user, reason="Later?")
        SentMessage.objects.create(
            key=f"budget:{booked.pk}", person=showcase, about="appointment", appointment=booked,
            slot="day_before", channel="email", address="bp1@example.org",
            body="Reminder: you have an appointment tomorrow at 10:00.",
        )  # fmt: skip


def test_every_bench_page_keeps_its_query_budget_as_the_data_grows(settings, story_of):
    settings.DEBUG = True  # seed_bulk's known password
    call_command("seed_bulk", people=12, notes_per_person=2, workers=2, stdout=StringIO())
    pages = [p for p in bench_pages() if p.name != "healthz"]
    _grow(story_of, 1)
    fewer = {page.name: _count(page) for page in pages}
    _grow(story_of, 5)
    more = {page.name: _count(page) for page in pages}
    # A renamed page would silently lose its exception: keep the two lists in step.
    assert set(EXCEPTIONS) <= set(fewer)
    problems = []
    for name, small in fewer.items():
        large = more[name]
        budget = EXCEPTIONS.get(name, BUDGET)
        if len(small) != len(large):
            problems.append(f"{name}: {len(small)} queries with fewer rows, {len(large)} with more")
        if len(large) > budget:
            sql = "\n    ".join(q[:160] for q in large)
            problems.append(f"{name}: {len(large)} queries, budget {budget}:\n    {sql}")
    assert not problems, "\n".join(problems)


# --- Rendering: parsed templates are kept -----------------------------------------------


def _every_source_is_cached(loaders) -> bool:
    """Each loader is the cached loader, or a wrapper (template-partials) around cached ones."""
    from django.template.loaders.cached import Loader as CachedLoader

    return bool(loaders) and all(
        isinstance(loader, CachedLoader)
        or (hasattr(loader, "loaders") and _every_source_is_cached(loader.loaders))
        for loader in loaders
    )


def test_page_and_form_templates_are_parsed_once_per_process():
    """Django wraps its loaders in the cached loader only when ``loaders`` is not set
    (template-partials then wraps that): setting ``loaders`` by hand without the cached
    loader would quietly parse every template on every request in production."""
    from django.forms.renderers import get_default_renderer
    from django.template import engines

    assert _every_source_is_cached(engines["django"].engine.template_loaders)
    form_engine = get_default_renderer().engine.engine
    assert _every_source_is_cached(form_engine.template_loaders)
