"""Demo data for handover (issue 21): Jamie, handed over from jo to sam by morgan.

Made once: a later run finds the handover and leaves it (and the assignments it
changed) as they are.
"""

import datetime

from django.utils import timezone

from casework.handover.actions import Choice, hand_over, write_outgoing_note
from casework.models import CaseAssignment, Person, User

OUTGOING_NOTE = (
    "Jamie, it has been good working with you. Sam takes over as your worker from today. "
    "I have told Sam how much the Thursday cooking group matters to you, and that you "
    "like a text the day before we meet. Your plan and your goals stay exactly as they are."
)


def seed_handover(person: Person, old: User, new: User, supervisor: User) -> None:
    if person.handovers.exists():
        return
    lead = CaseAssignment.objects.active().get(
        person=person, worker=old, role=CaseAssignment.Role.LEAD
    )
    today = timezone.localdate()
    (handover,) = hand_over(
        supervisor,
        old,
        [Choice(lead.pk, new)],
        starts_on=today,
        ends_on=today + datetime.timedelta(days=14),
    )
    talked_about = person.notes.filter(withheld_reason="").order_by("-happened_at", "-id").first()
    write_outgoing_note(old, handover, OUTGOING_NOTE, talked_about)
