"""The person's choice about what their peer support worker may read.

``set_peer_note_sharing`` is the only code that records it; views, ``seed_demo``
and tests call it. The access module (``casework.access.notes_visible_to``)
applies it; nothing else does.
"""

from __future__ import annotations

from django.db import transaction

from casework.access import record_change
from casework.models import PeerNoteSharingChoice, Person, User


@transaction.atomic
def set_peer_note_sharing(
    person: Person,
    set_by: User,
    *,
    allow: bool,
    alerts: bool = False,
    check_ins: bool = False,
    in_the_room: bool = False,
) -> PeerNoteSharingChoice:
    """Record a new choice (a new row: earlier ones stay as its history) and log it.

    ``allow``: other workers' shared notes; ``alerts``: the alerts the person was
    told about; ``check_ins``: their check-ins. What is not said yes to is no.
    """
    choice = PeerNoteSharingChoice.objects.create(
        person=person,
        allow=allow,
        alerts=alerts,
        check_ins=check_ins,
        set_by=set_by,
        in_the_room=in_the_room and set_by.pk != person.user_id,
    )
    # A person object that holds its peer supporter's reach (``get_person_for``)
    # answers from the new choice from now on.
    person.__dict__.pop("_peer_choice_capabilities", None)
    record_change(set_by, person, f"their choice: their peer supporter {describe_reach(choice)}")
    return choice


def describe_reach(choice: PeerNoteSharingChoice | None) -> str:
    """What the choice lets the peer supporter read, in plain words."""
    if choice is None:
        return "may read only the notes they write"
    parts = [
        what
        for yes, what in (
            (choice.allow, "other shared session notes"),
            (choice.alerts, "alerts the person has been told about"),
            (choice.check_ins, "check-ins"),
        )
        if yes
    ]
    if not parts:
        return "reads only the notes they write"
    return "may read " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def describe_choice(choice: PeerNoteSharingChoice | None, person: Person) -> str:
    """Who made the choice and how, in plain words ("Recorded by Alice with Erin in the room")."""
    if choice is None:
        return "Not chosen yet, so the answer is no."
    if person.user_id and choice.set_by_id == person.user_id:
        return f"Chosen by {person.preferred_name}"
    name = choice.set_by.display_name()
    if choice.in_the_room:
        return f"Recorded by {name} with {person.preferred_name} in the room"
    return f"Recorded by {name}"
