"""Several row counts, or several "any rows?", in one round trip to the database.

A page that shows five numbers (the supervisor home: the people the teams support,
the login's own caseload, overdue alert reviews, pending and done handovers) asked
five ``COUNT(*)`` queries, each built, compiled and sent on its own. ``row_counts``
asks them as scalar subqueries of one ``SELECT`` (docs/performance.md, round 6).

A page with several short lists that are usually empty (the overview's open
requests, the archived items) asks ``rows_exist`` first, and then reads only the
lists that have something in them (round 7).
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def _compiled(querysets: dict[str, QuerySet]) -> tuple[list[str], list[str], list, set[str]]:
    """Each queryset's SQL and parameters as a one-column subquery (Django compiles it).

    Returns the names, their SQL, all parameters in order, and the names of the
    querysets that can match nothing (``.none()``, ``pk__in=[]``), which are not sent.
    """
    names, parts, params, empty = [], [], [], set()
    for name, queryset in querysets.items():
        try:
            sql, more = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            empty.add(name)
            continue
        names.append(name)
        parts.append(sql)
        params.extend(more)
    return names, parts, params, empty


def _one_row(querysets: dict[str, QuerySet], columns: list[str], params: list) -> tuple:
    database = next(iter(querysets.values())).db
    with connections[database].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        return cursor.fetchone()


def row_counts(**querysets: QuerySet) -> dict[str, int]:
    """How many rows each of ``querysets`` has, by name, in one query.

    Each queryset is compiled by Django, so every value in it stays a query
    parameter. One that can match nothing (``.none()``, ``pk__in=[]``) counts 0
    without being sent.
    """
    return counted_and_found(count=querysets)


def rows_exist(**querysets: QuerySet) -> dict[str, bool]:
    """Whether each of ``querysets`` has any row, by name, in one query.

    As ``row_counts``: compiled by Django, and a queryset that can match nothing is
    ``False`` without being sent. The database stops at each one's first row.
    """
    return counted_and_found(exist=querysets)


def counted_and_found(
    *, count: dict[str, QuerySet] | None = None, exist: dict[str, QuerySet] | None = None
) -> dict:
    """``row_counts`` of ``count`` and ``rows_exist`` of ``exist``, together in one query.

    A page that counts one list and asks whether others have anything (the caseload:
    its size, and whether an urgent check-in or a request to rearrange is waiting)
    sends one statement for all of them. Names are shared by both kinds.
    """
    count, exist = count or {}, exist or {}
    if set(count) & set(exist):
        raise ValueError(f"Asked twice: {sorted(set(count) & set(exist))}")
    querysets = {**count, **exist}
    names, parts, params, empty = _compiled(querysets)
    answer = {name: 0 if name in count else False for name in empty}
    if parts:
        # Django's SQL, with every value a parameter.
        columns = [
            f"(SELECT COUNT(*) FROM ({sql}) AS counted)" if name in count else f"EXISTS({sql})"  # noqa: S608
            for name, sql in zip(names, parts, strict=True)
        ]
        for name, value in zip(names, _one_row(querysets, columns, params), strict=True):
            answer[name] = value if name in count else bool(value)  # SQLite answers 0 or 1
    return {name: answer[name] for name in querysets}


class AskedTogether:
    """Short lists that are usually empty, asked "any rows?" together when the first is read.

    ``add`` the querysets first; ``rows(name)`` then runs one ``rows_exist`` for all of
    them and gives the queryset where it has rows, an empty list (no query) where not.
    """

    def __init__(self, **querysets: QuerySet):
        self._querysets: dict[str, QuerySet] = {}
        self._found: dict[str, bool] | None = None
        self.add(**querysets)

    def add(self, **querysets: QuerySet) -> None:
        if self._found is not None:
            raise RuntimeError("Add every list before the first is read: they are asked once.")
        self._querysets.update(querysets)

    def found(self, name: str) -> bool:
        if self._found is None:
            self._found = rows_exist(**self._querysets) if self._querysets else {}
        return self._found[name]

    def rows(self, name: str) -> QuerySet | list:
        return self._querysets[name] if self.found(name) else []

    def first(self, name: str):
        """The list's first row, or ``None`` (with no query of its own when it is empty)."""
        return self._querysets[name].first() if self.found(name) else None
