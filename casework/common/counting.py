"""Several row counts in one round trip to the database.

A page that shows five numbers (the supervisor home: the people the teams support,
the login's own caseload, overdue alert reviews, pending and done handovers) asked
five ``COUNT(*)`` queries, each built, compiled and sent on its own. ``row_counts``
asks them as scalar subqueries of one ``SELECT`` (docs/performance.md, round 6).
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def row_counts(**querysets: QuerySet) -> dict[str, int]:
    """How many rows each of ``querysets`` has, by name, in one query.

    Each queryset is compiled by Django, so every value in it stays a query
    parameter. One that can match nothing (``.none()``, ``pk__in=[]``) counts 0
    without being sent.
    """
    names, parts, params = [], [], []
    answer = {}
    for name, queryset in querysets.items():
        try:
            sql, more = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            answer[name] = 0
            continue
        names.append(name)
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608 (Django's SQL)
        params.extend(more)
    if parts:
        database = next(iter(querysets.values())).db
        with connections[database].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            answer.update(zip(names, cursor.fetchone(), strict=True))
    return {name: answer[name] for name in querysets}
