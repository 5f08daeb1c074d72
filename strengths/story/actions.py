"""Every change to the person's story goes through one of these functions.

Views, the demo loader and tests call them; the later person-space issue will
too. Each records who made the change and in which voice, keeps the earlier
version (``HistoricalRecords``) and writes an access event through
``casework.access.record_change``. Access itself is decided before we get here
(``get_person_for`` with the need the view declared); these functions trust the person given.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from casework.access import Can, may, record_change
from casework.common.concurrency import claim_version
from casework.common.errors import ActionRefused
from casework.common.models import Voice, voice_of
from casework.models import Person, User
from strengths.models import (
    Goal,
    GoalRating,
    GoalStep,
    Setback,
    SignificantOther,
    Strength,
)


def _stamp(obj, user, person, *, creating: bool):
    voice = voice_of(user, person)
    if creating:
        obj.created_by, obj.created_as = user, voice
    obj.updated_by, obj.updated_as = user, voice
    obj._history_user = user  # simple-history: who made this version, even outside a request


# ``what`` (the access-log wording) is positional-only: GoalStep has a field named ``what``.
def _create(model, user, person, what, /, *, m2m=None, **fields):
    with transaction.atomic():
        obj = model(**fields)
        _stamp(obj, user, person, creating=True)
        obj.save()
        for name, values in (m2m or {}).items():
            getattr(obj, name).set(values)
        record_change(user, person, what)
    return obj


def _update(obj, user, person, what, /, *, based_on_version=None, m2m=None, **fields):
    """Change ``obj`` by compare-and-swap (``casework.common.concurrency``).

    With ``based_on_version`` (the version its form was opened at) the change is
    refused with ``EditConflict`` if anyone saved since; without it (one-click
    archive, restore, undo) the version still moves on, so older forms go stale.
    """
    with transaction.atomic():
        version = claim_version(type(obj), obj.pk, based_on_version)
        if based_on_version is None:
            # The row is ours now: start from what is saved, not from when it was loaded.
            obj.refresh_from_db()
        obj.version = version
        for name, value in fields.items():
            setattr(obj, name, value)
        _stamp(obj, user, person, creating=False)
        obj.save()
        for name, values in (m2m or {}).items():
            if values is not None:
                getattr(obj, name).set(values)
        record_change(user, person, what)
    return obj


def _archive(obj, user, person, what):
    if obj.archived_at is not None:
        return obj
    return _update(obj, user, person, what, archived_at=timezone.now(), archived_by=user)


def _restore(obj, user, person, what):
    if obj.archived_at is None:
        return obj
    return _update(obj, user, person, what, archived_at=None, archived_by=None)


# Goals ---------------------------------------------------------------------


def _achieved_at(goal: Goal | None, status: str):
    """Keep the first moment a goal was achieved; clear it if the goal moves on again."""
    if status != Goal.Status.ACHIEVED:
        return None
    if goal is not None and goal.achieved_at is not None:
        return goal.achieved_at
    return timezone.now()


def add_goal(user: User, person: Person, *, strengths: Iterable[Strength] = (), **fields) -> Goal:
    """Add a goal in the person's words. ``fields`` are ``Goal`` fields."""
    fields["achieved_at"] = _achieved_at(None, fields.get("status", Goal.Status.EXPLORING))
    return _create(
        Goal, user, person, "a goal", m2m={"strengths": strengths}, person=person, **fields
    )


def update_goal(
    user: User,
    goal: Goal,
    *,
    strengths: Iterable[Strength] | None = None,
    based_on_version: int | None = None,
    **fields,
):
    """Change a goal, unless someone saved it since ``based_on_version`` (``EditConflict``)."""
    if "status" in fields:
        fields["achieved_at"] = _achieved_at(goal, fields["status"])
    return _update(
        goal,
        user,
        goal.person,
        "a goal",
        based_on_version=based_on_version,
        m2m={"strengths": strengths},
        **fields,
    )


def archive_goal(user: User, goal: Goal) -> Goal:
    """Archive, never delete: the goal, its steps and ratings stay and can be restored."""
    return _archive(goal, user, goal.person, "archived a goal")


def restore_goal(user: User, goal: Goal) -> Goal:
    return _restore(goal, user, goal.person, "restored a goal")


# Steps ---------------------------------------------------------------------


def _done_at(step: GoalStep | None, status: str):
    if status != GoalStep.Status.DONE:
        return None
    if step is not None and step.done_at is not None:
        return step.done_at
    return timezone.now()


def _refuse_do_not_contact(person: Person, fields) -> None:
    """Nobody is given a step whom the person chose not to be contacted (issue 17)."""
    member = fields.get("circle_member")
    if member is not None and member.do_not_contact:
        raise ActionRefused(
            f"{person.preferred_name} chose that {member.name} is not contacted, "
            "so a step cannot be given to them."
        )


def add_step(user: User, goal: Goal, **fields) -> GoalStep:
    _refuse_do_not_contact(goal.person, fields)
    fields["done_at"] = _done_at(None, fields.get("status", GoalStep.Status.NOT_STARTED))
    return _create(GoalStep, user, goal.person, "a step towards a goal", goal=goal, **fields)


def update_step(
    user: User, step: GoalStep, *, based_on_version: int | None = None, **fields
) -> GoalStep:
    _refuse_do_not_contact(step.goal.person, fields)
    if "status" in fields:
        fields["done_at"] = _done_at(step, fields["status"])
    return _update(
        step,
        user,
        step.goal.person,
        "a step towards a goal",
        based_on_version=based_on_version,
        **fields,
    )


def archive_step(user: User, step: GoalStep) -> GoalStep:
    return _archive(step, user, step.goal.person, "archived a step")


def restore_step(user: User, step: GoalStep) -> GoalStep:
    return _restore(step, user, step.goal.person, "restored a step")


# Ratings -------------------------------------------------------------------


def add_rating(
    user: User, goal: Goal, *, score: int, comment: str = "", voice: str | None = None
) -> GoalRating:
    """Add one rating in one voice. Ratings are never edited, so neither voice overwrites the other.

    ``voice`` defaults to the actor's own voice. A worker may record the
    person's rating given in a session (``voice=Voice.PERSON``); ``rated_by``
    still says who typed it, and the page shows both.
    """
    with transaction.atomic():
        rating = GoalRating.objects.create(
            goal=goal,
            voice=voice or voice_of(user, goal.person),
            score=score,
            comment=comment,
            rated_by=user,
        )
        record_change(user, goal.person, "progress on a goal")
    return rating


# Strengths -----------------------------------------------------------------


def add_strength(user: User, person: Person, **fields) -> Strength:
    return _create(Strength, user, person, "a strength", person=person, **fields)


def update_strength(
    user: User, strength: Strength, *, based_on_version: int | None = None, **fields
) -> Strength:
    return _update(
        strength, user, strength.person, "a strength", based_on_version=based_on_version, **fields
    )


def archive_strength(user: User, strength: Strength) -> Strength:
    """Archive a strength. Its links to goals and steps stay, hidden while archived.

    Goals and steps are untouched, and restoring the strength brings the links back.
    """
    return _archive(strength, user, strength.person, "archived a strength")


def restore_strength(user: User, strength: Strength) -> Strength:
    return _restore(strength, user, strength.person, "restored a strength")


# Circle of support ---------------------------------------------------------


def _refuse_unless_said_in_a_session(user, person, told: bool, said_on) -> None:
    """A worker records a choice only as something the person said in a session, with its date.

    The choice is the person's (issue 17): a worker may not make it for them, so
    without that confirmation the change is refused. A peer supporter never records it.
    """
    if not may(user, person, Can.RECORD_CIRCLE_CHOICE):
        raise ActionRefused(
            f"Only {person.preferred_name}, or their worker recording what they said, "
            "can change how someone in their circle is involved."
        )
    if not told or said_on is None:
        raise ActionRefused(
            f"This is {person.preferred_name}'s choice. Record it only if they told you in a "
            "session: tick the box and give the date of that session."
        )
    if said_on > timezone.localdate():
        raise ActionRefused("The session date cannot be in the future.")


def _involvement_fields(user, person, member, fields):
    """When the involvement choice is set or changed, check it is the person's and stamp it.

    The stored choice is read from the database: a bound ModelForm has already
    written the new value into ``member`` by the time an action sees it. A worker's
    change needs ``told_in_session`` and ``said_in_session_on``; the earlier choice
    is kept so the person can undo it (``undo_recorded_involvement``).
    """
    told = fields.pop("told_in_session", False)
    said_on = fields.pop("said_in_session_on", None)
    stored = (
        None
        if member is None
        else SignificantOther.objects.filter(pk=member.pk)
        .values_list("involvement", flat=True)
        .first()
    )
    undecided = SignificantOther.Involvement.NOT_DECIDED
    if "involvement" not in fields or (member is not None and fields["involvement"] == stored):
        return fields
    voice = voice_of(user, person)
    if voice == Voice.PERSON:
        said_on = None
    elif member is not None or fields["involvement"] != undecided:
        _refuse_unless_said_in_a_session(user, person, told, said_on)
    fields["involvement_set_at"] = timezone.now()
    fields["involvement_set_by"] = user
    fields["involvement_set_as"] = voice
    fields["involvement_said_on"] = said_on
    fields["involvement_before"] = stored or undecided
    return fields


def _only_the_person_chooses_crisis_contacts(user, person, fields) -> None:
    """Who the person would call in a crisis is theirs to choose: staff never set it."""
    if "call_in_crisis" in fields and (person.user_id is None or user.pk != person.user_id):
        raise ActionRefused(
            f"Only {person.preferred_name} can choose who they would call in a crisis."
        )


def add_circle_member(user: User, person: Person, **fields) -> SignificantOther:
    _only_the_person_chooses_crisis_contacts(user, person, fields)
    fields.setdefault("involvement", SignificantOther.Involvement.NOT_DECIDED)
    fields = _involvement_fields(user, person, None, fields)
    return _create(
        SignificantOther, user, person, "their circle of support", person=person, **fields
    )


def update_circle_member(
    user: User, member: SignificantOther, *, based_on_version: int | None = None, **fields
) -> SignificantOther:
    """Change a circle member's details; the involvement choice only as the person's (above)."""
    _only_the_person_chooses_crisis_contacts(user, member.person, fields)
    fields = _involvement_fields(user, member.person, member, fields)
    return _update(
        member,
        user,
        member.person,
        "their circle of support",
        based_on_version=based_on_version,
        **fields,
    )


def undo_recorded_involvement(user: User, member: SignificantOther) -> SignificantOther:
    """The person puts back the choice they had before a worker recorded a new one (one click).

    Only the person's own login undoes, and only a choice someone else recorded.
    """
    person = member.person
    if voice_of(user, person) != Voice.PERSON or not may(
        user, person, Can.CHOOSE_CIRCLE_INVOLVEMENT
    ):
        raise ActionRefused(f"Only {person.preferred_name} can undo this choice.")
    member.refresh_from_db()
    if not member.choice_recorded_by_someone_else:
        raise ActionRefused("This choice is already yours: there is nothing to undo.")
    return _update(
        member,
        user,
        person,
        "their circle of support (undid a choice a worker recorded)",
        involvement=member.involvement_before,
        involvement_before=member.involvement,
        involvement_set_at=timezone.now(),
        involvement_set_by=user,
        involvement_set_as=Voice.PERSON,
        involvement_said_on=None,
    )


def archive_circle_member(user: User, member: SignificantOther) -> SignificantOther:
    return _archive(member, user, member.person, "archived someone in their circle")


def restore_circle_member(user: User, member: SignificantOther) -> SignificantOther:
    return _restore(member, user, member.person, "restored someone in their circle")


# Setbacks ------------------------------------------------------------------


def add_setback(user: User, person: Person, *, goals: Iterable[Goal] = (), **fields) -> Setback:
    """Record a setback as learning. Linked goals carry on as they were: nothing is reset."""
    return _create(
        Setback, user, person, "a setback", m2m={"goals": goals}, person=person, **fields
    )


def update_setback(
    user: User,
    setback: Setback,
    *,
    goals: Iterable[Goal] | None = None,
    based_on_version: int | None = None,
    **fields,
) -> Setback:
    return _update(
        setback,
        user,
        setback.person,
        "a setback",
        based_on_version=based_on_version,
        m2m={"goals": goals},
        **fields,
    )


def archive_setback(user: User, setback: Setback) -> Setback:
    return _archive(setback, user, setback.person, "archived a setback")


def restore_setback(user: User, setback: Setback) -> Setback:
    return _restore(setback, user, setback.person, "restored a setback")
