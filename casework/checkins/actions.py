"""Check-ins between sessions: the person says how they are; their workers see it."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from casework.access import record_change
from casework.models import CheckIn, Person, User


def record_check_in(
    person: Person, *, feeling: int, words: str = "", wants_to_talk: bool = False
) -> CheckIn:
    """Save a check-in written by the person themself."""
    check_in = CheckIn.objects.create(
        person=person, feeling=feeling, words=words.strip(), wants_to_talk=wants_to_talk
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
        record_change(worker, person, "your check-ins (marked as read)")
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
