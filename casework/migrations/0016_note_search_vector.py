"""A stored full-text vector for session notes, with its own GIN index (PostgreSQL only).

Search used an expression index (0002) but ranked and re-checked every candidate
row by computing ``to_tsvector`` again, for the page and again for the count.
The vector is now a generated ``STORED`` column, so PostgreSQL computes it once
when a note is written (inserts, ``COPY`` in the bulk seed and updates alike) and
search reads it for both the match and the rank. The expression index is no
longer used and is dropped.

The column is kept out of Django's model state on purpose (see
``casework.migration_operations``): SQLite has no ``tsvector``, and Django must
never write to a generated column. Adding it rewrites the notes table once under
an exclusive lock (about a minute per million notes on modest hardware).
"""

from django.db import migrations

from casework.migration_operations import RunSQLOnPostgres

# The same text and configuration as 0002's index and Django's
# SearchVector("talked_about", "going_well", "next_steps", config="english"),
# so ranks are unchanged.
ADD_COLUMN = """
ALTER TABLE casework_sessionnote ADD COLUMN search_vector tsvector
GENERATED ALWAYS AS (
    to_tsvector('english'::regconfig,
        ((((COALESCE(talked_about, ''::text) || ' '::text) || COALESCE(going_well, ''::text))
        || ' '::text) || COALESCE(next_steps, ''::text)))
) STORED
"""

ADD_INDEX = "CREATE INDEX note_search_vector_idx ON casework_sessionnote USING gin (search_vector)"

OLD_INDEX = """
CREATE INDEX note_search_idx ON casework_sessionnote USING gin (
    to_tsvector('english'::regconfig,
        ((((COALESCE(talked_about, ''::text) || ' '::text) || COALESCE(going_well, ''::text))
        || ' '::text) || COALESCE(next_steps, ''::text)))
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0015_peer_choice_alerts_check_ins"),
    ]

    operations = [
        RunSQLOnPostgres(
            [
                ADD_COLUMN,
                ADD_INDEX,
                "DROP INDEX IF EXISTS note_search_idx",
                # Statistics for the new column now, not whenever autovacuum runs.
                "ANALYZE casework_sessionnote",
            ],
            reverse_sql=[
                OLD_INDEX,
                "DROP INDEX IF EXISTS note_search_vector_idx",
                "ALTER TABLE casework_sessionnote DROP COLUMN search_vector",
            ],
        ),
    ]
