"""Eight writers at once against a running server: no 5xx and nothing lost (issue 19).

A real server (gunicorn, two processes of four threads, DEBUG off) runs against
a scratch copy of the test database, of whichever kind the suite runs on: a file
for SQLite (copied from the migrated test database with SQLite's backup API), a
``CREATE DATABASE ... TEMPLATE`` copy for PostgreSQL. Eight workers then write
at the same moment, each through the flows that used to answer 500 "database is
locked" on SQLite: correcting a typo in a note, adding an addendum, resolving a
different view of the plan, and a person activating their account from a link.
Every write must be accepted (302) and be in the database afterwards.
"""

from __future__ import annotations

import copy
import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection, connections

# Transactional: the server needs the committed, migrated test database to copy.
pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 8
ROUNDS = 2
# The whole exchange is bounded: one request waits at most this long.
REQUEST_TIMEOUT = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Jar:
    """One browser's cookies, sent by hand (they are Secure with DEBUG off)."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.statuses: list[tuple[str, str, int]] = []

    def request(self, method: str, path: str, fields: dict | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read().decode()
        finally:
            conn.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.statuses.append((method, path, response.status))
        return response.status, content


def _env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        # The project's settings, with the suite's fast password hashing (activation sets one).
        DJANGO_SETTINGS_MODULE="tests.resilience.server_settings",
        DEBUG="0",
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        STATIC_PLAIN="1",
        CONN_MAX_AGE="0",
    )
    # The setup process signs the writers in; the server must accept those sessions.
    env.setdefault("SECRET_KEY", "insecure-test-key-not-for-production-use-0123456789")
    return env


@pytest.fixture
def scratch_database(transactional_db, django_db_blocker, tmp_path):
    """A migrated, empty database of the suite's kind; yields (DATABASE_URL, settings dict)."""
    with django_db_blocker.unblock():
        connection.ensure_connection()
        settings_dict = copy.deepcopy(connections.settings["default"])
        settings_dict.pop("TEST", None)
        if connection.vendor == "sqlite":
            path = tmp_path / "writers.sqlite3"
            target = sqlite3.connect(path)
            connection.connection.backup(target)
            target.close()
            settings_dict["NAME"] = str(path)
            yield f"sqlite:///{path}", settings_dict
            return
        name = connection.settings_dict["NAME"]
        scratch = f"{name}_writers"
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{scratch}" TEMPLATE "{name}"')
        s = settings_dict
        url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{scratch}"
        settings_dict["NAME"] = scratch
        try:
            yield url, settings_dict
        finally:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


@pytest.fixture
def scratch_alias(scratch_database, django_db_blocker):
    """The scratch database as a Django alias, to check what the server wrote."""
    _, settings_dict = scratch_database
    connections.settings["writers"] = settings_dict
    with django_db_blocker.unblock():
        yield "writers"
        connections["writers"].close()
    del connections["writers"]
    del connections.settings["writers"]


@pytest.fixture
def server(scratch_database, tmp_path):
    """Sets up the writers' records, then serves the scratch database on a free port."""
    url, _ = scratch_database
    env = _env(url)
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "recovery_practice.wsgi",
            "--workers", "2", "--threads", "4", "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "server.log").open("w"),
    )  # fmt: skip
    try:
        setup = subprocess.run(
            [sys.executable, "-m", "tests.resilience.writers_setup", str(WRITERS)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert setup.returncode == 0, setup.stderr
        records = json.loads(setup.stdout.strip().splitlines()[-1])["writers"]
        _wait_for(port, process)
        yield port, records
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the server stopped while starting")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    pytest.fail("the server did not answer within 60 s")


def _write(i: int, port: int, record: dict, start: threading.Barrier) -> tuple[list, list]:
    """One worker's writes, all at once with the others: (writes accepted, every status)."""
    worker = Jar(port, {"sessionid": record["session"]})
    newcomer = Jar(port)
    person, note = record["person"], record["note"]
    edit = f"/people/{person}/notes/{note}/edit/"
    addendum = f"/people/{person}/notes/{note}/addenda/new/"
    resolve = f"/people/{person}/plan/differences/{record['difference']}/resolve/"
    accepted = []

    def post(jar, path, fields, what):
        status, _ = jar.request("POST", path, fields)
        if status == 302:
            accepted.append(what)

    assert worker.request("GET", edit)[0] == 200  # the form, and its CSRF cookie
    start.wait(timeout=60)
    for round_ in range(1, ROUNDS + 1):
        text = f"Typo fixed by writer {i}, round {round_}."
        post(worker, edit, {"talked_about": text, "going_well": "", "next_steps": ""}, text)
        text = f"Addendum by writer {i}, round {round_}."
        post(worker, addendum, {"text": text}, text)
        if round_ == 1:
            text = f"Resolved by writer {i}."
            post(worker, resolve, {"note": text}, text)
            newcomer.request("GET", f"/accounts/activate/{record['token']}/")
            newcomer.request("GET", "/accounts/activate/set-password/")
            password = f"allotment kettle {i} lantern"
            post(
                newcomer,
                "/accounts/activate/set-password/",
                {"username": f"newcomer{i}", "new_password1": password, "new_password2": password},
                f"newcomer{i}",
            )
    return accepted, worker.statuses + newcomer.statuses


def test_eight_writers_at_once_get_no_5xx_and_lose_nothing(server, scratch_alias):
    from casework.models import NoteAddendum, Person, SessionNote
    from strengths.models import PlanDifferenceResolution

    port, records = server
    start = threading.Barrier(WRITERS)
    results: dict[int, tuple] = {}

    def run(i):
        results[i] = _write(i, port, records[i], start)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WRITERS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    took = time.monotonic() - began
    assert len(results) == WRITERS, "a writer did not finish"

    statuses = [s for _, all_statuses in results.values() for s in all_statuses]
    errors = [s for s in statuses if s[2] >= 500]
    assert errors == [], f"server errors under concurrent writes: {errors}"
    writes_per_writer = 2 * ROUNDS + 2
    accepted = [w for writes, _ in results.values() for w in writes]
    assert len(accepted) == WRITERS * writes_per_writer, statuses

    db = scratch_alias
    for i, record in enumerate(records):
        note = SessionNote.objects.using(db).get(pk=record["note"])
        assert note.talked_about == f"Typo fixed by writer {i}, round {ROUNDS}."
        earlier = {h.talked_about for h in note.history.using(db).all()}
        assert {f"Typo fixed by writer {i}, round {r}." for r in range(1, ROUNDS + 1)} <= earlier
        addenda = set(
            NoteAddendum.objects.using(db).filter(note=note).values_list("text", flat=True)
        )
        assert addenda == {f"Addendum by writer {i}, round {r}." for r in range(1, ROUNDS + 1)}
        resolutions = PlanDifferenceResolution.objects.using(db).filter(
            difference_id=record["difference"]
        )
        assert [r.note for r in resolutions] == [f"Resolved by writer {i}."]
        newcomer = Person.objects.using(db).select_related("user").get(pk=record["newcomer"])
        assert newcomer.user is not None and newcomer.user.username == f"newcomer{i}"
    print(
        f"\n{WRITERS} writers, {len(accepted)} writes accepted, {len(statuses)} requests, "
        f"0 5xx, 0 lost, in {took:.1f} s on {connection.vendor}"
    )
