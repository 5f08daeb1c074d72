"""Actions on the recovery plan. Views, demo data and tests all change the plan through here.

Every function takes the acting user and the person (already reached through
``casework.access``), does one change, and logs it with ``record_change``.
Section saves are an atomic compare-and-swap on ``PlanSection.version``, so two
app servers can never overwrite each other's text: a stale save is kept as a
revision and reported as a conflict.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from casework.access import record_change
from casework.common.concurrency import EditConflict, claim_version
from casework.common.errors import ActionRefused
from casework.common.models import voice_of
from strengths.plan.models import (
    PlanAgreement,
    PlanDifference,
    PlanDifferenceResolution,
    PlanSection,
    PlanSectionRevision,
    PlanVersion,
    RecoveryPlan,
    Voice,
)

DEFAULT_SECTIONS = [
    PlanSection.Key.ABOUT,
    PlanSection.Key.GOALS,
    PlanSection.Key.STRENGTHS,
    PlanSection.Key.CIRCLE,
    PlanSection.Key.STAYING_WELL,
    PlanSection.Key.HARD_TIMES,
    PlanSection.Key.AGREED,
]


class PlanError(ActionRefused):
    """A change the plan refuses, with a message fit to show the person who tried it."""


def current_plan(person) -> RecoveryPlan | None:
    return RecoveryPlan.objects.filter(person=person, is_current=True).first()


def get_or_create_plan(person) -> RecoveryPlan:
    """The person's current plan, started with the default sections on first use."""
    plan = current_plan(person)
    if plan is not None:
        return plan
    try:
        with transaction.atomic():
            plan = RecoveryPlan.objects.create(person=person)
            PlanSection.objects.bulk_create(
                PlanSection(plan=plan, key=key, position=i, heading=key.label)
                for i, key in enumerate(DEFAULT_SECTIONS, 1)
            )
    except IntegrityError:
        # Someone else started it a moment ago (the unique constraint caught it).
        plan = current_plan(person)
    return plan


@dataclass
class SaveResult:
    section: PlanSection
    conflict: PlanSectionRevision | None = None  # the kept text, when the save lost a race

    @property
    def saved(self) -> bool:
        return self.conflict is None


def _bump_plan(plan_id):
    RecoveryPlan.objects.filter(pk=plan_id).update(version=F("version") + 1)


def _swap(section, *, based_on_version, heading, text, user):
    """Compare-and-swap (``casework.common.concurrency``, shared with every co-edited item):
    1 when the section was still at ``based_on_version`` and is now changed, else 0."""
    try:
        claim_version(PlanSection, section.pk, based_on_version)
    except EditConflict:
        return 0
    return PlanSection.objects.filter(pk=section.pk).update(
        heading=heading, text=text, updated_at=timezone.now(), updated_by=user
    )


def save_section(user, person, section, *, heading, text, based_on_version) -> SaveResult:
    """Save a new version of ``section`` unless someone saved since ``based_on_version``.

    On a conflict nothing is overwritten: the text is kept as a ``conflict_kept``
    revision and the result carries it, so the writer can combine the two.
    """
    heading = (heading or "").strip()
    if not heading:
        raise PlanError("A section needs a heading. Please give it a few words.")
    voice = voice_of(user, person)
    with transaction.atomic():
        if _swap(section, based_on_version=based_on_version, heading=heading, text=text, user=user):
            PlanSectionRevision.objects.create(
                section=section,
                version=based_on_version + 1,
                heading=heading,
                text=text,
                author=user,
                author_voice=voice,
                recorded_by=user,
            )
            _bump_plan(section.plan_id)
            record_change(user, person, f"their plan: {heading}")
            section.refresh_from_db()
            return SaveResult(section)
        kept = PlanSectionRevision.objects.create(
            section=section,
            version=based_on_version,
            kind=PlanSectionRevision.Kind.CONFLICT_KEPT,
            heading=heading,
            text=text,
            author=user,
            author_voice=voice,
            recorded_by=user,
        )
        record_change(user, person, f"their plan: {heading} (kept alongside a newer edit)")
    section.refresh_from_db()
    return SaveResult(section, conflict=kept)


def restore_revision(user, person, section, revision, *, based_on_version) -> SaveResult:
    """Bring back earlier text as a new version; the words keep their original author."""
    if revision.section_id != section.pk:
        raise PlanError("That version belongs to another section.")
    with transaction.atomic():
        if not _swap(
            section,
            based_on_version=based_on_version,
            heading=revision.heading,
            text=revision.text,
            user=user,
        ):
            raise PlanError(
                "Someone changed this section while you were looking at its history. "
                "Nothing was changed: please look at the latest version and try again."
            )
        PlanSectionRevision.objects.create(
            section=section,
            version=based_on_version + 1,
            kind=PlanSectionRevision.Kind.RESTORED,
            heading=revision.heading,
            text=revision.text,
            author_id=revision.author_id,
            author_voice=revision.author_voice,
            recorded_by=user,
            restored_from=revision,
        )
        _bump_plan(section.plan_id)
        record_change(user, person, f"their plan: brought back earlier text in {revision.heading}")
    section.refresh_from_db()
    return SaveResult(section)


def set_review_date(user, person, plan, review_due: datetime.date | None) -> RecoveryPlan:
    RecoveryPlan.objects.filter(pk=plan.pk).update(review_due=review_due)
    plan.review_due = review_due
    record_change(user, person, "their plan's review date")
    return plan


def mark_ready_to_agree(user, person, plan) -> PlanVersion:
    """Snapshot the plan as it stands now, for the person to agree to (or not)."""
    if voice_of(user, person) == Voice.PERSON:
        raise PlanError("Your worker marks the plan ready to agree; you can then answer.")
    with transaction.atomic():
        plan = RecoveryPlan.objects.select_for_update().get(pk=plan.pk)
        snapshot = PlanVersion.objects.create(
            plan=plan,
            plan_version=plan.version,
            section_versions={str(pk): v for pk, v in plan.sections.values_list("pk", "version")},
            marked_by=user,
        )
        record_change(user, person, "their plan: ready to agree")
    return snapshot


def latest_ready_version(plan) -> PlanVersion | None:
    return plan.versions.order_by("-marked_at", "-id").first()


def record_agreement(user, person, plan_version, *, answer, detail="") -> PlanAgreement:
    """The person's answer to exactly ``plan_version``; refused if the plan has moved on."""
    if answer not in PlanAgreement.Answer.values:
        raise PlanError("Please choose one of the answers.")
    if answer != PlanAgreement.Answer.AGREE and not detail.strip():
        raise PlanError(
            "Please say what you would change."
            if answer == PlanAgreement.Answer.DISAGREE
            else "Please say a few words about why you can't answer now."
        )
    with transaction.atomic():
        plan = RecoveryPlan.objects.select_for_update().get(pk=plan_version.plan_id)
        if latest_ready_version(plan) != plan_version or plan.version != plan_version.plan_version:
            raise PlanError(
                "The plan has changed since this version was made ready to agree, so this "
                "answer was not saved. Please read the plan as it is now."
            )
        agreement = PlanAgreement.objects.create(
            plan_version=plan_version,
            answer=answer,
            detail=detail.strip(),
            recorded_by=user,
            in_the_room=voice_of(user, person) == Voice.WORKER,
        )
        record_change(
            user, person, f"their plan: answer recorded ({agreement.get_answer_display()})"
        )
    return agreement


def see_differently(user, person, section, *, wording) -> PlanDifference:
    """Add a second voice to a section, kept on the page until both sides resolve it."""
    wording = wording.strip()
    if not wording:
        raise PlanError("Please say in your own words how you see it.")
    difference = PlanDifference.objects.create(
        plan_id=section.plan_id,
        target_kind=PlanDifference.TargetKind.SECTION,
        target_id=section.pk,
        text_then=section.text,
        wording=wording,
        raised_by=user,
        raised_voice=voice_of(user, person),
    )
    record_change(user, person, f"their plan: a different view on {section.heading}")
    return difference


def resolve_difference(user, person, difference, *, note) -> PlanDifferenceResolution:
    """One side marks a difference resolved; it closes when the person and a worker both have."""
    note = note.strip()
    if not note:
        raise PlanError("Please add a short note about how this was resolved.")
    if difference.resolved_at:
        raise PlanError("This has already been resolved by both of you.")
    voice = voice_of(user, person)
    with transaction.atomic():
        # Lock the difference first, so the person and a worker resolving it at the same moment
        # take turns: the second sees the first's resolution and closes the difference.
        PlanDifference.objects.select_for_update().filter(pk=difference.pk).first()
        # Fresh queries, not the page's prefetched resolutions: another side may just have acted.
        given = PlanDifferenceResolution.objects.filter(difference=difference)
        if given.filter(voice=voice).exists():
            raise PlanError("Your side has already marked this resolved.")
        resolution = PlanDifferenceResolution.objects.create(
            difference=difference, voice=voice, resolved_by=user, note=note
        )
        if given.count() == len(Voice.values):
            difference.resolved_at = timezone.now()
            PlanDifference.objects.filter(pk=difference.pk).update(
                resolved_at=difference.resolved_at
            )
        record_change(user, person, "their plan: a different view marked resolved")
    return resolution
