"""The database itself refuses to change or delete access-log rows (ASVS V7.3.3).

The model already refuses ``save()`` on an existing row and ``delete()``; these
triggers also stop raw SQL, the admin, a shell or a bug. One migration serves
both databases: it asks the connection which one it is talking to.

* PostgreSQL: row triggers reject UPDATE and DELETE; a statement trigger rejects
  TRUNCATE unless the session has run ``SET recovery.allow_truncate = 'on'``.
  That escape exists for the test suite's database flush (pytest-django's
  ``transactional_db``); in production the app's role has no TRUNCATE privilege
  on the table at all (docs/operations.md), so setting the variable gains it
  nothing.
* SQLite: BEFORE UPDATE and BEFORE DELETE triggers with RAISE(ABORT, ...).
  SQLite has no TRUNCATE (Django's flush deletes rows, which the trigger stops).
"""

from django.db import migrations

TABLE = "casework_accessevent"
MESSAGE = "The access log is append-only: its rows cannot be changed or deleted."

POSTGRESQL_UP = f"""
CREATE OR REPLACE FUNCTION casework_accessevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE'
       AND coalesce(current_setting('recovery.allow_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Only a test database flush may TRUNCATE, after SET recovery.allow_truncate = on.';
END
$$;
CREATE TRIGGER casework_accessevent_no_update_delete
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION casework_accessevent_append_only();
CREATE TRIGGER casework_accessevent_no_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION casework_accessevent_append_only();
"""

POSTGRESQL_DOWN = f"""
DROP TRIGGER IF EXISTS casework_accessevent_no_truncate ON {TABLE};
DROP TRIGGER IF EXISTS casework_accessevent_no_update_delete ON {TABLE};
DROP FUNCTION IF EXISTS casework_accessevent_append_only();
"""

SQLITE_UP = [
    f"""CREATE TRIGGER casework_accessevent_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER casework_accessevent_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS casework_accessevent_no_update;",
    "DROP TRIGGER IF EXISTS casework_accessevent_no_delete;",
]


def _statements(vendor, up):
    if vendor == "postgresql":
        return [POSTGRESQL_UP if up else POSTGRESQL_DOWN]
    if vendor == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    raise NotImplementedError(f"No append-only triggers written for {vendor}.")


def add_triggers(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, up=True):
        schema_editor.execute(sql, params=None)


def drop_triggers(apps, schema_editor):
    for sql in _statements(schema_editor.connection.vendor, up=False):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0002_session_notes"),
    ]

    operations = [
        migrations.RunPython(add_triggers, drop_triggers, elidable=False),
    ]
