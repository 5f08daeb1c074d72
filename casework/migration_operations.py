"""Migration operations that only do something on PostgreSQL.

The default database is SQLite, so every migration must run there too. The
full-text search index exists only on PostgreSQL. It is created with raw SQL and
kept out of the model state on purpose: SQLite rebuilds a table from its state
whenever a column changes, and would then try to build a GIN index it cannot.
"""

from django.db import migrations


class RunSQLOnPostgres(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return "Raw SQL on PostgreSQL only"
