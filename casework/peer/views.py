"""The person's choice about their peer supporter, and "who can see my record".

What the choice means is applied in ``casework.access`` only; these views record
it (``peer_sharing.set_peer_note_sharing``) and show it.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casework import access
from casework.peer.actions import describe_choice, describe_reach, set_peer_note_sharing
from casework.peer.forms import PeerSharingForm
from casework.people.assignments import recent_assignment_changes


def _history(person):
    return list(person.peer_note_choices.select_related("set_by")[:10])


def _answers(form) -> dict:
    return {f: form.cleaned_data[f] for f in ("allow", "alerts", "check_ins")}


def _peer_supporters(person):
    return [v for v in access.who_can_see(person) if v.is_peer_supporter]


@access.form_page(access.Can.CHOOSE_PEER_SHARING)
def my_peer_sharing(request):
    person = access.get_own_person(request, what="your choice about your peer support worker")
    can_choose = access.may(request.user, person, access.Can.CHOOSE_PEER_SHARING)
    current = access.current_peer_choice(person)
    form = PeerSharingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        set_peer_note_sharing(person, request.user, **_answers(form))
        messages.success(request, _("Your choice is saved. It counts from now."))
        return redirect("me_peer_sharing")
    if request.method != "POST":
        form.initial_from(current)
    return render(
        request,
        "casework/me/peer_sharing.html",
        {
            "person": person,
            "form": form,
            "can_choose": can_choose,
            "current": current,
            "current_by": describe_choice(current, person),
            "current_reach": describe_reach(current),
            "history": [(c, describe_choice(c, person)) for c in _history(person)],
            "peer_supporters": _peer_supporters(person),
        },
    )


@access.form_page(access.Can.RECORD_PEER_CHOICE)
def peer_sharing(request, person_id):
    """Staff: record the person's choice with them in the room (never the peer supporter)."""
    person = access.get_person_for(request, person_id, what="their choice about peer support")
    current = access.current_peer_choice(person)
    form = PeerSharingForm(
        request.POST if request.method == "POST" else None, in_the_room_of=person.preferred_name
    )
    if request.method == "POST" and form.is_valid():
        set_peer_note_sharing(person, request.user, **_answers(form), in_the_room=True)
        messages.success(request, f"{person.preferred_name}'s choice is saved. It counts from now.")
        return redirect("record_account", person_id=person.pk)
    if request.method != "POST":
        form.initial_from(current)
    return render(
        request,
        "casework/peer_sharing.html",
        {
            "person": person,
            "form": form,
            "current": current,
            "current_by": describe_choice(current, person),
            "current_reach": describe_reach(current),
            "history": [(c, describe_choice(c, person)) for c in _history(person)],
        },
    )


@access.reads()
def who_can_see(request):
    person = access.get_own_person(request, what="the list of who can see your record")
    return render(
        request,
        "casework/me/who_can_see.html",
        {
            "person": person,
            "viewers": access.who_can_see(person),
            "assignment_changes": recent_assignment_changes(person),
        },
    )
