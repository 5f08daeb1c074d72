"""Reading the plan for pages: sections with authorship, differences, agreement, reviews due.

Each helper is a fixed number of queries, whatever the plan's history holds.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from casework.access import caseload_for
from casework.common.counting import AskedTogether
from strengths.plan.models import (
    PlanAgreement,
    PlanDifference,
    PlanSectionRevision,
    PlanVersion,
    RecoveryPlan,
    Voice,
)

KEPT = PlanSectionRevision.Kind.CONFLICT_KEPT


def _lineage(voice):
    """A revision in the section's current lineage (since it was last cleared) by ``voice``."""
    return Exists(
        PlanSectionRevision.objects.filter(
            section=OuterRef("pk"), author_voice=voice, version__gt=OuterRef("cleared_at")
        ).exclude(kind=KEPT)
    )


def sections_for_page(plan) -> QuerySet:
    """The plan's sections, each annotated with ``person_wrote`` and ``worker_wrote``.

    "Whose words" is derived from the revision history: the voices that wrote
    text since the section was last emptied (an empty save starts afresh).
    """
    last_cleared = (
        PlanSectionRevision.objects.filter(section=OuterRef("pk"), text="")
        .exclude(kind=KEPT)
        .order_by("-version")
        .values("version")[:1]
    )
    return (
        plan.sections.select_related("updated_by")
        .annotate(cleared_at=Coalesce(Subquery(last_cleared), Value(0)))
        .annotate(person_wrote=_lineage(Voice.PERSON), worker_wrote=_lineage(Voice.WORKER))
    )


def whose_words(section, person, *, mine=False) -> str:
    if section.person_wrote and section.worker_wrote:
        return gettext("Written together")
    if section.person_wrote:
        if mine:
            return gettext("In your own words")
        return gettext("In %(name)s's own words") % {"name": person.preferred_name}
    if section.worker_wrote:
        return gettext("Written by a worker")
    return gettext("Not written yet")


def section_differences(plan, *, resolved=False) -> QuerySet[PlanDifference]:
    """Open (or resolved) differences about the plan's sections."""
    return plan.differences.filter(
        target_kind=PlanDifference.TargetKind.SECTION, resolved_at__isnull=not resolved
    )


def differences_by_section(
    plan, *, resolved=False, asked: AskedTogether | None = None
) -> dict[int, list[PlanDifference]]:
    """Open (or resolved) differences of the plan, grouped by section id (two queries).

    With ``asked`` (holding the open ``section_differences`` as "differences"), none
    when it found none. ``asked`` is about open differences only.
    """
    if asked is not None:
        if resolved:
            raise ValueError("``asked`` holds the open differences, not the resolved ones.")
        if not asked.found("differences"):
            return {}
    differences = (
        section_differences(plan, resolved=resolved)
        .select_related("raised_by")
        .prefetch_related("resolutions__resolved_by")
    )
    grouped = defaultdict(list)
    for difference in differences:
        grouped[difference.target_id].append(difference)
    return grouped


@dataclass
class AgreementStatus:
    ready: PlanVersion | None  # the version most recently marked ready to agree
    answer: PlanAgreement | None  # the latest answer to that version
    last_agreed: PlanAgreement | None  # the latest "agree", to any version
    plan_version: int

    @property
    def ready_is_current(self) -> bool:
        return self.ready is not None and self.ready.plan_version == self.plan_version

    @property
    def awaiting_answer(self) -> bool:
        return self.ready_is_current and self.answer is None

    @property
    def agreed_and_current(self) -> bool:
        return bool(
            self.last_agreed and self.last_agreed.plan_version.plan_version == self.plan_version
        )

    @property
    def changed_since_agreed(self) -> bool:
        return bool(self.last_agreed) and not self.agreed_and_current


def agreement_status(plan, asked: AskedTogether | None = None) -> AgreementStatus:
    """Where agreement stands (two queries).

    With ``asked`` (holding ``plan.versions`` as "versions"), none for a plan never
    marked ready to agree: with no version there is nothing to answer or agree to.
    """
    if asked is not None and not asked.found("versions"):
        return AgreementStatus(ready=None, answer=None, last_agreed=None, plan_version=plan.version)
    ready = (
        plan.versions.select_related("marked_by")
        .prefetch_related(
            Prefetch("answers", queryset=PlanAgreement.objects.select_related("recorded_by"))
        )
        .order_by("-marked_at", "-id")
        .first()
    )
    answers = list(ready.answers.all()) if ready else []
    last_agreed = (
        PlanAgreement.objects.filter(plan_version__plan=plan, answer=PlanAgreement.Answer.AGREE)
        .select_related("plan_version", "recorded_by")
        .first()
    )
    return AgreementStatus(
        ready=ready,
        answer=answers[0] if answers else None,
        last_agreed=last_agreed,
        plan_version=plan.version,
    )


def with_plan_review_due(people: QuerySet, on=None) -> QuerySet:
    """Annotate people with ``plan_review_due`` (date or None) and ``plan_review_overdue``."""
    on = on or timezone.localdate()
    due = RecoveryPlan.objects.filter(person=OuterRef("pk"), is_current=True).values("review_due")[
        :1
    ]
    return people.annotate(
        plan_review_due=Subquery(due),
        plan_review_overdue=Exists(
            RecoveryPlan.objects.filter(person=OuterRef("pk"), is_current=True, review_due__lt=on)
        ),
    )


def plans_due_review(worker, on=None, *, within_days=0) -> QuerySet:
    """Current plans of ``worker``'s caseload whose review date has passed (or falls soon).

    ``within_days=0`` means overdue today; 14 gives "due in the next fortnight" as well.
    """
    on = on or timezone.localdate()
    limit = on + datetime.timedelta(days=within_days)
    due = Q(review_due__lt=on) if within_days == 0 else Q(review_due__lte=limit)
    return (
        RecoveryPlan.objects.filter(due, is_current=True, person__in=caseload_for(worker))
        .select_related("person")
        .order_by("review_due", "person__preferred_name")
    )


_WORDS = re.compile(r"(\s+)")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, text) pieces, kind in "same", "insert", "delete"; templates escape the text."""
    a, b = _WORDS.split(old or ""), _WORDS.split(new or "")
    pieces = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("insert", "".join(b[j1:j2])))
    return [p for p in pieces if p[1]]
