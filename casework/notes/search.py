"""Search across the session notes of the signed-in worker's own caseload.

PostgreSQL: full-text search (English stemming, ``websearch`` syntax) ranked by
relevance, using the GIN index from migration 0002, with ``ts_headline`` snippets.
SQLite: every word must appear (``icontains``) in one of the text fields, newest
first, with snippets cut in Python. Either way the snippet is escaped here and
only our own ``<mark>`` tags are added, so note text can never inject HTML.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from casework.access import notes_searchable_by
from casework.models import SessionNote

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
SNIPPET_CHARS = 90
START, STOP = "\x02", "\x03"  # markers no keyboard produces; turned into <mark> after escaping
_MARKERS = re.compile(f"[{START}{STOP}]")


def _terms(query: str) -> list[str]:
    return [t for t in query.split() if t][:MAX_TERMS]


def clean_query(query: str | None) -> str:
    return _MARKERS.sub("", (query or "").strip())[:MAX_QUERY_LENGTH]


def search_notes(user, query: str) -> QuerySet[SessionNote]:
    """Notes on ``user``'s own caseload matching ``query``; each has ``.headline`` on PostgreSQL."""
    query = clean_query(query)
    notes = notes_searchable_by(user).select_related("person", "author")
    if not _terms(query):
        return notes.none()
    if connection.vendor == "postgresql":
        vector = SearchVector("talked_about", "going_well", "next_steps", config="english")
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
