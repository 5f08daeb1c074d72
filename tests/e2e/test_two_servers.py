"""Two app servers, one database: a session and a plan conflict cross servers.

Also: one of the two servers killed outright (SIGKILL, as a crash or an
out-of-memory kill would) loses no note it had saved: the other server shows
every one, and takes new ones.

Starts two gunicorn instances (DEBUG off, as in production) on different
loopback ports against one fresh PostgreSQL database. Sam signs in on server A;
the same session cookie works on server B (sessions live in the database). Alex's
plan is opened on B, a section is saved on A, and saving the same section on B
with the stale version answers 409 (compare-and-swap in the database, see
docs/decisions/0005-plan-compare-and-swap.md). No browser: plain http.client with the
cookies sent by hand (they are Secure with DEBUG off, and this is plain HTTP on
loopback). Needs PostgreSQL at ``TWO_SERVERS_PG`` (default the local one);
skips if it cannot be reached.
"""

from __future__ import annotations

import datetime
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("TWO_SERVERS_PG", "postgres://postgres@127.0.0.1:5432")
PASSWORD = "recovery-demo"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """Cookies shared across servers, as a browser behind a load balancer would keep them."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, fields: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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
        return response.status, content, response.headers


def _psql(sql: str, db: str = "postgres") -> None:
    import psycopg2

    conn = psycopg2.connect(f"{PG}/{db}", connect_timeout=5)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


def _wait(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn on port {port} stopped while starting")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
        finally:
            conn.close()
    pytest.fail(f"gunicorn on port {port} did not answer within 60 s")


class Servers(list):
    """The two ports, with the processes behind them (to kill one)."""

    processes: list[subprocess.Popen]


@pytest.fixture
def two_servers():
    try:
        _psql("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any connection failure means "no PostgreSQL here"
        pytest.skip(f"PostgreSQL is not reachable at {PG}: {exc}")
    db = f"rp_two_servers_{secrets.token_hex(4)}"
    _psql(f"CREATE DATABASE {db}")
    url = f"{PG}/{db}"
    base = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    setup = {**base, "DEBUG": "1", "DATABASE_URL": url, "DEMO_PASSWORD": PASSWORD}
    prod = {
        **base,
        "DEBUG": "0",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_URL": "locmem://",
        "DEFAULT_FROM_EMAIL": "notes@example.org",
    }
    manage = [sys.executable, "manage.py"]
    servers: list[subprocess.Popen] = []
    try:
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=setup, check=True)
        subprocess.run(
            [*manage, "seed_demo"], cwd=ROOT, env=setup, check=True, stdout=subprocess.DEVNULL
        )
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=prod, check=True
        )
        ports = [_free_port(), _free_port()]
        for port in ports:
            servers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "recovery_practice.wsgi",
                        "--workers",
                        "1",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--log-level",
                        "warning",
                    ],
                    cwd=ROOT,
                    env=prod,
                    # Its own process group: SIGKILL reaches gunicorn's worker too.
                    start_new_session=True,
                )  # fmt: skip
            )
        for port, server in zip(ports, servers, strict=True):
            _wait(port, server)
        running = Servers(ports)
        running.processes = servers
        yield running
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        _psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def _sam_signed_in_on(a: int, b: int) -> tuple[Browser, str]:
    """Sam signs in on A; returns the browser and alex's id as read through B."""
    sam = Browser()
    sam.request(a, "GET", "/accounts/login/")
    status, _, headers = sam.request(
        a, "POST", "/accounts/login/", {"username": "sam", "password": PASSWORD}
    )
    assert status == 302, "sam could not sign in on server A"
    assert "sessionid" in sam.cookies
    # The same session works on B: sam's caseload, with alex on it.
    status, caseload, _ = sam.request(b, "GET", "/")
    assert status == 200
    match = re.search(r'href="/people/(\d+)/"[^>]*>\s*Alex\b', caseload)
    assert match, "alex is not on sam's caseload as served by B"
    return sam, match.group(1)


def test_session_and_plan_conflict_across_two_servers(two_servers):
    a, b = two_servers
    sam, alex = _sam_signed_in_on(a, b)
    plan = f"/people/{alex}/plan/"

    # Open alex's plan on B and the first section's edit form (version v).
    status, page, _ = sam.request(b, "GET", plan)
    assert status == 200
    section = re.search(rf"{plan}sections/(\d+)/edit/", page).group(1)
    edit = f"{plan}sections/{section}/edit/"
    status, form_b, _ = sam.request(b, "GET", edit)
    assert status == 200
    version = re.search(r'name="version" value="(\d+)"', form_b).group(1)
    heading = re.search(r'name="heading"[^>]*value="([^"]*)"', form_b).group(1)

    # Save on A from version v: it wins.
    status, _, _ = sam.request(
        a, "POST", edit, {"heading": heading, "text": "Saved on server A.", "version": version}
    )
    assert status == 302, "the first save (server A) should succeed"

    # Save on B from the same, now stale, version v: a conflict, nothing overwritten.
    status, conflict, _ = sam.request(
        b, "POST", edit, {"heading": heading, "text": "Saved on server B.", "version": version}
    )
    assert status == 409
    assert "Saved on server A." in conflict and "Saved on server B." in conflict
    status, page, _ = sam.request(a, "GET", plan)
    assert "Saved on server A." in page


def _note(text: str) -> dict:
    happened = datetime.datetime.now() - datetime.timedelta(hours=2)
    return {
        "happened_at": happened.strftime("%Y-%m-%dT%H:%M"),
        "how": "face_to_face",
        "duration_minutes": "30",
        "person_present": "on",
        "talked_about": text,
        "going_well": "",
        "next_steps": "",
        "next_contact_on": (datetime.date.today() + datetime.timedelta(days=14)).isoformat(),
    }


def test_a_killed_server_loses_no_saved_note(two_servers):
    a, b = two_servers
    sam, alex = _sam_signed_in_on(a, b)
    new_note = f"/people/{alex}/notes/new/"
    sam.request(a, "GET", new_note)
    saved = [f"Saved on server A before it was killed, note {n}." for n in range(3)]
    for text in saved:
        status, _, _ = sam.request(a, "POST", new_note, _note(text))
        assert status == 302, "a note was not saved on server A"

    killed = two_servers.processes[0]
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait(timeout=10)
    with pytest.raises(OSError):
        sam.request(a, "GET", "/healthz")

    # B shows every note A saved, and takes a new one in the same session.
    status, notes, _ = sam.request(b, "GET", f"/people/{alex}/notes/")
    assert status == 200
    for text in saved:
        assert text in notes, f"lost when server A was killed: {text}"
    status, _, _ = sam.request(b, "POST", new_note, _note("Saved on server B afterwards."))
    assert status == 302
    status, notes, _ = sam.request(b, "GET", f"/people/{alex}/notes/")
    assert "Saved on server B afterwards." in notes
