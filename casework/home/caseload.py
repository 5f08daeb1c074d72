"""The worker's caseload at a glance: one query per page, whatever its size."""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.access import (
    Can,
    alerts_visible_to,
    caseload_for,
    caseload_note_sources,
    people_readable_for,
    people_where_user_may,
)
from casework.alerts.actions import with_alerts_due_review
from casework.appointments.reads import with_next_appointment, with_open_rearrange_requests
from casework.checkins.actions import with_check_in_counts
from casework.models import CorrectionRequest, Person
from casework.notes.models import SETS_NEXT_CONTACT
from strengths.models import Setback
from strengths.plan.reads import with_plan_review_due

SORTS = {
    "longest": _("Seen longest ago first"),
    "next": _("Next contact soonest"),
    "name": _("Name"),
}
DEFAULT_SORT = "longest"
DEFAULT_NOT_SEEN_WEEKS = 4
RECENT_SETBACK_WEEKS = 6


def not_seen_cutoff(weeks: int, now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(weeks=weeks)


def with_open_corrections(people: QuerySet[Person]) -> QuerySet[Person]:
    """Annotate ``open_corrections``: the person's unanswered correction requests (a subquery)."""
    open_requests = (
        CorrectionRequest.objects.filter(
            person=OuterRef("pk"), status=CorrectionRequest.Status.OPEN
        )
        .order_by()
        .values("person")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    return people.annotate(
        open_corrections=Coalesce(Subquery(open_requests, output_field=IntegerField()), 0)
    )


def caseload_overview(
    user, *, sort: str = DEFAULT_SORT, not_seen_weeks: int | None = None
) -> QuerySet[Person]:
    """``user``'s people with ``last_contact``, ``next_contact`` and ``latest_going_well``.

    With ``not_seen_weeks``, only people not seen for that long (or never).
    """

    # Only notes this user may read: a peer supporter's caseload shows no other
    # worker's note unless the person has said so. The access module gives both
    # sources; CASE runs the peer rule only on peer rows (one correlated
    # subquery through notes_visible_to cost seconds at 500,000 notes).
    reads_all, all_notes, peer_notes = caseload_note_sources(user)

    def latest(field, *, going_well=False, next_contact=False):
        def pick(notes):
            if going_well:
                notes = notes.exclude(going_well="")
            if next_contact:
                notes = notes.filter(SETS_NEXT_CONTACT)
            return Subquery(notes.order_by("-happened_at", "-id").values(field)[:1])

        if reads_all is None:
            return pick(all_notes)
        return Case(When(reads_all_notes=True, then=pick(all_notes)), default=pick(peer_notes))

    since = timezone.localdate() - datetime.timedelta(weeks=RECENT_SETBACK_WEEKS)
    people = caseload_for(user)
    if reads_all is not None:
        people = people.annotate(reads_all_notes=reads_all)
    people = people.annotate(
        last_contact=latest("happened_at"),
        next_contact=latest("next_contact_on", next_contact=True),
        latest_going_well=latest("going_well", going_well=True),
        recent_setback=Exists(
            Setback.objects.active().filter(person=OuterRef("pk"), happened_on__gte=since)
        ),
    )
    # Alert and check-in columns only where this login may read them (a peer
    # supporter: as the person chose); ``None`` (no peer role) adds no subquery.
    limited = people_readable_for(user, Can.READ_ALERTS) is not None
    people = with_alerts_due_review(
        with_plan_review_due(people), visible=alerts_visible_to(user) if limited else None
    )
    people = with_check_in_counts(people, readable=people_readable_for(user, Can.READ_CHECK_INS))
    people = with_open_corrections(people)
    people = with_open_rearrange_requests(with_next_appointment(people))
    # "Book an appointment" only on the rows where the booking page would let this login in.
    people = people.annotate(
        may_book=Exists(
            people_where_user_may(user, Can.MANAGE_APPOINTMENTS).filter(pk=OuterRef("pk"))
        )
    )
    if not_seen_weeks:
        cutoff = not_seen_cutoff(not_seen_weeks)
        people = people.filter(Q(last_contact__isnull=True) | Q(last_contact__lt=cutoff))
    if sort == "next":
        order = [F("next_contact").asc(nulls_last=True)]
    elif sort == "name":
        order = []
    else:
        order = [F("last_contact").asc(nulls_first=True)]
    # A card shows the name, pronouns and the first line of "about me": the rest of the
    # profile (contact details, JSON lists) is neither read nor decoded.
    people = people.only("preferred_name", "pronouns", "about_me")
    return people.order_by(*order, "preferred_name", "id")
