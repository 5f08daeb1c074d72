"""Staff side of check-ins: "I have seen this"."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from casework import access
from casework.checkins.actions import mark_check_in_seen

# Where the button was pressed: back to the list it came from, never a URL from the form.
BACK_TO = {"home": ("home", "#urgent-check-ins")}


@access.action(access.Can.ACK_CHECK_INS)
def check_in_seen(request, person_id, checkin_id):
    person = access.get_person_for(request, person_id, what="their check-ins")
    check_in = get_object_or_404(person.check_ins, pk=checkin_id)
    mark_check_in_seen(request.user, person, check_in)
    if request.POST.get("back") in BACK_TO:
        name, anchor = BACK_TO[request.POST["back"]]
        return redirect(reverse(name) + anchor)
    return redirect(reverse("person_detail", args=[person.pk]) + "#check-ins")
