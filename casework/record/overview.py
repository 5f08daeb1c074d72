"""What the overview answers: what do I need to know before I see this person today?

Each function is one small query (or none when the viewer may not read it), so
the overview's query count does not grow with the record.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import Case, IntegerField, Subquery, Value, When

from casework import access
from casework.access import Can
from casework.checkins.models import URGENT
from casework.common.counting import AskedTogether
from casework.models import AlertResponse, CorrectionRequest
from casework.notes.models import SETS_NEXT_CONTACT

OPEN_REQUESTS_SHOWN = 5


def latest_notes(user, person) -> dict:
    """The last session, the next contact planned, and the latest "going well", in one query.

    The last session is the row; the other two ride on it as subqueries over the same
    notes (uncorrelated: PostgreSQL and SQLite run each once). With no notes, all three
    are ``None``.
    """
    notes = access.notes_visible_to(user, person).order_by("-happened_at", "-id")
    going_well = notes.exclude(going_well="")
    last = (
        notes.only("pk", "person_id", "happened_at")
        .annotate(
            planned_next=Subquery(notes.filter(SETS_NEXT_CONTACT).values("next_contact_on")[:1]),
            going_well_text=Subquery(going_well.values("going_well")[:1]),
            going_well_at=Subquery(going_well.values("happened_at")[:1]),
        )
        .first()
    )
    if last is None:
        return {"last_session": None, "next_contact": None, "going_well": None}
    return {
        "last_session": last,
        "next_contact": SimpleNamespace(next_contact_on=last.planned_next),
        "going_well": (
            SimpleNamespace(going_well=last.going_well_text, happened_at=last.going_well_at)
            if last.going_well_text
            else None
        ),
    }


def _first(queryset, shown=OPEN_REQUESTS_SHOWN) -> tuple[list, bool]:
    """The first ``shown`` rows, and whether there are more (one query)."""
    rows = list(queryset[: shown + 1])
    return rows[:shown], len(rows) > shown


def open_requests(user, person, abilities, asked: AskedTogether | None = None) -> dict:
    """What is waiting for a worker: new check-ins, correction requests, alert responses.

    Only what this login may read. Each list holds at most ``OPEN_REQUESTS_SHOWN``
    rows; its ``*_more`` flag says the rest are on the focused page. Most days
    nothing is waiting: one query asks whether any list has a row (with whatever else
    the page put in ``asked``), and only the lists that do are read.
    """
    lists = {}
    if Can.READ_CHECK_INS in abilities:
        urgent_first = Case(
            When(URGENT, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        lists["new_check_ins"] = person.check_ins.filter(seen_at__isnull=True).order_by(
            urgent_first, "-created_at", "-id"
        )
    lists["open_corrections"] = (
        CorrectionRequest.objects.filter(
            person=person,
            status=CorrectionRequest.Status.OPEN,
            note__in=access.notes_visible_to(user, person).values("pk"),
        )
        .select_related("note")
        .only("pk", "created_at", "what_is_wrong", "note__id", "note__happened_at")
        .order_by("created_at", "pk")
    )
    if Can.READ_ALERTS in abilities:
        lists["unanswered_responses"] = (
            AlertResponse.objects.filter(
                alert__in=access.alerts_visible_to(user, person).current().values("pk"),
                reply="",
            )
            .select_related("alert")
            .only("pk", "at", "text", "alert__id", "alert__wording")
            .order_by("at", "pk")
        )
    asked = asked if asked is not None else AskedTogether()
    asked.add(**lists)
    answer = {"has_open_requests": any(asked.found(name) for name in lists)}
    for name in ("new_check_ins", "open_corrections", "unanswered_responses"):
        rows, more = _first(lists[name]) if name in lists and asked.found(name) else ([], False)
        answer[name] = rows
        answer[f"{name}_more"] = more
    return answer
