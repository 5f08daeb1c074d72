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
from casework.models import CaseAssignment
from casework.notes.actions import timeline
from casework.notes.forms import SessionNoteForm
from casework.peer.actions import describe_choice
from strengths.story.overview import overview_context

RECENT_NOTES = 5

RECENT_CHECK_INS = 10


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
            "form": SessionNoteForm(person=person) if Can.WRITE_NOTES in abilities else None,
            **overview_context(person),
            "alerts": person.alerts.current().only(
                "person", "wording", "reason", "review_by", "person_told"
            ),
            "today": timezone.localdate(),
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
        "recent_check_ins": list(person.check_ins.select_related("seen_by")[:RECENT_CHECK_INS]),
    }


def _peer_choice_context(user, person) -> dict:
    choice = current_peer_choice(person)
    return {
        "peer_choice": choice,
        "peer_choice_by": describe_choice(choice, person),
        "may_record_peer_choice": may_record_peer_choice(user, person),
    }
