"""The worker's caseload at a glance: one query per page, whatever its size."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.access import caseload_for, notes_visible_to
from casework.models import CorrectionRequest, Person

SORTS = {
    "longest": "Seen longest ago first",
    "next": "Next contact soonest",
    "name": "Name",
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
    from casework.alerts import with_alerts_due_review
    from casework.checkins import with_check_in_counts
    from strengths.models import Setback
    from strengths.plan_reads import with_plan_review_due

    # Only notes this user may read: a peer supporter's caseload shows no other
    # worker's note unless the person has said so (access.notes_visible_to).
    latest = notes_visible_to(user).filter(person=OuterRef("pk")).order_by("-happened_at", "-id")
    since = timezone.localdate() - datetime.timedelta(weeks=RECENT_SETBACK_WEEKS)
    people = caseload_for(user).annotate(
        last_contact=Subquery(latest.values("happened_at")[:1]),
        next_contact=Subquery(latest.values("next_contact_on")[:1]),
        latest_going_well=Subquery(latest.exclude(going_well="").values("going_well")[:1]),
        recent_setback=Exists(
            Setback.objects.active().filter(person=OuterRef("pk"), happened_on__gte=since)
        ),
    )
    people = with_check_in_counts(with_alerts_due_review(with_plan_review_due(people)))
    people = with_open_corrections(people)
    if not_seen_weeks:
        cutoff = not_seen_cutoff(not_seen_weeks)
        people = people.filter(Q(last_contact__isnull=True) | Q(last_contact__lt=cutoff))
    if sort == "next":
        order = [F("next_contact").asc(nulls_last=True)]
    elif sort == "name":
        order = []
    else:
        order = [F("last_contact").asc(nulls_first=True)]
    return people.order_by(*order, "preferred_name", "id")
