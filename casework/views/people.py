"""Pages about one person, for the staff who work with them."""

from django.shortcuts import render

from casework.access import SUPERVISOR_READ_ONLY, acting_role, get_person_for
from casework.models import CaseAssignment
from strengths.overview import overview_context


def person_detail(request, person_id):
    person = get_person_for(request, person_id, what="their overview")
    workers = CaseAssignment.objects.active().filter(person=person).select_related("worker")
    role_here = acting_role(request.user, person)
    return render(
        request,
        "casework/person_detail.html",
        {
            "person": person,
            "workers": workers,
            "role_here": role_here,
            "can_change": role_here != SUPERVISOR_READ_ONLY,
            **overview_context(person),
        },
    )
