"""Reflective supervision notes: the action that records one, and what each side may read."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from casework.access import SUPERVISOR_READ_ONLY, caseload_for
from casework.models import AccessEvent, Person, SupervisionNote, User

DISCUSSED = "discussed in supervision"


@transaction.atomic
def record_supervision_note(
    supervisor: User, worker: User, *, people: list[Person] | QuerySet, **fields
) -> SupervisionNote:
    """Save a supervision note and tell each person referred to, by date only.

    ``people`` must be on the worker's caseload now (the form offers no others;
    anyone else is dropped here too). Their access log gets "discussed in
    supervision", never the text.
    """
    allowed = caseload_for(worker).filter(pk__in=[p.pk for p in people])
    note = SupervisionNote.objects.create(supervisor=supervisor, worker=worker, **fields)
    allowed = list(allowed)
    note.people_discussed.set(allowed)
    AccessEvent.objects.bulk_create(
        AccessEvent(
            person=person,
            actor=supervisor,
            action=AccessEvent.Action.VIEWED,
            what=DISCUSSED,
            acting_role=SUPERVISOR_READ_ONLY,
        )
        for person in allowed
    )
    return note


def notes_between(supervisor: User, worker: User) -> QuerySet[SupervisionNote]:
    return SupervisionNote.objects.filter(supervisor=supervisor, worker=worker).prefetch_related(
        "people_discussed"
    )


def notes_for_worker(worker: User) -> QuerySet[SupervisionNote]:
    return (
        SupervisionNote.objects.filter(worker=worker)
        .select_related("supervisor")
        .prefetch_related("people_discussed")
    )
