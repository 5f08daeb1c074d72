"""When a worker will next see a check-in, said honestly from the team's working hours."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class ServiceHours:
    days: frozenset[int]  # ISO weekdays: 1 is Monday
    start: datetime.time
    end: datetime.time

    @classmethod
    def of(cls, team) -> ServiceHours:
        """The team's hours, or the default (Monday to Friday, 9:00 to 17:00) without a team."""
        if team is None:
            return DEFAULT_HOURS
        return cls(frozenset(int(d) for d in team.working_days), team.works_from, team.works_until)


DEFAULT_HOURS = ServiceHours(frozenset({1, 2, 3, 4, 5}), datetime.time(9), datetime.time(17))


def is_working(now: datetime.datetime, hours: ServiceHours) -> bool:
    local = timezone.localtime(now)
    return local.isoweekday() in hours.days and hours.start <= local.time() < hours.end


def next_start(now: datetime.datetime, hours: ServiceHours) -> datetime.datetime | None:
    """When work next starts after ``now`` (``None`` if the team has no working days)."""
    local = timezone.localtime(now)
    for offset in range(8):
        day = local.date() + datetime.timedelta(days=offset)
        if day.isoweekday() not in hours.days:
            continue
        start = timezone.make_aware(datetime.datetime.combine(day, hours.start))
        if start > local:
            return start
    return None


def _part_of_day(time: datetime.time) -> str:
    if time.hour < 12:
        return "morning"
    return "afternoon" if time.hour < 17 else "evening"


def when_seen(now: datetime.datetime, hours: ServiceHours) -> str:
    """One or two plain sentences: is the worker at work now, and if not, when will they be."""
    if is_working(now, hours):
        return f"Your worker is working today until {hours.end:%H:%M}. They will see this today."
    start = next_start(now, hours)
    if start is None:
        return "Your worker is not working now."
    today = timezone.localdate(now)
    part = _part_of_day(start.time())
    if start.date() == today:
        when = f"today from {start:%H:%M}"
    elif start.date() == today + datetime.timedelta(days=1):
        when = f"tomorrow {part}"
    else:
        when = f"on {start:%A} {part}"
    return f"Your worker is not working now. They will see this {when}."
