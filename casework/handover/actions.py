"""Handing a person (or a whole caseload) over to a new worker, and what follows.

``hand_over`` is all or nothing: every chosen person is handed over, or none is
(one transaction), and a refusal says why in plain words. It changes only the
two assignments (the old one gets its end date, the new one starts on the day)
and logs each change on the person's record where they already read who works
with them (``casework.people.assignments.PREFIX``).
"""

from __future__ import annotations

import copy
import datetime
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import access
from casework.common.errors import ActionRefused
from casework.handover.models import Handover, HandoverResponse
from casework.models import CaseAssignment, Person, SessionNote, User
from casework.people.assignments import PREFIX, log_assignment_saved

CONFLICT = gettext_lazy(
    "Someone else has just handed over {name}, or {name} no longer works with {worker}. "
    "Nothing was changed. Check the list below and try again."
)


@dataclass(frozen=True)
class Choice:
    """One person's assignment and the worker who takes it over."""

    assignment_id: int
    to_worker: User


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def check_dates(starts_on: datetime.date, ends_on: datetime.date) -> None:
    """Refuse dates that would leave a person without a worker, or change the past."""
    today = timezone.localdate()
    if starts_on < today:
        raise ActionRefused(_("The new worker's first day cannot be in the past."))
    if ends_on < starts_on:
        raise ActionRefused(
            _(
                "The old access must end on or after the new worker's first day, "
                "so nobody is left without a worker."
            )
        )


def _role_as_actor(actor: User) -> str:
    return access.ORG_ADMIN if actor.is_org_admin else _("Supervisor")


def hand_over(
    actor: User,
    from_worker: User,
    choices: list[Choice],
    *,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> list[Handover]:
    """Hand each chosen assignment of ``from_worker`` to its new worker, all or nothing.

    The old assignment ends on ``ends_on`` (access stops that day); the new one, in
    the same role, starts on ``starts_on``. If the new worker already works with the
    person in another role, that assignment ends the day they take over.
    """
    if not choices:
        raise ActionRefused(_("Choose a new worker for at least one person."))
    check_dates(starts_on, ends_on)
    if from_worker.pk not in set(access.leaving_workers_for(actor).values_list("pk", flat=True)):
        raise ActionRefused(_("You cannot hand over this worker's people."))
    allowed_to = set(access.new_worker_choices(actor, from_worker).values_list("pk", flat=True))
    batch = uuid.uuid4()
    try:
        with transaction.atomic():
            return [
                _hand_over_one(actor, from_worker, choice, allowed_to, batch, starts_on, ends_on)
                for choice in choices
            ]
    except IntegrityError:
        # The same assignment handed over twice at once: the database keeps the first.
        raise ActionRefused(
            _(
                "Someone else handed over one of these people at the same moment. "
                "Nothing was changed. Check the list and try again."
            )
        ) from None


def _hand_over_one(actor, from_worker, choice, allowed_to, batch, starts_on, ends_on):
    old = (
        CaseAssignment.objects.select_for_update()
        .select_related("person")
        .filter(pk=choice.assignment_id)
        .first()
    )
    if old is None:
        raise ActionRefused(_("Choose people from the list."))
    person = old.person
    still_theirs = (
        old.worker_id == from_worker.pk
        and old.ended_on is None
        and old.role in access.HANDED_OVER_ROLES
        and CaseAssignment.objects.active().filter(pk=old.pk).exists()
        and not Handover.objects.filter(old_assignment=old).exists()
    )
    if not still_theirs:
        raise ActionRefused(
            CONFLICT.format(name=person.preferred_name, worker=from_worker.display_name())
        )
    if not access.may_hand_over(actor, person):
        raise ActionRefused(_("Choose people from the list."))
    if choice.to_worker.pk not in allowed_to:
        raise ActionRefused(
            _("Choose {name}'s new worker from the list.").format(name=person.preferred_name)
        )
    if old.started_on > ends_on:
        raise ActionRefused(
            _("{worker} only starts with {name} on {day}: choose a later end date.").format(
                worker=from_worker.display_name(),
                name=person.preferred_name,
                day=_day(old.started_on),
            )
        )
    _end_other_roles(actor, person, choice.to_worker, starts_on)
    old.ended_on = ends_on
    old.save(update_fields=["ended_on"])
    new = CaseAssignment.objects.create(
        person=person, worker=choice.to_worker, role=old.role, started_on=starts_on
    )
    handover = Handover.objects.create(
        person=person,
        old_assignment=old,
        new_assignment=new,
        from_worker=from_worker,
        to_worker=choice.to_worker,
        role=old.role,
        starts_on=starts_on,
        old_access_ends_on=ends_on,
        batch=batch,
        handed_over_by=actor,
        handed_over_as=_role_as_actor(actor),
    )
    role = old.get_role_display().lower()
    access.record_change(
        actor,
        person,
        PREFIX
        + _(
            "{new} takes over from {old} as {role} from {start}; {old}'s work with you ends on {end}"
        ).format(
            new=choice.to_worker.display_name(),
            old=from_worker.display_name(),
            role=role,
            start=_day(starts_on),
            end=_day(ends_on),
        ),
        as_role=_role_as_actor(actor),
    )
    return handover


def _end_other_roles(actor, person: Person, to_worker: User, starts_on: datetime.date) -> None:
    """The new worker's other active assignment with the person ends when they take over."""
    for other in CaseAssignment.objects.active().filter(person=person, worker=to_worker):
        if other.started_on > starts_on:
            raise ActionRefused(
                _("{worker} already starts with {name} on a later day.").format(
                    worker=to_worker.display_name(), name=person.preferred_name
                )
            )
        before = copy.copy(other)
        other.ended_on = starts_on
        other.save(update_fields=["ended_on"])
        log_assignment_saved(actor, before, other)


# --- After the handover ----------------------------------------------------------------------


def note_waiting_for(user: User, person: Person) -> Handover | None:
    """The pending handover of ``person`` from ``user`` whose note they have not written yet."""
    return (
        person.handovers.pending()
        .filter(from_worker=user, outgoing_note_at__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )


def write_outgoing_note(
    user: User, handover: Handover, text: str, shared_note: SessionNote | None = None
) -> Handover:
    """The outgoing worker's note to the person, written once and shared with them."""
    text = text.strip()
    if not text:
        raise ActionRefused(_("Write what you are passing on."))
    with transaction.atomic():
        locked = Handover.objects.select_for_update().get(pk=handover.pk)
        if locked.from_worker_id != user.pk or locked.outgoing_note_at is not None:
            raise ActionRefused(_("This handover note has already been written."))
        if shared_note is not None and (
            shared_note.person_id != locked.person_id or shared_note.withheld_reason
        ):
            raise ActionRefused(_("Choose a session note shared with the person."))
        locked.outgoing_note = text
        locked.shared_note = shared_note
        locked.outgoing_note_at = timezone.now()
        locked.save(update_fields=["outgoing_note", "shared_note", "outgoing_note_at"])
        access.record_change(user, locked.person, _("the handover note for you"))
    return locked


def handover_to_read(user: User, person: Person) -> Handover | None:
    """The pending handover of ``person`` to ``user``, if any (the overview's panel)."""
    return (
        person.handovers.pending()
        .filter(to_worker=user)
        .select_related("from_worker", "shared_note")
        .order_by("-created_at", "-id")
        .first()
    )


def mark_read(user: User, handover: Handover) -> None:
    """The new worker has read the handover: it is done."""
    updated = Handover.objects.filter(
        pk=handover.pk, to_worker=user, status=Handover.Status.PENDING
    ).update(status=Handover.Status.DONE, read_at=timezone.now())
    if updated:
        access.record_change(
            user, handover.person, _("the handover of your support (marked it read)")
        )


def respond(user: User, handover: Handover, feeling: str, words: str) -> HandoverResponse:
    """The person says how they feel about the change, in their own words (kept, never replaced)."""
    if feeling not in HandoverResponse.Feeling.values:
        raise ActionRefused(_("Choose how you feel about the change."))
    response = HandoverResponse.objects.create(
        handover=handover, feeling=feeling, words=words.strip()
    )
    access.record_change(user, handover.person, _("what you said about the change of worker"))
    return response
