"""A throwaway copy of the bench database, so that every bench run starts from the seed.

A bench run writes: the note save adds notes, every record page read adds an access
event (about 1,100 on the showcase person's record a run at ``medium``), every sign-in
a session. The showcase person's record download includes their access log, so it
grew from run to run (87 to 155 ms in-process over eight runs) and two runs of the
same code were not comparable. ``manage.py bench`` therefore seeds the database it is
given once and measures a copy, made from it as a template and dropped afterwards
(PostgreSQL copies the files: about a second for ``medium``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from django.db import connections

SUFFIX = "_run"
TRIES = 20  # autovacuum may be visiting the seed database; it leaves within seconds


def scratch_name(seed: str) -> str:
    return f"{seed[: 63 - len(SUFFIX)]}{SUFFIX}"  # PostgreSQL names are at most 63 bytes


def url_for(database_url: str, name: str) -> str:
    """``database_url`` with its database name replaced by ``name`` (options kept)."""
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _maintenance(connection, sql: str) -> None:
    """Run ``sql`` outside any transaction, connected to the ``postgres`` database."""
    import psycopg2

    params = {**connection.get_connection_params(), "dbname": "postgres"}
    link = psycopg2.connect(**params)
    try:
        link.autocommit = True
        with link.cursor() as cursor:
            cursor.execute(sql)
    finally:
        link.close()


def _drop(connection, name: str, version: int) -> None:
    force = " WITH (FORCE)" if version >= 130000 else ""
    _maintenance(connection, f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}{force}")


def _copy(connection, seed: str, name: str, version: int) -> None:
    from psycopg2.errors import ObjectInUse

    strategy = " STRATEGY FILE_COPY" if version >= 150000 else ""
    quote = connection.ops.quote_name
    sql = f"CREATE DATABASE {quote(name)} TEMPLATE {quote(seed)}{strategy}"
    for attempt in range(TRIES):
        try:
            _maintenance(connection, sql)
            return
        except ObjectInUse:
            # "source database is being accessed by other users": wait for them to go.
            if attempt == TRIES - 1:
                raise
            time.sleep(0.5)


@contextmanager
def copy_of_the_database(alias: str = "default") -> Iterator[str | None]:
    """Point ``alias`` at a fresh copy of its database for the ``with`` block; drop it after.

    Yields the copy's name, or ``None`` on SQLite (measured in place: the bench warns
    that its budgets are set for PostgreSQL). A copy left by a run that was killed is
    dropped first.
    """
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield None
        return
    seed = connection.settings_dict["NAME"]
    name = scratch_name(seed)
    version = connection.pg_version  # read before closing: it connects to find out
    connection.close()  # a template must have no connections
    _drop(connection, name, version)
    _copy(connection, seed, name, version)
    connection.settings_dict["NAME"] = name
    try:
        yield name
    finally:
        connection.close()
        connection.settings_dict["NAME"] = seed
        _drop(connection, name, version)
