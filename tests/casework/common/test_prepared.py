"""``casework.common.prepared``: the same links, dates and shortened text as Django's own
``reverse()``, ``|date`` and ``|truncatechars``, made once a page."""

import calendar
import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator

from casework.common.prepared import Dates, Links, shortened

KEYS = (1, 7, 40, 987654, 123456789012)


def test_links_are_what_reverse_gives_for_one_key_or_two():
    link = Links()
    for name in ("person_detail", "note_create", "strengths:journey", "alert_list"):
        for pk in KEYS:
            assert link(name, pk) == reverse(name, args=[pk])
    for person_pk in KEYS:
        for note_pk in reversed(KEYS):
            assert link("note_detail", person_pk, note_pk) == reverse(
                "note_detail", args=[person_pk, note_pk]
            )


def _moments(month):
    last = calendar.monthrange(2026, month)[1]
    return (
        datetime.date(2026, month, 1),
        datetime.date(987, month, 28),
        # 23:30 UTC on the last of a summer month is the first of the next in London.
        datetime.datetime(2026, month, last, 23, 30, tzinfo=datetime.UTC),
        datetime.datetime(2026, month, 3, 0, 5, tzinfo=datetime.UTC),
    )


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_dates_are_what_the_date_filter_writes(language):
    with translation.override(language):
        dates = Dates()
        for month in range(1, 13):
            for value in _moments(month):
                shown = timezone.localtime(value) if isinstance(value, datetime.datetime) else value
                assert dates.day(value) == formats.date_format(shown, "j F Y")
                assert dates.day_month(value) == formats.date_format(shown, "j F")
                if isinstance(value, datetime.datetime):
                    assert dates.moment(value) == formats.date_format(shown, "l j F Y, H:i")
        # Every day of the week, in the service's time zone.
        for day in range(1, 8):
            value = datetime.datetime(2026, 6, day, 12, 0, tzinfo=datetime.UTC)
            expected = formats.date_format(timezone.localtime(value), "l j F Y, H:i")
            assert dates.moment(value) == expected


@pytest.mark.parametrize("text", ["", None, "short", "x" * 140, "x" * 141, "word " * 60])
def test_shortened_is_truncatechars(text):
    expected = Truncator(text).chars(140) if text else ""
    assert shortened(text, 140) == expected
