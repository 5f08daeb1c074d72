"""Two-writer trials: two people save the same co-edited item at the same moment.

For every co-edited kind (goals, steps, strengths, circle members, setbacks,
alerts, "my view") this runs ``TRIALS`` rounds. In each round both clients post
a different text against the version they both loaded, from two threads
released together by a barrier, against a transactional database (so the
compare-and-swap really races). Exactly one save is accepted; the other gets
the 409 conflict page showing both texts. At the end every accepted text is in
the item's history and the last one is the current text: 0 lost.

Both databases: ``make test`` runs it on SQLite; with ``DATABASE_URL`` on PostgreSQL.
"""

from __future__ import annotations

import datetime
import os
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import (
    AlertFactory,
    CaseAssignmentFactory,
    GoalFactory,
    GoalStepFactory,
    SessionNoteFactory,
    SetbackFactory,
    SignificantOtherFactory,
    StaffMembershipFactory,
    StrengthFactory,
    UserFactory,
)
from casework.models import CaseAssignment, StaffMembership

TRIALS = int(os.environ.get("TRIALS", 50))  # TRIALS=5 for a quick look

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Kind:
    """How to set up one co-edited item, post a text to it, and read its text and history."""

    make: Callable  # (person, worker) -> item
    url: Callable  # (side, person, item) -> edit URL; side is "staff" or "person"
    post: Callable  # (item, version, text) -> POST data
    version: Callable  # item -> the version a form opened now would carry
    current: Callable  # item -> the text saved now
    history: Callable  # item -> every text ever saved
    sides: tuple = ("staff", "person")


def _staff_url(name, *ids):
    return lambda side, person, item: reverse(f"strengths:{name}", args=[person.pk, *ids(item)])


def _story(staff_name, me_name, id_arg):
    def url(side, person, item):
        if side == "person":
            return reverse(me_name, kwargs={id_arg: item.pk})
        return reverse(f"strengths:{staff_name}", args=[person.pk, item.pk])

    return url


def _fresh(item):
    item.refresh_from_db()
    return item


def _texts(item, field):
    return set(item.history.values_list(field, flat=True))


KINDS = {
    "goal": Kind(
        make=lambda person, worker: GoalFactory(person=person, created_by=worker),
        url=_story("goal_edit", "me_goals_edit", "goal_id"),
        post=lambda g, v, text: {
            "in_their_words": text,
            "life_area": g.life_area,
            "horizon": g.horizon,
            "status": g.status,
            "version": v,
        },
        version=lambda g: _fresh(g).version,
        current=lambda g: _fresh(g).in_their_words,
        history=lambda g: _texts(g, "in_their_words"),
    ),
    "step": Kind(
        make=lambda person, worker: GoalStepFactory(goal=GoalFactory(person=person)),
        url=lambda side, person, s: reverse(
            "strengths:step_edit", args=[person.pk, s.goal_id, s.pk]
        ),
        post=lambda s, v, text: {
            "what": text,
            "who": "person",
            "status": "not_started",
            "due_on": "",
            "version": v,
        },
        version=lambda s: _fresh(s).version,
        current=lambda s: _fresh(s).what,
        history=lambda s: _texts(s, "what"),
        sides=("staff", "staff"),  # steps are changed on the goal's staff page only
    ),
    "strength": Kind(
        make=lambda person, worker: StrengthFactory(person=person),
        url=_story("strength_edit", "me_strengths_edit", "strength_id"),
        post=lambda s, v, text: {
            "description": text,
            "life_area": s.life_area,
            "kind": s.kind,
            "noticed_by": s.noticed_by,
            "version": v,
        },
        version=lambda s: _fresh(s).version,
        current=lambda s: _fresh(s).description,
        history=lambda s: _texts(s, "description"),
    ),
    "circle member": Kind(
        make=lambda person, worker: SignificantOtherFactory(person=person, name="Nomsa"),
        url=_story("member_edit", "me_circle_edit", "member_id"),
        post=lambda m, v, text: {
            "kind": m.kind,
            "name": m.name,
            "relationship": m.relationship,
            "how_they_help": text,
            "involvement": m.involvement,
            "contact_details": m.contact_details,
            "version": v,
        },
        version=lambda m: _fresh(m).version,
        current=lambda m: _fresh(m).how_they_help,
        history=lambda m: _texts(m, "how_they_help"),
    ),
    "setback": Kind(
        make=lambda person, worker: SetbackFactory(person=person),
        url=_story("setback_edit", "me_setbacks_edit", "setback_id"),
        post=lambda s, v, text: {
            "what_happened": text,
            "happened_on": s.happened_on.isoformat(),
            "version": v,
        },
        version=lambda s: _fresh(s).version,
        current=lambda s: _fresh(s).what_happened,
        history=lambda s: _texts(s, "what_happened"),
    ),
    "alert": Kind(
        make=lambda person, worker: AlertFactory(person=person, added_by=worker),
        url=lambda side, person, a: reverse("alert_review", args=[person.pk, a.pk]),
        post=lambda a, v, text: {
            "outcome": "keep",
            "new_review_by": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "note": text,
            "version": v,
        },
        version=lambda a: _fresh(a).version,
        current=lambda a: a.reviews.order_by("-at", "-id").first().note,
        history=lambda a: set(a.reviews.values_list("note", flat=True)),
        sides=("staff", "co_worker"),  # two members of staff review it at once
    ),
    "my view": Kind(
        make=lambda person, worker: SessionNoteFactory(person=person, author=worker),
        url=lambda side, person, n: reverse("me_note", kwargs={"note_id": n.pk}),
        post=lambda n, v, text: {"text": text, "version": v},
        version=lambda n: _fresh(n).person_view_version,
        current=lambda n: _fresh(n).person_view,
        history=lambda n: _texts(n, "person_view"),
        sides=("person", "person"),  # the person, on their phone and their laptop
    ),
}


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clients(person, worker, north_team):
    co_worker = UserFactory(username="cora")
    StaffMembershipFactory(user=co_worker, team=north_team, role=StaffMembership.Role.PRACTITIONER)
    CaseAssignmentFactory(person=person, worker=co_worker, role=CaseAssignment.Role.CO_WORKER)
    users = {"staff": worker, "co_worker": co_worker, "person": person.user}
    # Two clients even when both sides are one login: two devices, two sessions.
    return lambda sides: [_client(users[side]) for side in sides]


class Racers:
    """Two threads, each with its own database connection for the whole test, that post
    together: ``race`` hands each a (client, url, data) and releases both at one barrier."""

    def __init__(self, n=2):
        self.barrier = threading.Barrier(n)
        self.inboxes = [queue.Queue() for _ in range(n)]
        self.outbox = queue.Queue()
        self.threads = [
            threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(n)
        ]
        for thread in self.threads:
            thread.start()

    def _run(self, i):
        try:
            while (job := self.inboxes[i].get()) is not None:
                client, url, data = job
                self.barrier.wait(timeout=30)
                try:
                    self.outbox.put((i, client.post(url, data)))
                except Exception as error:  # noqa: BLE001 - reported by the test, not lost here
                    self.outbox.put((i, error))
        finally:
            connections.close_all()  # this thread's connection, before the test database goes

    def race(self, jobs):
        for inbox, job in zip(self.inboxes, jobs, strict=True):
            inbox.put(job)
        answers = dict(self.outbox.get(timeout=60) for _ in jobs)
        for answer in answers.values():
            if isinstance(answer, Exception):
                raise answer
        return [answers[i] for i in range(len(jobs))]

    def stop(self):
        for inbox in self.inboxes:
            inbox.put(None)
        for thread in self.threads:
            thread.join(timeout=30)


@pytest.fixture
def database_on_file(tmp_path):
    """On SQLite, race against a file copy of the test database, as a deployment runs.

    pytest-django's SQLite test database lives in memory with a shared cache, whose
    table locks fail at once ("database table is locked") instead of waiting, which
    no deployment sees. So the trials copy it to a file (WAL, a busy timeout: what
    ``recovery_practice.env`` sets up for SQLite) and point the connection at that,
    keeping the in-memory one open to put back afterwards. PostgreSQL runs as it is.
    """
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    memory = connection.connection
    path = tmp_path / "trials.sqlite3"
    on_file = sqlite3.connect(path)
    memory.backup(on_file)
    on_file.execute("PRAGMA journal_mode=WAL")
    on_file.close()
    settings = connection.settings_dict
    saved = settings["NAME"], settings.get("OPTIONS", {})
    settings["NAME"], settings["OPTIONS"] = str(path), {**saved[1], "timeout": 20}
    connection.connection = None  # connect to the file next; ``memory`` stays open
    try:
        yield
    finally:
        connection.close()
        settings["NAME"], settings["OPTIONS"] = saved
        connection.connection = memory


@pytest.fixture
def racers(database_on_file):
    racers = Racers()
    yield racers
    racers.stop()


@pytest.mark.parametrize("name", list(KINDS))
def test_two_writers_at_once_lose_nothing(name, person, worker, clients, racers):
    kind = KINDS[name]
    item = kind.make(person, worker)
    pair = clients(kind.sides)
    urls = [kind.url(side, person, item) for side in kind.sides]
    accepted, conflicts = [], 0
    for trial in range(TRIALS):
        version = kind.version(item)
        texts = [f"Trial {trial} written by writer {w} ({name})" for w in (1, 2)]
        answers = racers.race(
            [(c, u, kind.post(item, version, t)) for c, u, t in zip(pair, urls, texts, strict=True)]
        )
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [302, 409], f"trial {trial}: {statuses}"
        winner = next(i for i, a in enumerate(answers) if a.status_code == 302)
        loser_page = answers[1 - winner].content.decode()
        assert "was changed while you were writing" in loser_page
        assert texts[1 - winner] in loser_page  # their own words, kept on the page
        assert texts[winner] in loser_page  # and the words that were saved
        assert kind.current(item) == texts[winner]
        accepted.append(texts[winner])
        conflicts += 1
    lost = set(accepted) - kind.history(item)
    print(
        f"\n{name}: {TRIALS} trials, {len(accepted)} saved, {conflicts} conflict pages, lost {len(lost)}"
    )
    assert not lost
