"""Out-of-hours numbers: the national lines by default; the organisation's; the team's first."""

import pytest

from casework.crisis.lines import EMERGENCY, NATIONAL_LINES, lines_for, team_for
from casework.models import CrisisLine

pytestmark = pytest.mark.django_db


def _numbers(lines):
    return [(line.action, line.href) for line in lines]


def test_the_default_is_999_and_the_national_lines(person, north_team):
    lines = lines_for(person, north_team)
    assert lines == [EMERGENCY, *NATIONAL_LINES]
    assert _numbers(lines) == [
        ("Call 999", "tel:999"),
        ("Call 111", "tel:111"),
        ("Call 116 123", "tel:116123"),
        ("Text SHOUT to 85258", "sms:85258?body=SHOUT"),
    ]
    assert "option 2" in lines[1].when
    assert "Samaritans" in lines[2].name


def test_the_organisations_numbers_replace_the_national_ones(person, organisation, north_team):
    CrisisLine.objects.create(
        organisation=organisation, name="Our night line", number="0300 123 4567"
    )
    assert _numbers(lines_for(person, north_team)) == [
        ("Call 999", "tel:999"),
        ("Call 0300 123 4567", "tel:03001234567"),
    ]


def test_a_teams_numbers_replace_the_organisations(person, organisation, north_team, south_team):
    CrisisLine.objects.create(organisation=organisation, name="Org line", number="0300 111 1111")
    CrisisLine.objects.create(
        organisation=organisation, team=north_team, name="North nights", number="0300 222 2222"
    )
    assert [line.name for line in lines_for(person, north_team)] == ["Emergency", "North nights"]
    assert [line.name for line in lines_for(person, south_team)] == ["Emergency", "Org line"]
    assert [line.name for line in lines_for(person, None)] == ["Emergency", "Org line"]


def test_a_line_for_another_organisations_team_is_refused(organisation, north_team):
    from django.core.exceptions import ValidationError

    from casework.demo.factories import OrganisationFactory

    line = CrisisLine(
        organisation=OrganisationFactory(name="Elsewhere"),
        team=north_team,
        name="X",
        number="0300",
    )
    with pytest.raises(ValidationError):
        line.full_clean()


def test_the_persons_team_is_their_lead_workers(person, north_team):
    assert team_for(person) == north_team
