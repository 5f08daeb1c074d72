"""The journey timeline: everything that has happened, newest first, grouped by month."""

from django.core.paginator import Paginator
from django.shortcuts import render

from casework import access
from casework.access import get_person_for
from casework.common.htmx import is_htmx
from strengths.journey.cards import journey_lines
from strengths.journey.reads import FILTERS, Timeline, journey_so_far

PAGE_SIZE = 20


@access.reads()
def journey(request, person_id):
    person = get_person_for(request, person_id, what="their journey")
    kind = request.GET.get("kind", "")
    if kind not in dict(FILTERS):
        kind = ""
    page = Paginator(Timeline(person, kind, request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "person": person,
        "page": page,
        "lines": journey_lines(page.object_list, person),
        "kind": kind,
        "filters": FILTERS,
        "query": f"kind={kind}" if kind else "",
        "summary": journey_so_far(person),
    }
    template = "strengths/journey.html"
    if is_htmx(request):
        template += "#timeline"
    return render(request, template, context)
