"""Staff side of check-ins: marking one as read."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from casework import access
from casework.checkins.actions import mark_check_in_seen


@access.action(access.Can.ACK_CHECK_INS)
def check_in_seen(request, person_id, checkin_id):
    person = access.get_person_for(request, person_id)
    check_in = get_object_or_404(person.check_ins, pk=checkin_id)
    mark_check_in_seen(request.user, person, check_in)
    return redirect(reverse("person_detail", args=[person.pk]) + "#check-ins")
