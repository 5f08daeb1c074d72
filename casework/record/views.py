"""The pages of a person's record, for the staff who work with them.

The record is a set of focused pages under one sub-navigation
(``casework.record.navigation``): the overview here answers "what do I need to
know before I see this person today?"; Goals, Strengths & circle and Account
are here too; Sessions (``casework.notes``), Plan (``strengths.plan``), Journey
(``strengths.journey``) and Alerts (``casework.alerts``) are their own packages'
pages.
"""

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
from casework.common.counting import AskedTogether
from casework.handover.reads import handover_links, handover_panel_rows
from casework.models import Alert, CaseAssignment
from casework.peer.actions import describe_choice, describe_reach
from casework.record.overview import latest_notes, open_requests
from strengths.story.overview import (
    goals_page_context,
    goals_working_on_now,
    strengths_page_context,
)

GOALS_NOW_SHOWN = 5

RECENT_APPOINTMENTS = 3


@access.reads()
def person_detail(request, person_id):
    person = get_person_for(request, person_id, what="their overview")
    abilities = access.capabilities(request.user, person)
    # Things to know, a handover to take up and open requests are usually empty: one query
    # asks about all of them, and only the lists with rows are read.
    asked = AskedTogether(
        alerts=access.alerts_visible_to(request.user, person)
        .current()
        .only("person", "wording", "reason", "review_by", "person_told")
        if Can.READ_ALERTS in abilities
        else Alert.objects.none(),
        handover=handover_panel_rows(request.user, person, abilities),
    )
    waiting = open_requests(request.user, person, abilities, asked)  # adds its lists, then asks
    return render(
        request,
        "casework/person_detail.html",
        {
            "person": person,
            "role_here": acting_role(request.user, person),
            "read_only": access.reads_only(abilities),
            "can_write_notes": Can.WRITE_NOTES in abilities,
            "can_ack_check_ins": Can.ACK_CHECK_INS in abilities,
            # Only what this login may read (a peer supporter: as the person chose).
            "can_read_alerts": Can.READ_ALERTS in abilities,
            "alerts": asked.rows("alerts"),
            "today": timezone.localdate(),
            "appointments": upcoming_for_person(person, limit=RECENT_APPOINTMENTS),
            "may_book": Can.MANAGE_APPOINTMENTS in abilities,
            "goals_now": goals_working_on_now(person, GOALS_NOW_SHOWN),
            "handover_panel": asked.first("handover"),
            "handover_links": handover_links(person, abilities),
            **latest_notes(request.user, person),
            **waiting,
        },
    )


@access.reads()
def goals(request, person_id):
    person = get_person_for(request, person_id, what="their goals and setbacks")
    context = {
        "person": person,
        "can_change": access.may(request.user, person, Can.EDIT_STORY),
        **goals_page_context(person),
    }
    return render(request, "casework/record/goals.html", context)


@access.reads()
def strengths_and_circle(request, person_id):
    person = get_person_for(request, person_id, what="their strengths and circle of support")
    context = {
        "person": person,
        "can_change": access.may(request.user, person, Can.EDIT_STORY),
        **strengths_page_context(person),
    }
    return render(request, "casework/record/strengths.html", context)


@access.reads()
def account(request, person_id):
    person = get_person_for(request, person_id, what="their details and account")
    abilities = access.capabilities(request.user, person)
    workers = CaseAssignment.objects.active().filter(person=person).select_related("worker")
    return render(
        request,
        "casework/record/account.html",
        {
            "person": person,
            "workers": workers,
            **_account_context(person, abilities),
            **_peer_choice_context(request.user, person),
        },
    )


def _account_context(person, abilities) -> dict:
    """The person's own account: whether they can sign in, and the open link."""
    open_invitation = next(
        (i for i in person.invitations.all()[:1] if i.is_open()),
        None,
    )
    return {
        "can_manage_account": Can.MANAGE_ACCOUNT in abilities,
        "can_read_reminders": Can.READ_REMINDERS_SENT in abilities,
        "account_user": person.user,
        "open_invitation": open_invitation,
        "invite_form": InviteForm(person=person) if Can.MANAGE_ACCOUNT in abilities else None,
    }


def _peer_choice_context(user, person) -> dict:
    choice = current_peer_choice(person)
    return {
        "peer_choice": choice,
        "peer_choice_by": describe_choice(choice, person),
        "peer_choice_reach": describe_reach(choice),
        "may_record_peer_choice": may_record_peer_choice(user, person),
    }
