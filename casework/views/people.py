"""Pages about one person, for the staff who work with them."""

from django.shortcuts import render
from django.utils import timezone

from casework.access import acting_role, get_person_for
from casework.models import CaseAssignment


def person_detail(request, person_id):
    person = get_person_for(request, person_id, what="their overview")
    workers = CaseAssignment.objects.active().filter(person=person).select_related("worker")
    return render(
        request,
        "casework/person_detail.html",
        {
            "person": person,
            "workers": workers,
            "role_here": acting_role(request.user, person),
            "alerts": person.alerts.current().only("wording", "reason", "review_by", "person_told"),
            "today": timezone.localdate(),
        },
    )
