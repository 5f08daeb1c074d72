"""What other pages show of handovers: the record overview's panel and links, the person's home."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from casework.access import HANDED_OVER_ROLES, Can
from casework.handover.models import Handover
from casework.models import CaseAssignment, Person


def handover_panel_rows(user, person: Person, abilities) -> QuerySet[Handover]:
    """The pending handovers the overview's panel is about, newest first: to ``user``
    (until they mark it read), or from ``user`` with the note still to write. Nothing for
    a login that may neither take one up nor write its note."""
    if Can.TAKE_UP_HANDOVER not in abilities and Can.WRITE_HANDOVER_NOTE not in abilities:
        return Handover.objects.none()
    return (
        person.handovers.pending()
        .filter(Q(to_worker=user) | Q(from_worker=user, outgoing_note_at__isnull=True))
        .select_related("from_worker", "to_worker")
        .order_by("-created_at", "-id")
    )


def handover_links(person: Person, abilities) -> list[dict]:
    """For a supervisor who may hand over: one link per worker to hand this person over from."""
    if Can.HAND_OVER not in abilities:
        return []
    assignments = (
        CaseAssignment.objects.active()
        .filter(person=person, role__in=HANDED_OVER_ROLES, handed_over_in__isnull=True)
        .select_related("worker")
        .order_by("role", "pk")
    )
    return [
        {
            "worker": a.worker,
            "url": reverse("handover_new")
            + "?"
            + urlencode({"from": a.worker_id, "person": person.pk}),
        }
        for a in assignments
    ]


def latest_for_person(person: Person) -> Handover | None:
    """The person's latest handover, for their home page (one query)."""
    return (
        person.handovers.select_related("from_worker", "to_worker")
        .order_by("-created_at", "-id")
        .first()
    )
