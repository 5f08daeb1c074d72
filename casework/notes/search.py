"""Search across the session notes of the signed-in worker's own caseload.

PostgreSQL: full-text search (English stemming, ``websearch`` syntax) ranked by
relevance. Match and rank both read the stored ``search_vector`` column and its
GIN index (migration 0016), so no ``to_tsvector`` is computed at search time;
``ts_headline`` snippets are made for the rows of the page only.
SQLite: every word must appear (``icontains``) in one of the text fields, newest
first, with snippets cut in Python. Either way the snippet is escaped here and
only our own ``<mark>`` tags are added, so note text can never inject HTML.

Which notes a user may find is decided by ``casework.access.notes_searchable_by``
alone. ``search_page`` reads one page and the number of matches in one query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, Expression, F, Func, Q, QuerySet, TextField, Window
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from casework.access import notes_searchable_by
from casework.common.pagination import CountedPaginator
from casework.models import SessionNote

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
MAX_PAGE = 100_000  # a larger page number is treated as "past the end"
MAX_TERMS = 10
SNIPPET_CHARS = 90
START, STOP = "\x02", "\x03"  # markers no keyboard produces; turned into <mark> after escaping
_MARKERS = re.compile(f"[{START}{STOP}]")


def _terms(query: str) -> list[str]:
    return [t for t in query.split() if t][:MAX_TERMS]


def clean_query(query: str | None) -> str:
    return _MARKERS.sub("", (query or "").strip())[:MAX_QUERY_LENGTH]


class StoredSearchVector(Expression):
    """The notes table's generated ``search_vector`` column (PostgreSQL only, migration 0016).

    Not a model field: Django must never write a generated column, and SQLite has
    no such column. Always the outermost query's notes table.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


def search_notes(user, query: str) -> QuerySet[SessionNote]:
    """Notes on ``user``'s own caseload matching ``query``; each has ``.headline`` on PostgreSQL."""
    query = clean_query(query)
    notes = notes_searchable_by(user).select_related("person", "author")
    if not _terms(query):
        return notes.none()
    if connection.vendor == "postgresql":
        vector = StoredSearchVector()
        search = SearchQuery(query, config="english", search_type="websearch")
        text = Func(
            F("talked_about"),
            F("going_well"),
            F("next_steps"),
            function="concat_ws",
            template="%(function)s(' ', %(expressions)s)",
            output_field=TextField(),
        )
        headline = SearchHeadline(
            text,
            search,
            config="english",
            start_sel=START,
            stop_sel=STOP,
            max_words=30,
            min_words=12,
        )
        return (
            notes.annotate(rank=SearchRank(vector, search), headline=headline)
            .alias(matches=vector)
            .filter(matches=search)
            .order_by("-rank", "-happened_at", "-id")
        )
    condition = Q()
    for term in _terms(query):
        condition &= (
            Q(talked_about__icontains=term)
            | Q(going_well__icontains=term)
            | Q(next_steps__icontains=term)
        )
    return notes.filter(condition).order_by("-happened_at", "-id")


@dataclass
class SearchResults:
    page: Page
    total: int


def search_page(user, query: str, number, size: int = PAGE_SIZE) -> SearchResults:
    """One page of ``search_notes`` and the number of matches, in one query.

    The total comes with the rows (``COUNT(*) OVER ()``): ranking already has to
    find every match, so counting them costs nothing more, and the match is not
    run a second time for the paginator. Only a page number past the end (an old
    link) costs one more query, for the last page, like ``Paginator.get_page``.
    """
    try:
        number = min(max(1, int(number)), MAX_PAGE)
    except (TypeError, ValueError, OverflowError):
        number = 1
    matches = search_notes(user, query)
    start = (number - 1) * size
    rows = list(matches.annotate(total_matches=Window(Count("*")))[start : start + size])
    if not rows and number > 1:
        total = matches.count()
        if total:
            return search_page(user, query, -(-total // size), size)
        number = 1
    total = rows[0].total_matches if rows else 0
    paginator = CountedPaginator([], size, count=total)
    return SearchResults(page=Page(rows, number, paginator), total=total)


def marked_html(text: str) -> SafeString:
    """Escape ``text`` and turn START/STOP markers into <mark> elements (always balanced)."""
    out, open_mark = [], False
    for piece in re.split(f"([{START}{STOP}])", text):
        if piece == START and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif piece == STOP and open_mark:
            out.append("</mark>")
            open_mark = False
        elif piece not in (START, STOP):
            out.append(str(escape(piece)))
    if open_mark:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of note text is escaped above


def snippet(note: SessionNote, query: str) -> SafeString:
    """A short, escaped extract of ``note`` with the search words marked."""
    headline = getattr(note, "headline", None)
    if headline is not None:
        return marked_html(headline)
    text = " ".join(
        _MARKERS.sub("", t) for t in (note.talked_about, note.going_well, note.next_steps) if t
    )
    terms = _terms(clean_query(query))
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - SNIPPET_CHARS) if first else 0
    end = min(len(text), (first.end() if first else 0) + SNIPPET_CHARS)
    window = text[start:end]
    if pattern:
        window = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return marked_html(f"{prefix}{window}{suffix}")
