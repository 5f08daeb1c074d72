"""Practice review (issue 8): each indicator on a hand-built team, access, drill-down, CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.demo.factories import (
    AlertFactory,
    CaseAssignmentFactory,
    GoalFactory,
    GoalStepFactory,
    PersonFactory,
    SessionNoteFactory,
    SignificantOtherFactory,
    StaffMembershipFactory,
    StrengthFactory,
    TeamFactory,
    UserFactory,
)
from casework.models import AccessEvent, Alert, SessionNote
from casework.practice import review as practice
from strengths.models import Goal, GoalStep, SignificantOther
from strengths.plan.actions import (
    get_or_create_plan,
    mark_ready_to_agree,
    record_agreement,
    save_section,
    set_review_date,
)
from strengths.plan.models import PlanAgreement

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PERIOD = practice.Period(TODAY - datetime.timedelta(days=29), TODAY)
QUERY = f"start={PERIOD.start.isoformat()}&end={PERIOD.end.isoformat()}"


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def team_story(
    north_team, person, other_person, worker, other_worker, add_to_caseload, plan, plan_difference
):
    """The north team: erin, gina and hal with alice; frank with bob. Known answers below."""
    gina, hal = add_to_caseload(worker, 2)
    # Notes in the period: erin twice (one withheld, one with her view), frank once.
    SessionNoteFactory(
        person=person,
        author=worker,
        happened_at=_days_ago(3),
        talked_about="Private: about her brother.",
        withheld_reason=SessionNote.WithheldReason.SOMEONE_ELSE,
        withheld_explanation="About her brother.",
    )
    shared = SessionNoteFactory(
        person=person,
        author=worker,
        happened_at=_days_ago(5),
        suggestions_shown=2,
        suggestions_acted_on=1,
        talked_about="Secret garden talk",
    )
    SessionNote.objects.filter(pk=shared.pk).update(person_view="I felt heard.")
    SessionNoteFactory(person=other_person, author=other_worker, happened_at=_days_ago(10))
    # Only in the period before: hal.
    SessionNoteFactory(person=hal, author=worker, happened_at=_days_ago(40))
    # Plans: erin wrote in hers and agreed to it; frank has a plan with no words of his.
    section = plan.sections.order_by("position").first()
    save_section(
        person.user,
        person,
        section,
        heading=section.heading,
        text="My allotment.",
        based_on_version=section.version,
    )
    plan.refresh_from_db()
    version = mark_ready_to_agree(worker, person, plan)
    record_agreement(person.user, person, version, answer=PlanAgreement.Answer.AGREE)
    set_review_date(worker, person, plan, TODAY - datetime.timedelta(days=1))
    get_or_create_plan(other_person)
    # Strengths, steps, goals, circle.
    strength = StrengthFactory(person=person, created_by=worker)
    StrengthFactory(person=person, created_by=worker)
    goal = GoalFactory(person=person, created_by=worker)
    GoalStepFactory(goal=goal, strength=strength)
    GoalStepFactory(goal=goal)
    GoalFactory(person=person, status=Goal.Status.ACHIEVED, achieved_at=_days_ago(2))
    GoalFactory(person=person, status=Goal.Status.LET_GO)
    SignificantOtherFactory(person=person, involvement=SignificantOther.Involvement.INVOLVE)
    SignificantOtherFactory(person=person, involvement=SignificantOther.Involvement.NOT_DECIDED)
    AlertFactory(person=person, added_by=worker, review_by=TODAY - datetime.timedelta(days=2))
    return {"gina": gina, "hal": hal}


def _readings(scope, period=PERIOD):
    return {row.indicator.key: row for row in practice.review(scope, period)}


def test_each_indicator_has_its_known_answer(team_story, north_team):
    rows = _readings(practice.team_scope(north_team))
    assert rows["people-seen"].now.text == "2 of 4 (50%)"
    assert rows["people-seen"].before.text == "1 of 4 (25%)"
    assert rows["not-seen"].now.text == "2 of 4 (50%)"
    assert rows["own-words"].now.text == "1 of 2 (50%)"
    assert rows["own-words"].before.text == "0 of 2 (0%)"
    assert rows["agreed"].now.text == "1 of 2 (50%)"
    assert rows["agreed"].before is None
    assert rows["see-differently"].now.text == "1 open; the oldest for 0 days"
    assert rows["strengths"].now.text == "0.5 per person (2 in all)"
    assert rows["steps-strengths"].now.text == "1 of 2 (50%)"
    assert rows["goal-outcomes"].now.text == "1 achieved, 0 paused, 1 let go"
    assert rows["circle-choice"].now.text == "1 of 2 (50%)"
    assert rows["notes-shared"].now.text == (
        "2 of 3 (67%); not shared: 1 it holds information about someone else"
    )
    assert rows["my-view"].now.text == "1 of 2 (50%)"
    assert rows["language"].now.text == "66.7 per 100 notes; 50% acted on"
    assert rows["reviews-on-time"].now.text == "Not recorded yet"
    assert rows["reviews-overdue"].now.text == "1 of 2 (50%)"
    assert rows["alerts-overdue"].now.text == "1"


def test_correction_requests_and_their_answer_time(team_story, north_team, person, note, worker):
    import datetime

    from casework.models import CorrectionRequest

    asked = timezone.now() - datetime.timedelta(days=5)
    CorrectionRequest.objects.create(
        note=note, person=person, what_is_wrong="Wrong day", created_at=asked
    )
    CorrectionRequest.objects.create(
        note=note,
        person=person,
        what_is_wrong="Wrong name",
        created_at=asked,
        status="declined",
        response="It was right",
        responded_by=worker,
        responded_at=asked + datetime.timedelta(days=2),
    )
    rows = _readings(practice.team_scope(north_team))
    assert rows["corrections"].now.text == "2 asked for; answered in 2 days on average"


def test_feedback_says_none_yet_when_nobody_has_answered(team_story, north_team):
    rows = _readings(practice.team_scope(north_team))
    assert rows["feedback"].now.text == "No feedback yet"


def test_a_worker_sees_only_their_own_people(team_story, worker):
    rows = _readings(practice.worker_scope(worker))
    assert rows["people-seen"].now.text == "1 of 3 (33%)"
    assert rows["notes-shared"].now.text.startswith("1 of 2 (50%)")


def test_a_new_worker_with_no_people_is_told_so_not_zero(north_team):
    newcomer = UserFactory(username="nina")
    StaffMembershipFactory(user=newcomer, team=north_team)
    rows = _readings(practice.worker_scope(newcomer))
    assert rows["people-seen"].now.text == "No people yet"
    assert rows["own-words"].now.text == "No people yet"
    assert "0%" not in " ".join(r.now.text for r in rows.values())


def test_an_empty_period_says_none_yet(person, worker):
    long_ago = practice.Period(datetime.date(2001, 1, 1), datetime.date(2001, 1, 31))
    rows = _readings(practice.worker_scope(worker), long_ago)
    assert rows["people-seen"].now.text == "0 of 1 (0%)"
    assert rows["notes-shared"].now.text == "No notes yet"
    assert rows["own-words"].now.text == "No plans yet"
    assert rows["language"].now.text == "No notes yet"


def test_a_worker_who_moved_team_takes_their_people_with_them(team_story, worker, north_team):
    south = TeamFactory(organisation=north_team.organisation, name="East team")
    worker.memberships.all().delete()
    StaffMembershipFactory(user=worker, team=south)
    north = _readings(practice.team_scope(north_team))
    east = _readings(practice.team_scope(south))
    assert north["people-seen"].now.text == "1 of 1 (100%)"  # frank only
    assert east["people-seen"].now.text == "1 of 3 (33%)"


def test_the_trend_counts_people_seen_per_month(team_story, north_team):
    months = practice.trend(practice.team_scope(north_team), PERIOD)
    assert len(months) == 12
    assert months[-1].first_day == TODAY.replace(day=1)
    assert sum(m.notes for m in months) == 4
    assert sum(m.people_seen for m in months) >= 3


# --- Periods -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-02-30", "2026-03-01", "could not read those dates"),
        ("2026-03-01", "2026-02-01", "end date is before the start date"),
        ("2020-01-01", "2026-01-01", "two years or less"),
        ("yesterday", "", "could not read those dates"),
    ],
)
def test_bad_periods_get_a_clear_message_not_an_error(supervisor_client, start, end, message):
    response = supervisor_client.get(reverse("practice"), {"start": start, "end": end})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_previous_period_has_the_same_length():
    period = practice.Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    assert period.previous() == practice.Period(
        datetime.date(2026, 1, 29), datetime.date(2026, 2, 28)
    )


# --- Access -------------------------------------------------------------------------------


def test_supervisor_sees_their_team_page(team_story, supervisor_client, north_team, worker):
    response = supervisor_client.get(reverse("practice"), {"team": north_team.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "How this is worked out" in body
    assert 'role="img"' in body and '<title id="trend-title">' in body
    assert worker.display_name() in body  # the workers table


def test_a_team_not_supervised_is_404(
    supervisor_client, south_team, client_for, other_supervisor, north_team
):
    assert supervisor_client.get(reverse("practice"), {"team": south_team.pk}).status_code == 404
    assert supervisor_client.get(reverse("practice"), {"team": "x"}).status_code == 404
    assert (
        client_for(other_supervisor).get(reverse("practice"), {"team": north_team.pk}).status_code
        == 404
    )


def test_a_supervisor_of_two_teams_chooses_between_them(
    supervisor, south_team, client_for, other_person, other_worker
):
    StaffMembershipFactory(user=supervisor, team=south_team, role="supervisor")
    response = client_for(supervisor).get(reverse("practice"), {"team": south_team.pk})
    assert response.status_code == 200
    assert 'id="team-choice"' in response.content.decode()


def test_worker_pages_only_for_workers_in_supervised_teams(
    supervisor_client, worker, other_supervisor, client_for, south_team
):
    assert supervisor_client.get(reverse("practice_worker", args=[worker.pk])).status_code == 200
    assert (
        client_for(other_supervisor).get(reverse("practice_worker", args=[worker.pk])).status_code
        == 404
    )
    stranger = UserFactory(username="sam")
    StaffMembershipFactory(user=stranger, team=south_team)
    assert supervisor_client.get(reverse("practice_worker", args=[stranger.pk])).status_code == 404


@pytest.mark.parametrize("name", ["practice", "practice_export"])
def test_workers_people_and_admins_get_404_on_team_pages(
    name, worker_client, person_client, client_for, org_admin, north_team
):
    url = reverse(name)
    for client in (worker_client, person_client, client_for(org_admin)):
        assert client.get(url, {"team": north_team.pk}).status_code == 404


def test_my_practice_is_for_staff_only(worker_client, person_client, client_for, org_admin):
    assert worker_client.get(reverse("practice_me")).status_code == 200
    for client in (person_client, client_for(org_admin)):
        assert client.get(reverse("practice_me")).status_code == 404
        assert client.get(reverse("practice_me_cases", args=["people-seen"])).status_code == 404
        assert client.get(reverse("practice_me_supervision")).status_code == 404


def test_my_practice_shows_only_my_figures(team_story, worker_client, other_worker, client_for):
    body = (
        client_for(other_worker)
        .get(reverse("practice_me_cases", args=["people-seen"]) + "?" + QUERY)
        .content.decode()
    )
    assert "Frank" in body and "Erin" not in body


def test_unknown_indicator_is_404(supervisor_client, north_team):
    url = reverse("practice_team_cases", args=[north_team.pk, "no-such-thing"])
    assert supervisor_client.get(url).status_code == 404


# --- Drill-down ---------------------------------------------------------------------------


def test_drill_down_lists_the_people_and_opening_one_is_logged(
    team_story, supervisor, supervisor_client, north_team, person
):
    url = reverse("practice_team_cases", args=[north_team.pk, "people-seen"]) + "?" + QUERY
    body = supervisor_client.get(url).content.decode()
    assert reverse("person_detail", args=[person.pk]) in body
    assert "Frank" in body and team_story["gina"].preferred_name not in body
    supervisor_client.get(reverse("person_detail", args=[person.pk]))
    assert AccessEvent.objects.filter(person=person, actor=supervisor, action="viewed").exists()
    # ... and erin sees it in "who has seen my record".
    from tests.conftest import _client_for

    log = _client_for(person.user).get(reverse("me_access_log")).content.decode()
    assert supervisor.display_name() in log


# --- CSV ----------------------------------------------------------------------------------


def test_csv_has_numbers_and_definitions_but_no_names_or_note_text(
    team_story, supervisor_client, north_team, person, other_person
):
    response = supervisor_client.get(
        reverse("practice_export"),
        {"team": north_team.pk, **dict(p.split("=") for p in QUERY.split("&"))},
    )
    assert response.status_code == 200
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "theme"
    assert len(rows) == 1 + len(practice.INDICATORS)
    assert "2 of 4 (50%)" in text
    for secret in (
        "Erin",
        "Example",
        "Frank",
        "Private: about her brother",
        "Secret garden",
        "I felt heard",
        team_story["gina"].preferred_name,
        team_story["gina"].full_name,
    ):
        assert secret not in text


# --- Query count --------------------------------------------------------------------------


def _team_of(team, workers, people_each):
    for _ in range(workers):
        user = UserFactory()
        StaffMembershipFactory(user=user, team=team)
        for p in range(people_each):
            someone = PersonFactory(organisation=team.organisation)
            CaseAssignmentFactory(person=someone, worker=user)
            SessionNoteFactory(person=someone, author=user, happened_at=_days_ago(p % 20 + 1))
            StrengthFactory(person=someone)
            get_or_create_plan(someone)


def test_team_page_query_count_does_not_grow_with_the_team(
    organisation, supervisor, client_for, query_count
):
    small_team = TeamFactory(organisation=organisation, name="Small")
    large_team = TeamFactory(organisation=organisation, name="Large")
    for team in (small_team, large_team):
        StaffMembershipFactory(user=supervisor, team=team, role="supervisor")
    _team_of(small_team, 2, 3)
    _team_of(large_team, 6, 20)
    counter = query_count(client_for(supervisor))
    small = counter.get(reverse("practice") + f"?team={small_team.pk}")
    large = counter.get(reverse("practice") + f"?team={large_team.pk}")
    counter.assert_same(small, large, "team practice review")


def test_overdue_alert_fixture_is_current():
    # Guard for the hand-built story: an overdue alert must still be current.
    assert Alert.objects.overdue().model is Alert
    assert GoalStep and PlanAgreement


def test_session_feedback_is_added_up_without_names(client_for, supervisor, worker, person, note):
    from casework.models import SessionFeedback
    from casework.practice.review import default_period, session_feedback, team_scope

    SessionFeedback.objects.create(note=note, listened_to=5, talked_about_what_matters=3)
    other = type(note).objects.create(
        person=note.person,
        author=worker,
        happened_at=note.happened_at,
        how=note.how,
        duration_minutes=30,
        talked_about="x",
    )
    SessionFeedback.objects.create(note=other, listened_to=2, talked_about_what_matters=4)
    scope = team_scope(supervisor.memberships.get().team)
    reading = session_feedback(scope, default_period())
    assert reading.text == (
        "2 answers. Felt listened to: 1 said 5, 1 said 2. "
        "Talked about what mattered: 1 said 4, 1 said 3."
    )
    assert person.preferred_name not in reading.text
