"""Check-ins between sessions: the person says how they are; their workers see it."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from casework.access import Can, people_readable_for, people_where_user_may, record_change
from casework.checkins.models import URGENT
from casework.models import CheckIn, Person, User

# An urgent check-in stays at the top of the caseload until it is seen, and for
# this long after, so the team can see that someone has.
URGENT_SHOWN_AFTER_SEEN = datetime.timedelta(hours=24)


def record_check_in(
    person: Person, *, feeling: int, words: str = "", wants_to_talk: bool = False
) -> CheckIn:
    """Save a check-in written by the person themself, their words exactly as they wrote them."""
    check_in = CheckIn.objects.create(
        person=person,
        feeling=feeling,
        words=words if words.strip() else "",
        wants_to_talk=wants_to_talk,
    )
    record_change(person.user, person, "your check-ins (a new check-in)")
    return check_in


def mark_check_in_seen(worker: User, person: Person, check_in: CheckIn) -> CheckIn:
    """A worker has read the check-in. Marking it twice keeps the first time."""
    if check_in.person_id != person.pk:
        raise ValueError("The check-in belongs to someone else.")
    if check_in.seen_at is None:
        check_in.seen_at = timezone.now()
        check_in.seen_by = worker
        check_in.save(update_fields=["seen_at", "seen_by"])
        what = "asked for help soon" if check_in.is_urgent else "marked as read"
        record_change(worker, person, f"your check-ins ({what})")
    return check_in


def with_check_in_counts(people: QuerySet[Person], *, readable=None) -> QuerySet[Person]:
    """Annotate unread check-ins and unread requests to talk (one query, no N+1).

    ``readable`` (from ``access.people_readable_for``) limits the counts to people
    whose check-ins the viewer may read; ``None`` counts for everyone.
    """
    unseen = Q(check_ins__seen_at__isnull=True)
    if readable is not None:
        unseen &= Q(pk__in=readable)
    return people.annotate(
        new_check_ins=Count("check_ins", filter=unseen, distinct=True),
        talk_requests=Count(
            "check_ins", filter=unseen & Q(check_ins__wants_to_talk=True), distinct=True
        ),
    )


URGENT_PANEL_FIELDS = (
    "feeling",
    "wants_to_talk",
    "created_at",
    "seen_at",
    "person",
    "person__preferred_name",
    "seen_by",
    "seen_by__first_name",
    "seen_by__last_name",
    "seen_by__username",
)


def urgent_check_ins(user: User, people: QuerySet[Person], now=None) -> QuerySet[CheckIn]:
    """Urgent check-ins of ``people`` that ``user`` may read: not seen yet, or seen lately.

    ``people`` are people ``user`` reaches (``caseload_for`` or ``people_visible_to``).

    Oldest unseen first, then the seen ones. Each row has ``person`` and ``seen_by``
    loaded and ``can_acknowledge`` annotated from the capability table: one query.
    """
    now = now or timezone.now()
    # ``None``: no peer support assignment, so every relation ``user`` has to ``people``
    # (lead, co-worker, supervisor) reads check-ins; no capability subquery is built.
    readable_ids = people_readable_for(user, Can.READ_CHECK_INS)
    readable = people if readable_ids is None else people.filter(pk__in=readable_ids)
    may_ack = people_where_user_may(user, Can.ACK_CHECK_INS).filter(pk=OuterRef("person_id"))
    return (
        CheckIn.objects.filter(URGENT, person__in=readable.values("pk"))
        .filter(Q(seen_at__isnull=True) | Q(seen_at__gte=now - URGENT_SHOWN_AFTER_SEEN))
        .select_related("person", "seen_by")
        # The columns the home pages' panel shows (``_urgent_check_ins.html``).
        .only(*URGENT_PANEL_FIELDS)
        .annotate(can_acknowledge=Exists(may_ack))
        # Not seen yet first, the longest waiting at the top.
        .order_by(F("seen_at").asc(nulls_first=True), "created_at", "id")
    )


def latest_urgent_check_in(person: Person, now=None) -> CheckIn | None:
    """The person's most recent urgent check-in of the last week, for their own pages."""
    now = now or timezone.now()
    return (
        person.check_ins.filter(URGENT, created_at__gte=now - datetime.timedelta(days=7))
        .select_related("seen_by")
        .order_by("-created_at", "-id")
        .first()
    )
