"""The access log is append-only in the database itself, not only in the model.

Each database's triggers are proved on that database; CI runs the suite on
both SQLite and PostgreSQL, so both sets run there.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from casework.access import record_access
from casework.models import AccessEvent

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL triggers: run with DATABASE_URL=postgres://... (CI does)",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite triggers: run without DATABASE_URL (CI does)",
)
TABLE = AccessEvent._meta.db_table


@pytest.fixture
def event(worker, person):
    return record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")


def _raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_model_refuses_changes(event):
    event.what = "something else"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AccessEvent.objects.filter(pk=event.pk).update(what="x")
    with pytest.raises(PermissionError):
        AccessEvent.objects.all().delete()


def test_new_events_can_still_be_added(event, worker, person):
    record_access(worker, person, AccessEvent.Action.CHANGED, "their plan")
    assert AccessEvent.objects.filter(person=person).count() == 2


@pytest.mark.parametrize(
    "sql",
    [f"UPDATE {TABLE} SET what = 'nothing' WHERE id = %s", f"DELETE FROM {TABLE} WHERE id = %s"],
    ids=["update", "delete"],
)
def test_raw_sql_cannot_change_or_delete_a_row(event, sql):
    with pytest.raises(DatabaseError, match="append-only"):
        _raw(sql, [event.pk])
    event.refresh_from_db()
    assert event.what == "their overview"


@on_postgresql
def test_postgresql_refuses_truncate(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # The test connection allows a flush (tests/conftest.py); the app's
        # connection does not set this, so production runs with it off.
        cursor.execute("SET LOCAL recovery.allow_truncate = 'off'")
        # Run the test transaction's deferred foreign-key checks now, or
        # PostgreSQL refuses TRUNCATE for that reason before our trigger runs.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {TABLE} CASCADE")
    assert AccessEvent.objects.filter(pk=event.pk).exists()


@on_postgresql
def test_postgresql_triggers_are_installed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [TABLE],
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"casework_accessevent_no_update_delete", "casework_accessevent_no_truncate"}


@on_sqlite
def test_sqlite_triggers_are_installed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"casework_accessevent_no_update", "casework_accessevent_no_delete"}


@on_postgresql
def test_postgresql_allows_truncate_only_when_the_session_asks(event):
    # The escape used by a test database flush; docs/operations.md explains why
    # the production role gains nothing from it (it has no TRUNCATE privilege).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL recovery.allow_truncate = 'on'")
        cursor.execute(f"TRUNCATE {TABLE} CASCADE")
        assert not AccessEvent.objects.exists()
        transaction.set_rollback(True)
    assert AccessEvent.objects.filter(pk=event.pk).exists()


def test_a_person_with_access_events_cannot_be_deleted(event, person):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        person.delete()


def test_refused_record_access_is_logged(client_for, other_worker, person, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="recovery_practice.security")
    response = client_for(other_worker).get(f"/people/{person.pk}/")
    assert response.status_code == 404
    messages = [r.getMessage() for r in caplog.records if r.name == "recovery_practice.security"]
    assert any(
        m.startswith(f"record access refused: user_id={other_worker.pk} username=bob")
        for m in messages
    ), messages


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_test_database_flush_still_works(worker, person):
    # pytest-django empties the database with TRUNCATE after a transactional
    # test; conftest's session setting lets that through. If it did not, this
    # test would error in teardown.
    record_access(worker, person, AccessEvent.Action.VIEWED, "their overview")
    assert AccessEvent.objects.count() == 1
