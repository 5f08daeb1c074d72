"""What is new in a person's record since they last looked: one function per source.

Each source takes ``(person, since, limit)`` and returns up to ``limit``
``NewItem``s newer than ``since`` (``since`` is ``None`` on a first visit: show
the most recent). Sources must run a constant number of queries.

A source registered with ``new=`` (a function giving the queryset of its rows
newer than ``since``) is read on a return visit only when that queryset has a
row: on most visits little is new, so one query asks every source at once
(``rows_exist``) and only the sources with something new run their own
(docs/performance.md, round 7).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from casework.common.counting import rows_exist
from casework.models import AccessEvent, CorrectionRequest, NoteAddendum, Person, ProfileChange
from strengths.models import PlanSectionRevision, SignificantOther, Voice


@dataclass(frozen=True)
class NewItem:
    at: datetime.datetime
    text: str
    url: str = ""


Source = Callable[[Person, datetime.datetime | None, int], list[NewItem]]
NewRows = Callable[[Person, datetime.datetime | None], QuerySet]
SOURCES: list[Source] = []


def source(*, new: NewRows):
    """Register a source; ``new(person, since)`` is the queryset of its rows newer than ``since``."""

    def register(fn: Source) -> Source:
        fn.new_rows = new
        SOURCES.append(fn)
        return fn

    return register


def describe_access(event_actor_name: str, acting_role: str, action_label: str, what: str) -> str:
    """'Morgan Reid, supervisor (read only), looked at your overview', in plain words."""
    what = what.replace("their ", "your ", 1) if what.startswith("their ") else what
    role = acting_role[:1].lower() + acting_role[1:] if acting_role else "staff"
    return f"{event_actor_name}, {role}, {action_label} {what}"


def _day(value) -> str:
    """A date in words in the page's language ("5 March 2026", "5 Mawrth 2026")."""
    return date_format(value, "j F Y")


def actor_name(first_name: str, last_name: str, username: str) -> str:
    full = f"{first_name} {last_name}".strip()
    return full or username or gettext("Someone at the service")


def others_events(person: Person):
    """The access log of ``person``'s record, without their own visits."""
    events = AccessEvent.objects.filter(person=person)
    if person.user_id:
        events = events.filter(Q(actor_id__isnull=True) | ~Q(actor_id=person.user_id))
    return events


def _plural(what: str) -> str:
    """'a session note (correcting)' -> 'session notes (correcting)'; 'your overview' as it is."""
    for article in ("a ", "an "):
        if what.startswith(article):
            noun, bracket, rest = what[len(article) :].partition(" (")
            return f"{noun}s{bracket}{rest}"
    return what


def on_day(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return gettext("today")
    if day == today - datetime.timedelta(days=1):
        return gettext("yesterday")
    return gettext("on %(day)s") % {"day": date_format(day, "j F")}


def describe_looks(who: str, acting_role: str, action_label: str, what: str, times: int, day):
    """One look in plain words; several by the same person, of the same part, on one day,
    as one line: 'Rob Hughes, peer support worker, looked at session notes 4 times today'."""
    what = what.replace("their ", "your ", 1) if what.startswith("their ") else what
    if times == 1:
        return describe_access(who, acting_role, action_label, what)
    when = on_day(day, timezone.localdate())
    several = ngettext(
        "%(what)s %(times)d time %(when)s", "%(what)s %(times)d times %(when)s", times
    ) % {"what": _plural(what), "times": times, "when": when}
    return describe_access(who, acting_role, action_label, several)


def _newer(queryset, field: str, since):
    return queryset.filter(**{f"{field}__gt": since}) if since is not None else queryset


def _new_access(person: Person, since) -> QuerySet:
    return _newer(others_events(person), "at", since)


@source(new=_new_access)
def access_by_others(person: Person, since, limit: int) -> list[NewItem]:
    """Who looked at or changed the record, grouped by who, what and day (one query).

    Every single event stays in the full log (``me_access_log``), where each item links.
    """
    events = _new_access(person, since)
    labels = {value: str(label) for value, label in AccessEvent.Action.choices}
    rows = (
        events.annotate(day=TruncDate("at", tzinfo=timezone.get_current_timezone()))
        .values(
            "day",
            "actor",
            "action",
            "what",
            "acting_role",
            "actor__first_name",
            "actor__last_name",
            "actor__username",
        )
        .annotate(times=Count("id"), latest=Max("at"))
        .order_by("-latest", "what")[:limit]
    )
    return [
        NewItem(
            at=row["latest"],
            text=describe_looks(
                actor_name(
                    row["actor__first_name"], row["actor__last_name"], row["actor__username"]
                ),
                row["acting_role"],
                labels.get(row["action"], row["action"]),
                row["what"],
                row["times"],
                row["day"],
            ),
            url="me_access_log",
        )
        for row in rows
    ]


def _new_notes(person: Person, since) -> QuerySet:
    return _newer(person.notes.filter(withheld_reason=""), "created_at", since)


@source(new=_new_notes)
def shared_notes(person: Person, since, limit: int) -> list[NewItem]:
    """New notes shared with the person (withheld ones never show here)."""
    rows = (
        _new_notes(person, since)
        .order_by("-created_at", "-id")
        .values(
            "created_at",
            "happened_at",
            "author__first_name",
            "author__last_name",
            "author__username",
        )[:limit]
    )
    return [
        NewItem(
            at=r["created_at"],
            text=gettext("%(name)s wrote a note about your meeting on %(day)s")
            % {
                "name": actor_name(
                    r["author__first_name"], r["author__last_name"], r["author__username"]
                ),
                "day": _day(r["happened_at"]),
            },
            url="me_notes",
        )
        for r in rows
    ]


def _new_addenda(person: Person, since) -> QuerySet:
    rows = NoteAddendum.objects.filter(note__person=person, note__withheld_reason="")
    return _newer(rows, "created_at", since)


@source(new=_new_addenda)
def addenda(person: Person, since, limit: int) -> list[NewItem]:
    """Something added under a shared note."""
    rows = _new_addenda(person, since).order_by("-created_at", "-id")
    rows = rows.values(
        "created_at",
        "note__happened_at",
        "author__first_name",
        "author__last_name",
        "author__username",
    )[:limit]
    return [
        NewItem(
            at=r["created_at"],
            text=gettext("%(name)s added something to the note of %(day)s")
            % {
                "name": actor_name(
                    r["author__first_name"], r["author__last_name"], r["author__username"]
                ),
                "day": _day(r["note__happened_at"]),
            },
            url="me_notes",
        )
        for r in rows
    ]


def _new_answers(person: Person, since) -> QuerySet:
    rows = CorrectionRequest.objects.filter(person=person, responded_at__isnull=False)
    return _newer(rows, "responded_at", since)


@source(new=_new_answers)
def correction_answers(person: Person, since, limit: int) -> list[NewItem]:
    """Your worker answered a request to put a note right."""
    rows = _new_answers(person, since).order_by("-responded_at", "-id")
    rows = rows.values("responded_at", "note__happened_at")[:limit]
    return [
        NewItem(
            at=r["responded_at"],
            text=gettext("Your worker answered your request about the note of %(day)s")
            % {"day": _day(r["note__happened_at"])},
            url="me_notes",
        )
        for r in rows
    ]


def _new_plan_changes(person: Person, since) -> QuerySet:
    rows = PlanSectionRevision.objects.filter(section__plan__person=person)
    if person.user_id:
        rows = rows.exclude(recorded_by_id=person.user_id)
    return _newer(rows, "created_at", since)


@source(new=_new_plan_changes)
def plan_changes(person: Person, since, limit: int) -> list[NewItem]:
    """Changes to the plan made by someone else (the person's own saves are not news to them)."""
    rows = _new_plan_changes(person, since).order_by("-created_at", "-id")
    rows = rows.values(
        "created_at",
        "heading",
        "recorded_by__first_name",
        "recorded_by__last_name",
        "recorded_by__username",
    )[:limit]
    return [
        NewItem(
            at=r["created_at"],
            text=gettext("%(name)s changed “%(heading)s” in your plan")
            % {
                "name": actor_name(
                    r["recorded_by__first_name"],
                    r["recorded_by__last_name"],
                    r["recorded_by__username"],
                ),
                "heading": r["heading"],
            },
            url="me_plan",
        )
        for r in rows
    ]


def _new_profile_changes(person: Person, since) -> QuerySet:
    rows = ProfileChange.objects.filter(person=person)
    if person.user_id:
        rows = rows.exclude(changed_by_id=person.user_id)
    return _newer(rows, "at", since)


@source(new=_new_profile_changes)
def profile_changes(person: Person, since, limit: int) -> list[NewItem]:
    """Changes to the person's profile made by someone else."""
    rows = _new_profile_changes(person, since).order_by("-at", "-id")
    rows = rows.values(
        "at", "label", "changed_by__first_name", "changed_by__last_name", "changed_by__username"
    )[:limit]
    return [
        NewItem(
            at=r["at"],
            text=gettext("%(name)s changed “%(label)s” in your profile")
            % {
                "name": actor_name(
                    r["changed_by__first_name"],
                    r["changed_by__last_name"],
                    r["changed_by__username"],
                ),
                "label": r["label"],
            },
            url="me_profile",
        )
        for r in rows
    ]


def _new_circle_choices(person: Person, since) -> QuerySet:
    rows = (
        SignificantOther.objects.active()
        .filter(person=person, involvement_set_as=Voice.WORKER)
        .exclude(involvement_before="")
    )
    return _newer(rows, "involvement_set_at", since)


@source(new=_new_circle_choices)
def circle_choices_recorded(person: Person, since, limit: int) -> list[NewItem]:
    """A worker recorded a circle choice the person made in a session: theirs to check or undo."""
    rows = _new_circle_choices(person, since).order_by("-involvement_set_at", "-id")
    rows = rows.values(
        "involvement_set_at",
        "involvement_said_on",
        "involvement",
        "name",
        "involvement_set_by__first_name",
        "involvement_set_by__last_name",
        "involvement_set_by__username",
    )[:limit]
    labels = {value: str(label) for value, label in SignificantOther.Involvement.choices}
    items = []
    for r in rows:
        who = actor_name(
            r["involvement_set_by__first_name"],
            r["involvement_set_by__last_name"],
            r["involvement_set_by__username"],
        )
        said = r["involvement_said_on"]
        words = {
            "name": who,
            "member": r["name"],
            "choice": labels.get(r["involvement"], r["involvement"]),
        }
        if said:
            text = gettext(
                "%(name)s recorded your choice for %(member)s: “%(choice)s”, as you said in "
                "the session on %(day)s. Not right? You can undo it on your circle page."
            ) % {**words, "day": _day(said)}
        else:
            text = (
                gettext(
                    "%(name)s recorded your choice for %(member)s: “%(choice)s”. "
                    "Not right? You can undo it on your circle page."
                )
                % words
            )
        items.append(
            NewItem(
                at=r["involvement_set_at"],
                text=text,
                url="me_circle",
            )
        )
    return items


def whats_new(person: Person, since, limit: int = 8) -> list[NewItem]:
    """The newest items from every source with something new, newest first.

    On a first visit (``since`` is ``None``) every source shows its latest, so each is
    read; on a return visit one query first asks which sources have anything new.
    """
    asked = {
        str(i): fn.new_rows(person, since)
        for i, fn in enumerate(SOURCES)
        if since is not None and getattr(fn, "new_rows", None) is not None
    }
    found = rows_exist(**asked) if asked else {}
    items = [
        item
        for i, fn in enumerate(SOURCES)
        if found.get(str(i), True)  # a source with no ``new`` is always asked
        for item in fn(person, since, limit)
    ]
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]
