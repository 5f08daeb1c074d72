"""Pages about one person, for the staff who work with them."""

from django.shortcuts import render
from django.utils import timezone

from casework import access
from casework.access import (
    Can,
    acting_role,
    current_peer_choice,
    get_person_for,
    may_record_peer_choice,
)
from casework.accounts.forms import InviteForm
from casework.appointments.reads import upcoming_for_person
from casework.models import CaseAssignment
from casework.notes.actions import timeline
from casework.notes.forms import SessionNoteForm
from casework.peer.actions import describe_choice, describe_reach
from strengths.story.overview import overview_context

RECENT_NOTES = 5

RECENT_CHECK_INS = 10

RECENT_APPOINTMENTS = 3


@access.reads()
def person_detail(request, person_id):
    person = get_person_for(request, person_id, what="their overview")
    workers = CaseAssignment.objects.active().filter(person=person).select_related("worker")
    abilities = access.capabilities(request.user, person)
    return render(
        request,
        "casework/person_detail.html",
        {
            "person": person,
            "workers": workers,
            "role_here": acting_role(request.user, person),
            "read_only": not (abilities - access.READ_ONLY),
            "recent_notes": timeline(person, request.user)[:RECENT_NOTES],
            "form": SessionNoteForm(person=person, may_book=Can.MANAGE_APPOINTMENTS in abilities)
            if Can.WRITE_NOTES in abilities
            else None,
            **overview_context(person),
            # Only what this login may read (a peer supporter: as the person chose).
            "can_read_alerts": Can.READ_ALERTS in abilities,
            "can_read_reminders": Can.READ_REMINDERS_SENT in abilities,
            "alerts": access.alerts_visible_to(request.user, person)
            .current()
            .only("person", "wording", "reason", "review_by", "person_told")
            if Can.READ_ALERTS in abilities
            else [],
            "today": timezone.localdate(),
            "appointments": upcoming_for_person(person)[:RECENT_APPOINTMENTS],
            "may_book": Can.MANAGE_APPOINTMENTS in abilities,
            **_own_space_context(person, abilities),
            **_peer_choice_context(request.user, person),
        },
    )


def _own_space_context(person, abilities) -> dict:
    """The person's account and their recent check-ins, for the overview."""
    open_invitation = next(
        (i for i in person.invitations.all()[:1] if i.is_open()),
        None,
    )
    return {
        "can_change": Can.EDIT_STORY in abilities,
        "can_ack_check_ins": Can.ACK_CHECK_INS in abilities,
        "can_manage_account": Can.MANAGE_ACCOUNT in abilities,
        "account_user": person.user,
        "open_invitation": open_invitation,
        "invite_form": InviteForm(person=person) if Can.MANAGE_ACCOUNT in abilities else None,
        "can_read_check_ins": Can.READ_CHECK_INS in abilities,
        "recent_check_ins": list(person.check_ins.select_related("seen_by")[:RECENT_CHECK_INS])
        if Can.READ_CHECK_INS in abilities
        else [],
    }


def _peer_choice_context(user, person) -> dict:
    choice = current_peer_choice(person)
    return {
        "peer_choice": choice,
        "peer_choice_by": describe_choice(choice, person),
        "peer_choice_reach": describe_reach(choice),
        "may_record_peer_choice": may_record_peer_choice(user, person),
    }
