"""The database going away mid-request: a plain 503, /healthz 503, and the typed note kept.

Faults are injected three ways: every query refused with the error a lost
connection raises (both databases), the connection killed from a second
session with ``pg_terminate_backend`` (PostgreSQL), and the database address
pointed at a port where nothing listens (PostgreSQL).
"""

import contextlib

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from casework.models import SessionNote

NOTE = {
    "happened_at": "2026-11-30T10:00",
    "how": "face_to_face",
    "duration_minutes": "45",
    "talked_about": "Half-written: we talked about the allotment and the bus pass",
    "going_well": "Kept every appointment ✓ — مرحبا",
    "next_steps": "",
}


@contextlib.contextmanager
def database_away(message="server closed the connection unexpectedly"):
    """Every query fails as it does when the connection is lost or the server stops."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError(message)

    with connection.execute_wrapper(refuse):
        yield


def _no_stack_trace(body: str):
    for leak in ("Traceback", "OperationalError", "server closed", 'File "'):
        assert leak not in body


@pytest.mark.django_db
def test_a_note_saved_while_the_database_is_away_gets_a_plain_503_with_its_text(
    worker_client, person
):
    worker_client.raise_request_exception = False
    url = reverse("note_create", args=[person.pk])
    assert worker_client.get(url).status_code == 200  # signed in, form open
    before = SessionNote.objects.count()
    with database_away():
        response = worker_client.post(url, NOTE)
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Please try again in a minute" in body
    _no_stack_trace(body)
    # The typed text is given back whole, in the writer's own direction.
    assert NOTE["talked_about"] in body and NOTE["going_well"] in body
    assert 'readonly dir="auto"' in body
    assert "csrfmiddlewaretoken" not in body.lower()
    # Nothing clears the browser's own copy of the draft (note-draft.js).
    assert "data-draft-saved" not in body
    assert SessionNote.objects.count() == before
    # The database is back: the same text saves.
    response = worker_client.post(url, NOTE)
    assert response.status_code == 302
    assert SessionNote.objects.filter(talked_about=NOTE["talked_about"]).count() == 1


@pytest.mark.django_db
def test_a_page_read_while_the_database_is_away_gets_a_plain_503(worker_client, person):
    worker_client.raise_request_exception = False
    with database_away():
        response = worker_client.get(reverse("person_detail", args=[person.pk]))
    body = response.content.decode()
    assert response.status_code == 503
    assert "Wait a minute, then reload the page." in body
    _no_stack_trace(body)


@pytest.mark.django_db
def test_a_password_is_never_given_back(client, person):
    client.raise_request_exception = False
    with database_away():
        response = client.post(
            reverse("login"), {"username": "alice", "password": "a secret passphrase"}
        )
    assert response.status_code == 503
    body = response.content.decode()
    assert "alice" in body and "a secret passphrase" not in body


@pytest.mark.django_db
def test_other_errors_stay_500(worker_client, person, monkeypatch):
    from casework.notes import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.actions, "record_session", broken)
    worker_client.raise_request_exception = False
    response = worker_client.post(reverse("note_create", args=[person.pk]), NOTE)
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client):
    assert client.get("/healthz").status_code == 200
    with database_away("could not connect to server: Connection refused"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}


def _pg_only():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL server fault")


@pytest.mark.django_db(transaction=True)
def test_a_killed_connection_gives_503_then_the_next_request_reconnects(
    worker_client, person, django_db_blocker
):
    _pg_only()
    import psycopg2

    worker_client.raise_request_exception = False
    url = reverse("note_create", args=[person.pk])
    assert worker_client.get(url).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    killer = psycopg2.connect(**{k: v for k, v in params.items() if k != "cursor_factory"})
    killer.autocommit = True
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        killer.close()
    try:
        response = worker_client.post(url, NOTE)
        body = response.content.decode()
        assert response.status_code == 503
        assert NOTE["talked_about"] in body
        _no_stack_trace(body)
        assert worker_client.get("/healthz").status_code == 503
    finally:
        # What a server does at the start of its next request (close_old_connections).
        connection.close()
    assert worker_client.get("/healthz").status_code == 200
    assert worker_client.post(url, NOTE).status_code == 302
    assert SessionNote.objects.filter(talked_about=NOTE["talked_about"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_while_nothing_listens_at_the_database_address(client):
    _pg_only()
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    client.raise_request_exception = False
    real = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=closed_port)
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.update(real)
    assert response.status_code == 503
    assert client.get("/healthz").status_code == 200
