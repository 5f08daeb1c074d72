"""When the person's worker will next see a check-in: said honestly from the team's hours."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from casework.crisis.hours import DEFAULT_HOURS, ServiceHours, is_working, next_start, when_seen

LONDON = ZoneInfo("Europe/London")


def at(y, m, d, hh, mm=0):
    return datetime.datetime(y, m, d, hh, mm, tzinfo=LONDON)


# 2026-03-06 is a Friday.
@pytest.mark.parametrize(
    ("now", "words"),
    [
        (at(2026, 3, 6, 21, 4), "They will see this on Monday morning."),  # Friday night
        (at(2026, 3, 7, 10), "They will see this on Monday morning."),  # Saturday
        (at(2026, 3, 8, 23), "They will see this tomorrow morning."),  # Sunday night
        (at(2026, 3, 9, 7, 30), "They will see this today from 09:00."),  # Monday early
        (at(2026, 3, 10, 17, 0), "They will see this tomorrow morning."),  # Tuesday 17:00 sharp
    ],
)
def test_out_of_hours_says_when_the_worker_will_see_it(now, words):
    assert not is_working(now, DEFAULT_HOURS)
    assert when_seen(now, DEFAULT_HOURS) == f"Your worker is not working now. {words}"


def test_in_working_hours_says_today_and_until_when():
    now = at(2026, 3, 9, 9, 0)  # Monday 09:00 sharp
    assert is_working(now, DEFAULT_HOURS)
    assert when_seen(now, DEFAULT_HOURS) == (
        "Your worker is working today until 17:00. They will see this today."
    )


def test_default_is_monday_to_friday_nine_to_five():
    assert (
        ServiceHours(frozenset({1, 2, 3, 4, 5}), datetime.time(9), datetime.time(17))
        == DEFAULT_HOURS
    )
    assert ServiceHours.of(None) == DEFAULT_HOURS


def test_a_team_sets_its_own_hours(north_team):
    north_team.working_days = "67"  # weekends only
    north_team.works_from = datetime.time(13)
    north_team.works_until = datetime.time(20)
    hours = ServiceHours.of(north_team)
    assert is_working(at(2026, 3, 7, 19, 59), hours)
    assert not is_working(at(2026, 3, 6, 14), hours)
    assert next_start(at(2026, 3, 8, 21), hours) == at(2026, 3, 14, 13)
    assert when_seen(at(2026, 3, 6, 14), hours).endswith("tomorrow afternoon.")


def test_a_team_with_no_working_days_promises_nothing():
    hours = ServiceHours(frozenset(), datetime.time(9), datetime.time(17))
    assert when_seen(at(2026, 3, 6, 21), hours) == "Your worker is not working now."


def test_clocks_changing_keeps_local_opening_time():
    # The clocks go forward on Sunday 29 March 2026: Monday still opens at 09:00 London time.
    start = next_start(at(2026, 3, 27, 18), DEFAULT_HOURS)
    assert start.astimezone(LONDON).time() == datetime.time(9)
    assert start.astimezone(LONDON).date() == datetime.date(2026, 3, 30)


@pytest.mark.django_db
def test_working_days_are_validated(north_team):
    from django.core.exceptions import ValidationError

    for bad in ("", "8", "1123", "mon"):
        north_team.working_days = bad
        with pytest.raises(ValidationError):
            north_team.full_clean()
    north_team.working_days = "12345"
    north_team.works_from, north_team.works_until = datetime.time(17), datetime.time(9)
    with pytest.raises(ValidationError):
        north_team.full_clean()
