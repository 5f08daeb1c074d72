"""Pages about one person, for the staff who work with them."""

from django.shortcuts import render
from django.utils import timezone

from casework.access import SUPERVISOR_READ_ONLY, acting_role, get_person_for
from casework.forms import SessionNoteForm
from casework.models import CaseAssignment
from casework.notes import timeline
from strengths.overview import overview_context

RECENT_NOTES = 5


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
            "recent_notes": timeline(person)[:RECENT_NOTES],
            # Supervisors read only; everyone else reaching this page works with the person.
            "form": SessionNoteForm() if role_here != SUPERVISOR_READ_ONLY else None,
            "can_change": role_here != SUPERVISOR_READ_ONLY,
            **overview_context(person),
            "alerts": person.alerts.current().only("wording", "reason", "review_by", "person_told"),
            "today": timezone.localdate(),
        },
    )
