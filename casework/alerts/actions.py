"""Actions on alerts: every change to an alert happens here, and is logged.

Views, the demo data and tests call these functions. Each one checks the rules
that must hold whatever the caller (reason present, review date in range, the
person told or a reason why not) and records the change with
``casework.access.record_change``. The log's wording never includes an
alert's text: the person can read their access log, and an alert they have not
been told about must not leak through it.

No alert is kept forever: every alert has a review date at most six months
ahead. Once that date comes, the alert shows as due for review on the
worker's caseload and as overdue on the supervisor's page, and stays that way
until someone reviews it: it is never dropped silently, nor kept silently.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.access import alerts_visible_to, record_change
from casework.alerts.models import (
    Alert,
    AlertResponse,
    AlertReview,
    check_plain_text,
    check_review_date,
)
from casework.common.concurrency import claim_version
from casework.common.errors import ActionRefused
from casework.models import Person, User

REASON_REQUIRED = "Say why this alert is needed, in plain words."
WORDING_REQUIRED = "Say what staff need to know."
END_REASON_REQUIRED = "Say why the alert is ending."
NOT_TOLD_REASON_REQUIRED = "Choose why they have not been told yet."
NOT_TOLD_EXPLANATION_REQUIRED = "Give a short explanation of why they have not been told yet."
TOLD_HOW_REQUIRED = "Choose how they were told."


def alerts_due_review(on: datetime.date | None = None, people: QuerySet | None = None):
    """Current alerts whose review date has come, optionally among ``people``."""
    alerts = Alert.objects.due_review(on)
    return alerts if people is None else alerts.filter(person__in=people)


def with_alerts_due_review(
    people: QuerySet[Person], on: datetime.date | None = None, *, visible=None
):
    """Annotate each person with ``alerts_due_review``, in the same single query.

    ``visible`` (``access.alerts_visible_to(user)``) limits the count to the alerts
    the viewer may read; ``None`` counts them all.
    """
    due = alerts_due_review(on)
    if visible is not None:
        due = due.filter(pk__in=visible.values("pk"))
    per_person = (
        due.filter(person=OuterRef("pk"))
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return people.annotate(alerts_due_review=Coalesce(Subquery(per_person), 0))


def alerts_overdue_for(user: User, on: datetime.date | None = None) -> QuerySet[Alert]:
    """Current alerts past their review date that ``user`` may read (``alerts_visible_to``)."""
    return alerts_visible_to(user).overdue(on)


@transaction.atomic
def add_alert(
    user: User,
    person: Person,
    *,
    wording: str,
    reason: str,
    review_by: datetime.date,
    person_told: bool,
    told_how: str = "",
    not_told_reason: str = "",
    not_told_explanation: str = "",
) -> Alert:
    """Add an alert with its reason, review date, and whether the person knows."""
    wording = check_plain_text(wording, WORDING_REQUIRED)
    reason = check_plain_text(reason, REASON_REQUIRED)
    check_review_date(review_by)
    alert = Alert(
        person=person,
        wording=wording,
        reason=reason,
        added_by=user,
        review_by=review_by,
        person_told=person_told,
    )
    if person_told:
        if told_how not in Alert.ToldHow.values:
            raise ActionRefused(TOLD_HOW_REQUIRED)
        alert.told_on, alert.told_by, alert.told_how = timezone.localdate(), user, told_how
    else:
        alert.not_told_reason, alert.not_told_explanation = _why_not_told(
            not_told_reason, not_told_explanation
        )
    alert.save()
    record_change(user, person, "their alerts (added an alert)")
    return alert


def _why_not_told(reason: str, explanation: str) -> tuple[str, str]:
    if reason not in Alert.NotToldReason.values:
        raise ActionRefused(NOT_TOLD_REASON_REQUIRED)
    return reason, check_plain_text(explanation, NOT_TOLD_EXPLANATION_REQUIRED)


@transaction.atomic
def mark_told(
    user: User,
    alert: Alert,
    *,
    told_on: datetime.date,
    told_how: str,
    based_on_version: int | None = None,
) -> Alert:
    """Record that the person has now been told about ``alert``, when and how."""
    _claim(alert, based_on_version)
    if alert.person_told:
        raise ActionRefused("They have already been told about this alert.")
    if told_how not in Alert.ToldHow.values:
        raise ActionRefused(TOLD_HOW_REQUIRED)
    if told_on > timezone.localdate() or told_on < timezone.localtime(alert.added_at).date():
        raise ActionRefused("The date must be between the day the alert was added and today.")
    alert.person_told, alert.told_on, alert.told_by, alert.told_how = True, told_on, user, told_how
    alert.save(update_fields=["person_told", "told_on", "told_by", "told_how", "version"])
    record_change(user, alert.person, "their alerts (recorded that they were told)")
    return alert


@transaction.atomic
def review_alert(
    user: User,
    alert: Alert,
    *,
    outcome: str,
    note: str,
    new_review_by: datetime.date | None = None,
    based_on_version: int | None = None,
) -> AlertReview:
    """Review ``alert``: keep it with a new review date, or end it. A note is required.

    Refused with ``EditConflict`` if anyone changed the alert since ``based_on_version``.
    """
    _claim(alert, based_on_version)
    if not alert.is_current:
        raise ActionRefused("This alert has already ended.")
    note = check_plain_text(note, "Say what you decided and why.")
    review = AlertReview(
        alert=alert,
        reviewed_by=user,
        outcome=outcome,
        previous_review_by=alert.review_by,
        note=note,
    )
    if outcome == AlertReview.Outcome.KEEP:
        check_review_date(new_review_by)
        review.new_review_by = new_review_by
        alert.review_by = new_review_by
        alert.save(update_fields=["review_by", "version"])
        record_change(user, alert.person, "their alerts (reviewed an alert and kept it)")
    elif outcome == AlertReview.Outcome.END:
        _end(user, alert, note)
        record_change(user, alert.person, "their alerts (reviewed an alert and ended it)")
    else:
        raise ActionRefused("Choose whether to keep the alert or end it.")
    review.save()
    return review


@transaction.atomic
def end_alert(user: User, alert: Alert, *, end_reason: str) -> Alert:
    """End ``alert`` with a reason. It stays in the history the person can see."""
    _claim(alert, None)
    if not alert.is_current:
        raise ActionRefused("This alert has already ended.")
    _end(user, alert, end_reason)
    record_change(user, alert.person, "their alerts (ended an alert)")
    return alert


def _claim(alert: Alert, based_on_version: int | None) -> None:
    """Compare-and-swap the alert's version first (``casework.common.concurrency``), then
    work from the alert as saved: the checks below see any change made just before."""
    version = claim_version(Alert, alert.pk, based_on_version)
    if based_on_version is None:
        alert.refresh_from_db()
    alert.version = version


def _end(user: User, alert: Alert, end_reason: str) -> None:
    alert.end_reason = check_plain_text(end_reason, END_REASON_REQUIRED)
    alert.ended_at, alert.ended_by = timezone.now(), user
    alert.save(update_fields=["end_reason", "ended_at", "ended_by", "version"])


@transaction.atomic
def respond_to_alert(user: User, alert: Alert, *, text: str) -> AlertResponse:
    """The person says how they see an alert they have been told about."""
    if not alert.person_told or alert.person.user_id != user.pk:
        # Views only offer told alerts of the person's own record; this is the backstop.
        raise ActionRefused("You can only respond to alerts you have been told about.")
    response = AlertResponse.objects.create(
        alert=alert, by=user, text=check_plain_text(text, "Write how you see it.")
    )
    record_change(user, alert.person, "their alerts (responded to an alert)")
    return response


@transaction.atomic
def reply_to_response(
    user: User, response: AlertResponse, *, reply: str, based_on_version: int | None = None
) -> AlertResponse:
    """A worker replies, once, to the person's response. The reply is not changed later.

    The alert's version is claimed first: of two replies at once, one is saved and
    the other gets ``EditConflict`` (never a second reply written over the first).
    """
    claim_version(Alert, response.alert_id, based_on_version)
    response.refresh_from_db()
    if response.replied_at is not None:
        raise ActionRefused("This response already has a reply.")
    response.reply = check_plain_text(reply, "Write your reply.")
    response.replied_by, response.replied_at = user, timezone.now()
    response.save(update_fields=["reply", "replied_by", "replied_at"])
    record_change(user, response.alert.person, "their alerts (replied to their response)")
    return response
