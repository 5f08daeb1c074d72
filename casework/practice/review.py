"""Practice review (issue 8): how recovery-oriented a worker's or a team's practice is.

For reflective supervision, not league tables: nothing here ranks workers or
colours a number red or green. Each indicator is defined once, in plain words,
in ``INDICATORS``; the page shows the definition next to the number and links
to the people behind it.

Who the figures are about (the one attribution rule): the people a worker has
an **active** ``CaseAssignment`` with today, and for a team, the people of the
team's current workers (practitioners and peer support workers). Everything
that happened in a period to those people counts, whoever wrote it and whether
or not they were with this worker then. Figures follow today's assignments and
teams; history is never re-attributed to the team someone belonged to at the
time. A worker who moved team takes their people's figures with them.

Every figure is an aggregate query (``Count`` with ``filter=Q(...)``, ``Sum``,
``TruncMonth``), so a page costs the same number of queries for 3 people or 300.
Percentages are worked out in Python from whole counts, so SQLite and
PostgreSQL give the same answer.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from casework.models import (
    Alert,
    CaseAssignment,
    CorrectionRequest,
    Person,
    SessionFeedback,
    SessionNote,
    StaffMembership,
    Team,
    User,
)
from strengths.models import Goal, GoalStep, RecoveryPlan, SignificantOther, Strength
from strengths.plan.models import PlanAgreement, PlanDifference, Voice

DEFAULT_MONTHS = 3
MAX_PERIOD_DAYS = 731  # two years, leap day included
TREND_MONTHS = 12
WORKER_ROLES = (StaffMembership.Role.PRACTITIONER, StaffMembership.Role.PEER_SUPPORT)
NOT_RECORDED = "Not recorded yet"


# --- Periods --------------------------------------------------------------------------


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end``, both included."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def start_at(self) -> datetime.datetime:
        return _midnight(self.start)

    @property
    def end_before(self) -> datetime.datetime:
        return _midnight(self.end + datetime.timedelta(days=1))

    def previous(self) -> Period:
        end = self.start - datetime.timedelta(days=1)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def __str__(self):
        return f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def default_period(today: datetime.date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period(_months_before(today, DEFAULT_MONTHS) + datetime.timedelta(days=1), today)


def parse_period(start: str | None, end: str | None, today=None) -> tuple[Period, str]:
    """The period asked for, or the default with a plain message saying why not."""
    fallback = default_period(today)
    if not start and not end:
        return fallback, ""
    try:
        first = datetime.date.fromisoformat(start) if start else fallback.start
        last = datetime.date.fromisoformat(end) if end else fallback.end
    except ValueError:
        return fallback, (
            "We could not read those dates. Use the date boxes, or the form year-month-day "
            "(for example 2026-01-31). Showing the last three months instead."
        )
    if last < first:
        return fallback, (
            "The end date is before the start date. Showing the last three months instead."
        )
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        return fallback, (
            "Choose a period of two years or less. Showing the last three months instead."
        )
    return Period(first, last), ""


# --- Whose figures --------------------------------------------------------------------


@dataclass
class Scope:
    """The workers whose current people the figures are about."""

    label: str
    worker_ids: list[int]
    not_seen_weeks: int = 4

    @cached_property
    def people(self) -> QuerySet[Person]:
        assigned = CaseAssignment.objects.active().filter(worker_id__in=self.worker_ids)
        return Person.objects.filter(pk__in=assigned.values("person_id"))

    @cached_property
    def people_count(self) -> int:
        return self.people.count()


def team_scope(team: Team) -> Scope:
    ids = list(
        StaffMembership.objects.filter(team=team, role__in=WORKER_ROLES)
        .values_list("user_id", flat=True)
        .distinct()
    )
    return Scope(team.name, ids, team.not_seen_weeks)


def worker_scope(worker) -> Scope:
    # A worker in two teams uses the first team's setting (by name).
    team = (
        Team.objects.filter(memberships__user=worker, memberships__role__in=WORKER_ROLES)
        .order_by("name")
        .first()
    )
    weeks = team.not_seen_weeks if team else 4
    return Scope(worker.display_name(), [worker.pk], weeks)


# --- Readings ---------------------------------------------------------------------------


@dataclass
class Reading:
    """One figure as shown: ``text`` for people; ``number`` (and ``out_of``) for the CSV."""

    text: str
    number: float | int | None = None
    out_of: int | None = None
    recorded: bool = True

    @classmethod
    def not_recorded(cls, why: str = NOT_RECORDED) -> Reading:
        return cls(why, recorded=False)


def share(part: int, whole: int, noun: str = "") -> Reading:
    if not whole:
        return Reading.not_recorded(f"No {noun} yet" if noun else NOT_RECORDED)
    percent = round(100 * part / whole)
    return Reading(f"{part} of {whole} ({percent}%)", part, whole)


def _no_people(scope: Scope) -> Reading | None:
    return None if scope.people_count else Reading.not_recorded("No people yet")


def _notes(scope: Scope, period: Period) -> QuerySet[SessionNote]:
    return SessionNote.objects.filter(
        person__in=scope.people,
        happened_at__gte=period.start_at,
        happened_at__lt=period.end_before,
    )


def _plans(scope: Scope):

    return RecoveryPlan.objects.filter(is_current=True, person__in=scope.people)


def _days_ago(moment) -> int:
    return (timezone.now() - moment).days


# --- Indicators -------------------------------------------------------------------------


def people_seen(scope, period):
    empty = _no_people(scope)
    if empty:
        return empty
    seen = _notes(scope, period).aggregate(n=Count("person", distinct=True))["n"]
    return share(seen, scope.people_count)


def people_seen_cases(scope, period):
    return scope.people.filter(pk__in=_notes(scope, period).values("person_id"))


def _not_seen_qs(scope, period):
    since = period.end_before - datetime.timedelta(weeks=scope.not_seen_weeks)
    recent = SessionNote.objects.filter(happened_at__gte=since, happened_at__lt=period.end_before)
    return scope.people.exclude(pk__in=recent.values("person_id"))


def people_not_seen(scope, period):
    return _no_people(scope) or share(_not_seen_qs(scope, period).count(), scope.people_count)


def plans_person_wrote(scope, period):

    wrote = Q(
        sections__revisions__author_voice=Voice.PERSON,
        sections__revisions__created_at__gte=period.start_at,
        sections__revisions__created_at__lt=period.end_before,
    )
    counts = _plans(scope).aggregate(
        total=Count("pk", distinct=True), wrote=Count("pk", distinct=True, filter=wrote)
    )
    return _no_people(scope) or share(counts["wrote"], counts["total"], "plans")


def plans_person_wrote_cases(scope, period):

    plans = _plans(scope).filter(
        sections__revisions__author_voice=Voice.PERSON,
        sections__revisions__created_at__gte=period.start_at,
        sections__revisions__created_at__lt=period.end_before,
    )
    return scope.people.filter(pk__in=plans.values("person_id"))


def _agreed_now():

    return Q(
        versions__plan_version=F("version"),
        versions__answers__answer=PlanAgreement.Answer.AGREE,
    )


def plans_agreed(scope, period):
    counts = _plans(scope).aggregate(
        total=Count("pk", distinct=True), agreed=Count("pk", distinct=True, filter=_agreed_now())
    )
    return _no_people(scope) or share(counts["agreed"], counts["total"], "plans")


def plans_agreed_cases(scope, period):
    return scope.people.filter(pk__in=_plans(scope).filter(_agreed_now()).values("person_id"))


def _open_differences(scope):

    return PlanDifference.objects.filter(
        plan__is_current=True, plan__person__in=scope.people, resolved_at__isnull=True
    )


def open_differences(scope, period):
    empty = _no_people(scope)
    if empty:
        return empty
    found = _open_differences(scope).aggregate(n=Count("pk"), oldest=Min("raised_at"))
    if not found["n"]:
        return Reading("None open", 0)
    days = _days_ago(found["oldest"])
    return Reading(
        f"{found['n']} open; the oldest for {days} day{'s' if days != 1 else ''}", found["n"]
    )


def open_differences_cases(scope, period):
    return scope.people.filter(pk__in=_open_differences(scope).values("plan__person_id"))


def _strengths_in(scope, period):

    return Strength.objects.active().filter(
        person__in=scope.people,
        created_at__gte=period.start_at,
        created_at__lt=period.end_before,
    )


def strengths_recorded(scope, period):
    empty = _no_people(scope)
    if empty:
        return empty
    total = _strengths_in(scope, period).count()
    per_person = round(total / scope.people_count, 1)
    return Reading(f"{per_person:g} per person ({total} in all)", per_person, scope.people_count)


def strengths_recorded_cases(scope, period):
    return scope.people.filter(pk__in=_strengths_in(scope, period).values("person_id"))


def _steps_in(scope, period):

    return GoalStep.objects.active().filter(
        goal__person__in=scope.people,
        created_at__gte=period.start_at,
        created_at__lt=period.end_before,
    )


def steps_drawing_on_strengths(scope, period):
    counts = _steps_in(scope, period).aggregate(
        total=Count("pk"), drawing=Count("pk", filter=Q(strength__isnull=False))
    )
    return _no_people(scope) or share(counts["drawing"], counts["total"], "goal steps")


def steps_drawing_on_strengths_cases(scope, period):
    steps = _steps_in(scope, period).filter(strength__isnull=False)
    return scope.people.filter(pk__in=steps.values("goal__person_id"))


def _goal_outcome_filters(period):

    changed = Q(updated_at__gte=period.start_at, updated_at__lt=period.end_before)
    return {
        "achieved": Q(
            status=Goal.Status.ACHIEVED,
            achieved_at__gte=period.start_at,
            achieved_at__lt=period.end_before,
        ),
        "paused": changed & Q(status=Goal.Status.PAUSED),
        "let_go": changed & Q(status=Goal.Status.LET_GO),
    }


def goal_outcomes(scope, period):

    empty = _no_people(scope)
    if empty:
        return empty
    filters = _goal_outcome_filters(period)
    counts = (
        Goal.objects.active()
        .filter(person__in=scope.people)
        .aggregate(**{name: Count("pk", filter=q) for name, q in filters.items()})
    )
    return Reading(
        f"{counts['achieved']} achieved, {counts['paused']} paused, {counts['let_go']} let go",
        counts["achieved"],
    )


def goal_outcomes_cases(scope, period):

    any_outcome = Q()
    for q in _goal_outcome_filters(period).values():
        any_outcome |= q
    goals = Goal.objects.active().filter(any_outcome, person__in=scope.people)
    return scope.people.filter(pk__in=goals.values("person_id"))


def _circle(scope):

    return SignificantOther.objects.active().filter(person__in=scope.people)


def _decided():

    return ~Q(involvement=SignificantOther.Involvement.NOT_DECIDED)


def circle_choice(scope, period):
    counts = _circle(scope).aggregate(total=Count("pk"), decided=Count("pk", filter=_decided()))
    return _no_people(scope) or share(counts["decided"], counts["total"], "circle members")


def circle_choice_cases(scope, period):
    return scope.people.filter(pk__in=_circle(scope).filter(_decided()).values("person_id"))


def notes_shared(scope, period):
    reasons = SessionNote.WithheldReason
    counts = _notes(scope, period).aggregate(
        total=Count("pk"),
        shared=Count("pk", filter=Q(withheld_reason="")),
        **{r.value: Count("pk", filter=Q(withheld_reason=r.value)) for r in reasons},
    )
    reading = _no_people(scope) or share(counts["shared"], counts["total"], "notes")
    withheld = [f"{counts[r.value]} {r.label.lower()}" for r in reasons if counts[r.value]]
    if reading.recorded and withheld:
        reading.text += "; not shared: " + "; ".join(withheld)
    return reading


def notes_shared_cases(scope, period):
    withheld = _notes(scope, period).exclude(withheld_reason="")
    return scope.people.filter(pk__in=withheld.values("person_id"))


def person_views(scope, period):
    counts = _notes(scope, period).aggregate(
        shared=Count("pk", filter=Q(withheld_reason="")),
        viewed=Count("pk", filter=Q(withheld_reason="") & ~Q(person_view="")),
    )
    return _no_people(scope) or share(counts["viewed"], counts["shared"], "shared notes")


def person_views_cases(scope, period):
    viewed = _notes(scope, period).exclude(person_view="")
    return scope.people.filter(pk__in=viewed.values("person_id"))


def _corrections(scope, period):

    return CorrectionRequest.objects.filter(
        person__in=scope.people,
        created_at__gte=period.start_at,
        created_at__lt=period.end_before,
    )


def correction_requests(scope, period):
    """Requests made in the period, and the average days to an answer for those answered."""
    requests = _corrections(scope, period)
    total = requests.count()
    waits = [
        (done - asked).total_seconds() / 86400
        for asked, done in requests.filter(responded_at__isnull=False).values_list(
            "created_at", "responded_at"
        )
    ]
    if not total:
        return _no_people(scope) or Reading.not_recorded("None asked for")
    if not waits:
        return Reading(f"{total} asked for; none answered yet", total)
    average = round(sum(waits) / len(waits), 1)
    return Reading(f"{total} asked for; answered in {average:g} days on average", total)


def correction_requests_cases(scope, period):
    return scope.people.filter(pk__in=_corrections(scope, period).values("person_id"))


def language_suggestions(scope, period):
    counts = _notes(scope, period).aggregate(
        notes=Count("pk"), shown=Sum("suggestions_shown"), acted=Sum("suggestions_acted_on")
    )
    empty = _no_people(scope)
    if empty:
        return empty
    if not counts["notes"]:
        return Reading.not_recorded("No notes yet")
    shown, acted = counts["shown"] or 0, counts["acted"] or 0
    per_100 = round(100 * shown / counts["notes"], 1)
    text = f"{per_100:g} per 100 notes"
    if shown:
        text += f"; {round(100 * acted / shown)}% acted on"
    return Reading(text, per_100, counts["notes"])


def language_suggestions_cases(scope, period):
    noted = _notes(scope, period).filter(suggestions_shown__gt=0)
    return scope.people.filter(pk__in=noted.values("person_id"))


def reviews_on_time(scope, period):
    # A review is not recorded as an event yet: only the next review date is kept.
    return Reading.not_recorded()


def _overdue_plans(scope):
    return _plans(scope).filter(review_due__lt=timezone.localdate())


def reviews_overdue(scope, period):
    counts = _plans(scope).aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Q(review_due__lt=timezone.localdate()))
    )
    return _no_people(scope) or share(counts["overdue"], counts["total"], "plans")


def reviews_overdue_cases(scope, period):
    return scope.people.filter(pk__in=_overdue_plans(scope).values("person_id"))


def alerts_overdue(scope, period):
    empty = _no_people(scope)
    if empty:
        return empty
    n = Alert.objects.overdue().filter(person__in=scope.people).count()
    return Reading(str(n), n)


def alerts_overdue_cases(scope, period):
    alerts = Alert.objects.overdue().filter(person__in=scope.people)
    return scope.people.filter(pk__in=alerts.values("person_id"))


FEEDBACK_QUESTIONS = (
    ("listened_to", "Felt listened to"),
    ("talked_about_what_matters", "Talked about what mattered"),
)
# Below this many answers a percentage says more than it knows: show counts only.
FEEDBACK_SHARE_FROM = 5


def _answer_spread(counts: dict, field: str, total: int) -> str:
    """'1 said 5, 2 said 4', highest score first, then the share of 4s and 5s from 5 answers."""
    scores = range(SessionFeedback.Scale.COMPLETELY, SessionFeedback.Scale.NOT_AT_ALL - 1, -1)
    said = [f"{counts[f'{field}_{s}']} said {s}" for s in scores if counts[f"{field}_{s}"]]
    text = ", ".join(said)
    if total >= FEEDBACK_SHARE_FROM:
        high = counts[f"{field}_4"] + counts[f"{field}_5"]
        text += f" ({round(100 * high / total)}% said 4 or 5)"
    return text


def session_feedback(scope, period):
    """People's own feedback after sessions in the period, added up (never per person).

    Shows how many gave each answer on the 1-5 scale; the share who said
    "mostly" or "yes, completely" (4 or 5) only from ``FEEDBACK_SHARE_FROM`` answers.
    One query: a count per question and score.
    """

    scores = [s.value for s in SessionFeedback.Scale]
    counts = SessionFeedback.objects.filter(
        note__person__in=scope.people,
        created_at__gte=period.start_at,
        created_at__lt=period.end_before,
    ).aggregate(
        total=Count("pk"),
        **{
            f"{field}_{s}": Count("pk", filter=Q(**{field: s}))
            for field, _ in FEEDBACK_QUESTIONS
            for s in scores
        },
    )
    total = counts["total"]
    if not total:
        return Reading.not_recorded("No feedback yet")
    parts = [
        f"{label}: {_answer_spread(counts, field, total)}." for field, label in FEEDBACK_QUESTIONS
    ]
    noun = "answer" if total == 1 else "answers"
    return Reading(
        f"{total} {noun}. " + " ".join(parts),
        counts["listened_to_4"] + counts["listened_to_5"],
        total,
    )


@dataclass(frozen=True)
class Indicator:
    key: str
    theme: str
    label: str
    definition: str
    measure: Callable[[Scope, Period], Reading]
    cases: Callable[[Scope, Period], QuerySet] | None = None
    # As things stand today: the period does not change it, so no earlier figure.
    today_only: bool = False
    extra: dict = field(default_factory=dict)


INDICATORS = [
    Indicator(
        "people-seen",
        "Contact",
        "People seen in the period",
        "People with at least one session note dated in the period, out of the people "
        "worked with now.",
        people_seen,
        people_seen_cases,
    ),
    Indicator(
        "not-seen",
        "Contact",
        "People not seen for a while",
        "People with no session note in the weeks before the end of the period (the team's "
        "setting, usually 4 weeks), out of the people worked with now.",
        people_not_seen,
        lambda scope, period: _not_seen_qs(scope, period),
    ),
    Indicator(
        "own-words",
        "Co-production",
        "Plans with the person's own words added",
        "Current recovery plans where the person wrote or changed a section themselves "
        "during the period, out of all current plans.",
        plans_person_wrote,
        plans_person_wrote_cases,
    ),
    Indicator(
        "agreed",
        "Co-production",
        "Plans agreed by the person",
        "Current recovery plans whose current version the person has said they agree with.",
        plans_agreed,
        plans_agreed_cases,
        today_only=True,
    ),
    Indicator(
        "see-differently",
        "Co-production",
        "Open “I see this differently” items",
        "Differences of view on a current plan that have not been resolved yet, and how long "
        "the oldest has been open.",
        open_differences,
        open_differences_cases,
        today_only=True,
    ),
    Indicator(
        "strengths",
        "Strengths focus",
        "Strengths recorded",
        "Strengths added in the period (and not archived), per person worked with now.",
        strengths_recorded,
        strengths_recorded_cases,
    ),
    Indicator(
        "steps-strengths",
        "Strengths focus",
        "Goal steps that draw on a strength",
        "Goal steps added in the period that name a strength they draw on, out of all goal "
        "steps added in the period.",
        steps_drawing_on_strengths,
        steps_drawing_on_strengths_cases,
    ),
    Indicator(
        "goal-outcomes",
        "Strengths focus",
        "Goals achieved, paused or let go",
        "Goals marked achieved in the period, and goals now paused or let go that were last "
        "changed in the period. Letting a goal go can be a good outcome.",
        goal_outcomes,
        goal_outcomes_cases,
    ),
    Indicator(
        "circle-choice",
        "Choice",
        "Circle members with an involvement choice",
        "Members of people's circles of support for whom the person has made a choice about "
        "involvement, rather than “not decided yet”.",
        circle_choice,
        circle_choice_cases,
        today_only=True,
    ),
    Indicator(
        "notes-shared",
        "Transparency",
        "Session notes shared with the person",
        "Session notes dated in the period that are shared with the person, out of all of "
        "them; notes not shared are counted by their reason.",
        notes_shared,
        notes_shared_cases,
    ),
    Indicator(
        "my-view",
        "Transparency",
        "Shared notes with the person's own view",
        "Shared session notes dated in the period where the person has added “my view”.",
        person_views,
        person_views_cases,
    ),
    Indicator(
        "corrections",
        "Transparency",
        "Requests to correct the record",
        "Requests from people to correct something in their record made in the period, and "
        "how long an answer took on average.",
        correction_requests,
        correction_requests_cases,
    ),
    Indicator(
        "language",
        "Language",
        "Language suggestions",
        "Gentle wording suggestions shown while writing session notes dated in the period, "
        "per 100 notes, and the share the writer acted on. Fewer suggestions means fewer "
        "labelling words were used.",
        language_suggestions,
        language_suggestions_cases,
    ),
    Indicator(
        "reviews-on-time",
        "Reviews",
        "Plans reviewed on time",
        "Plan reviews done by their review date. The app keeps only the next review date, not "
        "when a review happened, so this is not recorded yet.",
        reviews_on_time,
    ),
    Indicator(
        "reviews-overdue",
        "Reviews",
        "Plans past their review date",
        "Current recovery plans whose review date is before today, out of all current plans.",
        reviews_overdue,
        reviews_overdue_cases,
        today_only=True,
    ),
    Indicator(
        "alerts-overdue",
        "Reviews",
        "Alerts past their review date",
        "Current alerts whose review date is before today.",
        alerts_overdue,
        alerts_overdue_cases,
        today_only=True,
    ),
    Indicator(
        "feedback",
        "The person's voice",
        "Session feedback",
        "Answers to the optional form after a session in the period, on a scale of 1 "
        "('not at all') to 5 ('yes, completely'): how many gave each answer to feeling "
        "listened to, and to talking about what mattered to them. From 5 answers up, also "
        "the share who said 4 or 5. Added up, never shown against a named person.",
        session_feedback,
    ),
]
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}


@dataclass
class Row:
    indicator: Indicator
    now: Reading
    before: Reading | None
    cases_href: str = ""


def review(scope: Scope, period: Period) -> list[Row]:
    """Every indicator for ``scope``: this period and, where it means something, the one before."""
    previous = period.previous()
    return [
        Row(
            indicator,
            indicator.measure(scope, period),
            None if indicator.today_only else indicator.measure(scope, previous),
        )
        for indicator in INDICATORS
    ]


def themes(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.indicator.theme, []).append(row)
    return list(grouped.items())


def cases_behind(indicator: Indicator, scope: Scope, period: Period) -> QuerySet[Person]:
    if indicator.cases is None:
        return Person.objects.none()
    return indicator.cases(scope, period).order_by("preferred_name", "id")


# --- The 12-month trend ------------------------------------------------------------------


@dataclass
class Month:
    first_day: datetime.date
    people_seen: int = 0
    notes: int = 0
    shared: int = 0
    suggestions: int = 0

    @property
    def shared_percent(self) -> int | None:
        return round(100 * self.shared / self.notes) if self.notes else None

    @property
    def suggestions_per_100(self) -> float | None:
        return round(100 * self.suggestions / self.notes, 1) if self.notes else None


def trend(scope: Scope, period: Period) -> list[Month]:
    """The 12 months up to the end of the period, from one grouped query."""
    last = period.end.replace(day=1)
    months = [_months_before(last, n) for n in range(TREND_MONTHS - 1, -1, -1)]
    start = _midnight(months[0])
    end = _midnight(_months_before(last, -1))
    rows = (
        SessionNote.objects.filter(
            person__in=scope.people, happened_at__gte=start, happened_at__lt=end
        )
        .annotate(month=TruncMonth("happened_at"))
        .values("month")
        .annotate(
            people=Count("person", distinct=True),
            notes=Count("pk"),
            shared=Count("pk", filter=Q(withheld_reason="")),
            shown=Sum("suggestions_shown"),
        )
        .order_by("month")
    )
    found = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        found[(month.year, month.month)] = row
    result = []
    for first_day in months:
        row = found.get((first_day.year, first_day.month))
        month = Month(first_day)
        if row:
            month.people_seen = row["people"]
            month.notes = row["notes"]
            month.shared = row["shared"]
            month.suggestions = row["shown"] or 0
        result.append(month)
    return result


@dataclass
class Bar:
    x: int
    y: int
    height: int
    label: str
    value: int


CHART_WIDTH, CHART_HEIGHT, BAR_WIDTH, GAP = 360, 120, 24, 6


def trend_bars(months: list[Month]) -> list[Bar]:
    """Bars of people seen per month, scaled to the chart; drawn as inline SVG by the template."""
    top = max((m.people_seen for m in months), default=0) or 1
    bars = []
    for i, month in enumerate(months):
        height = round((CHART_HEIGHT - 20) * month.people_seen / top)
        bars.append(
            Bar(
                x=i * (BAR_WIDTH + GAP) + GAP,
                y=CHART_HEIGHT - 16 - height,
                height=height,
                label=f"{month.first_day:%b}",
                value=month.people_seen,
            )
        )
    return bars


# --- Per worker, for the team page --------------------------------------------------------


@dataclass
class WorkerLine:
    worker_id: int
    name: str
    people: int
    seen: int

    @property
    def seen_text(self) -> str:
        return share(self.seen, self.people).text if self.people else "No people yet"


def workers_overview(scope: Scope, period: Period) -> list[WorkerLine]:
    """Each worker's people now and how many were seen in the period (two queries)."""

    in_period = Q(
        person__notes__happened_at__gte=period.start_at,
        person__notes__happened_at__lt=period.end_before,
    )
    counts = {
        row["worker_id"]: row
        for row in CaseAssignment.objects.active()
        .filter(worker_id__in=scope.worker_ids)
        .values("worker_id")
        .annotate(
            people=Count("person", distinct=True),
            seen=Count("person", distinct=True, filter=in_period),
        )
        .order_by()
    }
    workers = User.objects.filter(pk__in=scope.worker_ids).order_by("first_name", "username")
    return [
        WorkerLine(
            w.pk,
            w.display_name(),
            counts.get(w.pk, {}).get("people", 0),
            counts.get(w.pk, {}).get("seen", 0),
        )
        for w in workers
    ]
