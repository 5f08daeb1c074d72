"""Practice review pages (issue 8): for reflective supervision, never league tables.

Every view first asks the access module who the figures may be about
(``get_supervised_team``, ``get_supervised_worker``, ``get_practising_self``);
each answers 404 for anyone else, exactly like a missing page.
"""

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from casework.access import (
    get_practising_self,
    get_supervised_team,
    get_supervised_worker,
    supervised_team_ids,
)
from casework.common.forms import posted
from casework.models import Team
from casework.practice import review as practice
from casework.practice.forms import SupervisionNoteForm
from casework.practice.supervision import notes_between, notes_for_worker, record_supervision_note


def _period(request):
    return practice.parse_period(request.GET.get("start"), request.GET.get("end"))


def _period_query(period) -> str:
    return urlencode({"start": period.start.isoformat(), "end": period.end.isoformat()})


def _chosen_team(request) -> Team:
    team_id = request.GET.get("team")
    if team_id is None:
        team = Team.objects.filter(pk__in=supervised_team_ids(request.user)).first()
        if team is None:
            raise Http404("No such page.")
        return team
    return get_supervised_team(request, team_id)


def _review_page(request, scope, *, cases_url, extra):
    period, problem = _period(request)
    rows = practice.review(scope, period)
    for row in rows:
        if row.indicator.cases is not None:
            row.cases_href = cases_url(row.indicator.key) + "?" + _period_query(period)
    months = practice.trend(scope, period)
    context = {
        "scope": scope,
        "period": period,
        "previous": period.previous(),
        "period_problem": problem,
        "themes": practice.themes(rows),
        "months": months,
        "bars": practice.trend_bars(months),
        "chart": practice,
        "period_query": _period_query(period),
        **extra,
    }
    return render(request, "casework/practice/review.html", context)


def team_review(request):
    team = _chosen_team(request)
    scope = practice.team_scope(team)
    period, _previous = _period(request)
    teams = Team.objects.filter(pk__in=supervised_team_ids(request.user))
    return _review_page(
        request,
        scope,
        cases_url=lambda key: reverse("practice_team_cases", args=[team.pk, key]),
        extra={
            "team": team,
            "teams": teams,
            "workers": practice.workers_overview(scope, period),
            "heading": _("Practice review: %(name)s") % {"name": team.name},
            "export_query": urlencode(
                {"team": team.pk, "start": period.start.isoformat(), "end": period.end.isoformat()}
            ),
        },
    )


def worker_review(request, worker_id):
    worker = get_supervised_worker(request, worker_id)
    return _review_page(
        request,
        practice.worker_scope(worker),
        cases_url=lambda key: reverse("practice_worker_cases", args=[worker.pk, key]),
        extra={
            "worker": worker,
            "heading": _("Practice review: %(worker)s") % {"worker": worker.display_name()},
        },
    )


def my_review(request):
    me = get_practising_self(request)
    return _review_page(
        request,
        practice.worker_scope(me),
        cases_url=lambda key: reverse("practice_me_cases", args=[key]),
        extra={"mine": True, "heading": _("My practice")},
    )


def _cases_page(request, scope, indicator_key, *, back_url):
    indicator = practice.BY_KEY.get(indicator_key)
    if indicator is None or indicator.cases is None:
        raise Http404("No such page.")
    period, problem = _period(request)
    people = practice.cases_behind(indicator, scope, period)
    return render(
        request,
        "casework/practice/cases.html",
        {
            "indicator": indicator,
            "scope": scope,
            "period": period,
            "period_problem": problem,
            "people": people,
            "back_url": back_url,
        },
    )


def team_cases(request, team_id, indicator_key):
    team = get_supervised_team(request, team_id)
    back = reverse("practice") + "?" + urlencode({"team": team.pk})
    return _cases_page(request, practice.team_scope(team), indicator_key, back_url=back)


def worker_cases(request, worker_id, indicator_key):
    worker = get_supervised_worker(request, worker_id)
    back = reverse("practice_worker", args=[worker.pk])
    return _cases_page(request, practice.worker_scope(worker), indicator_key, back_url=back)


def my_cases(request, indicator_key):
    me = get_practising_self(request)
    back = reverse("practice_me")
    return _cases_page(request, practice.worker_scope(me), indicator_key, back_url=back)


def export_csv(request):
    team = _chosen_team(request)
    period, _previous = _period(request)
    rows = practice.review(practice.team_scope(team), period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="practice-review-{period.start}-to-{period.end}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "theme",
            "indicator",
            "how it is worked out",
            "this period",
            "period before",
            "number",
            "out of",
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.indicator.theme,
                row.indicator.label,
                row.indicator.definition,
                row.now.text,
                row.before.text if row.before else "Today only",
                "" if row.now.number is None else row.now.number,
                "" if row.now.out_of is None else row.now.out_of,
            ]
        )
    return response


def worker_supervision(request, worker_id):
    worker = get_supervised_worker(request, worker_id)
    form = SupervisionNoteForm(posted(request), worker=worker)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record_supervision_note(
            request.user,
            worker,
            people=data["people_discussed"],
            date=data["date"],
            went_well=data["went_well"],
            reflected_on=data["reflected_on"],
            agreed_actions=data["agreed_actions"],
        )
        messages.success(request, _("Supervision note saved."))
        return redirect("practice_worker_supervision", worker_id=worker.pk)
    return render(
        request,
        "casework/practice/supervision.html",
        {
            "worker": worker,
            "form": form,
            "notes": notes_between(request.user, worker),
        },
    )


def my_supervision(request):
    me = get_practising_self(request)
    return render(
        request,
        "casework/practice/my_supervision.html",
        {"notes": notes_for_worker(me)},
    )
