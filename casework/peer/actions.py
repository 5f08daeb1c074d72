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
    person: Person, set_by: User, *, allow: bool, in_the_room: bool = False
) -> PeerNoteSharingChoice:
    """Record a new choice (a new row: earlier ones stay as its history) and log it."""
    choice = PeerNoteSharingChoice.objects.create(
        person=person, allow=allow, set_by=set_by, in_the_room=in_the_room and set_by != person.user
    )
    answer = "may read" if allow else "may not read"
    record_change(
        set_by, person, f"their choice: their peer supporter {answer} other shared session notes"
    )
    return choice


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
