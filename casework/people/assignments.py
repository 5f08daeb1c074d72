"""Changes to who works with a person, in plain words, logged on their record.

The admin site saves case assignments; this module says what changed and logs
it (``access.record_change``), and reads those changes back for the
person's "who can see my record" page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

from casework import access
from casework.models import AccessEvent, CaseAssignment, Person, User

# Every logged change to who works with someone starts with this, so the
# person's page can find them among the other changes to the record.
PREFIX = "who works with you: "
RECENT_CHANGES = 10


def _role(assignment: CaseAssignment) -> str:
    label = assignment.get_role_display()
    return label[:1].lower() + label[1:]


def _added(a: CaseAssignment) -> str:
    return f"{a.worker.display_name()} added as {_role(a)}"


def _removed(a: CaseAssignment) -> str:
    return f"{a.worker.display_name()} removed"


def _changes(before: CaseAssignment, after: CaseAssignment) -> list[str]:
    """What changed in one assignment that stayed with the same person."""
    name = after.worker.display_name()
    if before.worker_id != after.worker_id:
        return [f"{before.worker.display_name()} replaced by {name} as {_role(after)}"]
    changes = []
    if before.role != after.role:
        changes.append(f"{name} now {_role(after)} (was {_role(before)})")
    if before.started_on != after.started_on:
        changes.append(f"{name}'s work with you starts on {date_format(after.started_on, 'j F Y')}")
    if before.ended_on != after.ended_on:
        if after.ended_on:
            changes.append(f"{name}'s work with you ends on {date_format(after.ended_on, 'j F Y')}")
        else:
            changes.append(f"{name}'s end date taken away: the work goes on")
    return changes


def log_assignment_saved(actor: User, before: CaseAssignment | None, after: CaseAssignment):
    """Log a created or changed assignment on each person it touches (nothing if unchanged)."""
    if before is None:
        _log(actor, after.person, [_added(after)])
    elif before.person_id != after.person_id:
        _log(actor, before.person, [_removed(before)])
        _log(actor, after.person, [_added(after)])
    else:
        _log(actor, after.person, _changes(before, after))


def log_assignment_removed(actor: User, assignment: CaseAssignment):
    _log(actor, assignment.person, [_removed(assignment)])


def _log(actor: User, person: Person, changes: list[str]):
    if changes:
        access.record_change(actor, person, PREFIX + "; ".join(changes))


@dataclass(frozen=True)
class AssignmentChange:
    at: datetime.datetime
    text: str


def recent_assignment_changes(person: Person) -> list[AssignmentChange]:
    """The last changes to who works with ``person``, newest first (one query)."""
    rows = (
        AccessEvent.objects.filter(
            person=person, action=AccessEvent.Action.CHANGED, what__startswith=PREFIX
        )
        .order_by("-at", "-id")
        .values_list("at", "what")[:RECENT_CHANGES]
    )
    return [AssignmentChange(at=at, text=what.removeprefix(PREFIX)) for at, what in rows]
