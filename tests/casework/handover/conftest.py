import datetime

import pytest
from django.utils import timezone

from casework.models import StaffMembership
from tests.conftest import _staff


@pytest.fixture
def nina(north_team):
    """nina: a practitioner in the north team, who takes over from alice."""
    return _staff("nina", north_team)


@pytest.fixture
def omar(north_team):
    """omar: another north team practitioner, for a caseload split between two workers."""
    return _staff("omar", north_team)


@pytest.fixture
def second_supervisor(north_team):
    """sue: also supervises the north team (two supervisors at once)."""
    return _staff("sue", north_team, StaffMembership.Role.SUPERVISOR)


@pytest.fixture
def south_worker(south_team):
    """sid: a practitioner in the south team: not one alice's people can go to."""
    return _staff("sid", south_team)


@pytest.fixture
def move_time(monkeypatch):
    """``move_time(days)``: from now on, every clock in the app reads ``days`` later."""
    real_now = timezone.now

    def _move(days):
        monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(days=days))

    return _move


def day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)
