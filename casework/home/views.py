"""The role-aware home page: each kind of login lands on what it needs first."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.utils import timezone

from casework.access import (
    caseload_for,
    handovers_visible_to,
    may_add_people,
    people_visible_to,
    record_search_views,
    signed_in_as_for,
    supervised_team_ids,
)
from casework.alerts.actions import alerts_overdue_for
from casework.appointments.reads import (
    diary_at_a_glance,
    rearrange_requests_to_answer,
    with_diary_counts,
)
from casework.checkins.actions import urgent_check_ins
from casework.common.counting import counted_and_found
from casework.common.pagination import CountedPaginator
from casework.handover.views import handover_pages
from casework.home.cards import caseload_cards, team_people_rows
from casework.home.caseload import (
    DEFAULT_NOT_SEEN_WEEKS,
    DEFAULT_SORT,
    SORTS,
    caseload_overview,
    not_seen_cutoff,
)
from casework.models import CaseAssignment, StaffMembership, Team, User
from casework.space import views as me

PAGE_SIZE = 25
WORKER_NAME_FIELDS = ("worker__first_name", "worker__last_name", "worker__username")
URGENT_SHOWN = 50  # more than this waiting is a matter for the team, not a longer list


def home(request):
    kind = signed_in_as_for(request).kind
    if kind == "person":
        return person_home(request)
    if kind == "supervisor" and request.GET.get("view") != "caseload":
        return supervisor_home(request)
    if kind == "org_admin":
        return admin_home(request)
    return worker_home(request)


def _page(request, queryset, *, count: int | None = None):
    """A page of ``queryset``. ``count``, when given, is its number of rows, already
    counted by a leaner query (the caseload's rows carry a dozen annotations: counting
    them made PostgreSQL, and Django compiling it, run the whole annotated query inside
    ``COUNT``)."""
    if count is None:
        return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return CountedPaginator(queryset, PAGE_SIZE, count=count).get_page(request.GET.get("page"))


def _weeks(raw) -> int:
    try:
        weeks = int(raw)
    except (TypeError, ValueError):
        return DEFAULT_NOT_SEEN_WEEKS
    return weeks if 1 <= weeks <= 52 else DEFAULT_NOT_SEEN_WEEKS


def worker_home(request):
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else DEFAULT_SORT
    weeks = _weeks(request.GET.get("weeks"))
    only_not_seen = request.GET.get("not_seen") == "1"
    people = caseload_overview(
        request.user, sort=sort, not_seen_weeks=weeks if only_not_seen else None
    )
    params = {"sort": sort, "weeks": weeks}
    if only_not_seen:
        params["not_seen"] = "1"
    if request.GET.get("view") == "caseload":
        params["view"] = "caseload"
    caseload = caseload_for(request.user)
    urgent = urgent_check_ins(request.user, caseload)
    requests = rearrange_requests_to_answer(request.user)
    # One query counts the caseload and asks whether any urgent check-in or request to
    # rearrange is waiting (most days none): only those with rows are read. Filtered by
    # "not seen for", the count needs the last-contact column, and is asked on its own.
    counts = counted_and_found(
        count={} if only_not_seen else {"people": caseload},
        exist={"urgent": urgent, "requests": requests},
    )
    page = _page(request, people, count=counts.get("people"))
    return render(
        request,
        "casework/caseload.html",
        {
            "page": page,
            "cards": caseload_cards(page, weeks=weeks, cutoff=not_seen_cutoff(weeks)),
            "sorts": SORTS,
            "sort": sort,
            "weeks": weeks,
            "only_not_seen": only_not_seen,
            "may_add_people": may_add_people(request.user),
            "pagination_query": urlencode(params),
            "urgent_check_ins": _urgent_shown(request.user, urgent if counts["urgent"] else []),
            "diary": _diary_shown(request.user, requests if counts["requests"] else []),
        },
    )


def supervisor_home(request):
    today = timezone.localdate()
    active_here = Q(assignments__ended_on__isnull=True) | Q(assignments__ended_on__gt=today)
    active_here &= Q(assignments__started_on__lte=today)
    workers = (
        User.objects.filter(memberships__team_id__in=supervised_team_ids(request.user))
        .exclude(pk=request.user.pk)
        .annotate(active_people=Count("assignments", filter=active_here, distinct=True))
        .only("first_name", "last_name", "username")  # display_name; DISTINCT on these only
        .distinct()
        .order_by("first_name", "username")
    )
    visible = people_visible_to(request.user)  # built once: the list and the urgent check-ins
    # Only the columns the table shows: a person's row holds their whole profile.
    people = visible.only("preferred_name", "pronouns").prefetch_related(
        Prefetch(
            "assignments",
            queryset=CaseAssignment.objects.active()
            .select_related("worker")
            .only("person_id", "role", *WORKER_NAME_FIELDS),
            to_attr="active_assignments",
        )
    )
    handovers = handovers_visible_to(request.user)
    urgent = urgent_check_ins(request.user, visible)
    # Every number on the page in one query, and whether any urgent check-in is waiting
    # (most days none: then the list is not read).
    counts = counted_and_found(
        count={
            "people": visible,
            "own_caseload": caseload_for(request.user),
            "overdue_alerts": alerts_overdue_for(request.user),
            "pending": handovers.pending(),
            "done": handovers.done(),
        },
        exist={"urgent": urgent},
    )
    paginator = CountedPaginator(
        people.order_by("preferred_name", "id"), PAGE_SIZE, count=counts["people"]
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "casework/supervisor_home.html",
        {
            # Counts only: a supervisor sees how full a diary is, not whom it is with.
            "workers": with_diary_counts(workers),
            "page": page,
            "people_rows": team_people_rows(page),
            "own_caseload_count": counts["own_caseload"],
            "overdue_alert_count": counts["overdue_alerts"],
            "urgent_check_ins": _urgent_shown(request.user, urgent if counts["urgent"] else []),
            # Names, workers and dates of handovers in the teams (issue 21).
            **handover_pages(request, handovers, counts),
        },
    )


def person_home(request):
    # The person's space lives in casework/space/views.py; "/" shows its home page.
    return me.me_home(request)


def admin_home(request):
    # Ordered here: Django leaves Team's default ordering off a query with GROUP BY.
    teams = (
        Team.objects.select_related("organisation")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name", "id")
    )
    staff = (
        User.objects.filter(Q(memberships__isnull=False) | Q(is_org_admin=True))
        .distinct()
        .prefetch_related(
            Prefetch("memberships", queryset=StaffMembership.objects.select_related("team"))
        )
        .order_by("first_name", "username")
    )
    return render(
        request,
        "casework/admin_home.html",
        {"teams": teams, "page": _page(request, staff)},
    )


def _urgent_shown(user, urgent) -> list:
    """The urgent check-ins a home page shows (``urgent``: ``urgent_check_ins``, or ``[]``
    when the page knows there are none), each read logged on its person's record."""
    shown = list(urgent[:URGENT_SHOWN])
    record_search_views(user, [c.person for c in shown], what="their check-ins (on the home page)")
    return shown


def _diary_shown(user, requests):
    """Today and this week on the caseload page, each person's read logged (``requests``:
    the requests to rearrange, or ``[]`` when the page knows there are none)."""
    diary = diary_at_a_glance(user, requests)
    shown = [a.person for a in diary.today + diary.rest_of_week]
    shown += [r.appointment.person for r in diary.open_requests]
    record_search_views(user, shown, what="their appointments (on the home page)")
    return diary
