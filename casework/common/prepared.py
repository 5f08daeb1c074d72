"""Links, dates and shortened text made ready in Python for a list's template.

A list of 20 or 25 cards, each with a link, a date or two and some shortened text,
spent a third to a half of its page's time in ``{% url %}``, ``|date`` and
``|truncatechars`` (docs/performance.md, rounds 5 and 6): Django's URL reverser
resolves the pattern again for every card, and its date formatter reads the
format string character by character for every date, translating the month and
day names each time. Here each URL name is reversed once a page and each card's
keys put in, and the names are translated once a page. The answers are the same
strings: the tests compare them with ``reverse()`` and ``formats.date_format`` in
every language the service offers.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.text import Truncator

# Reversed in place of the keys, then swapped for them: larger than any real key.
_PLACEHOLDERS = (987654321001, 987654321002, 987654321003)


class Links:
    """Each URL name reversed once, then filled in with each row's keys."""

    def __init__(self):
        self._formats: dict[tuple[str, int], str] = {}

    def __call__(self, name: str, *keys: int) -> str:
        shape = (name, len(keys))
        if shape not in self._formats:
            url = reverse(name, args=_PLACEHOLDERS[: len(keys)]).replace("{", "{{")
            url = url.replace("}", "}}")
            for position, placeholder in enumerate(_PLACEHOLDERS[: len(keys)]):
                url = url.replace(str(placeholder), f"{{{position}}}")
            self._formats[shape] = url
        return self._formats[shape].format(*keys)


class Dates:
    """Dates as the ``|date`` filter writes them, the names translated once a page.

    ``day``: ``j F Y`` (4 December 2026). ``day_month``: ``j F`` (4 December).
    ``moment``: ``l j F Y, H:i`` (Friday 4 December 2026, 09:05), in the service's
    time zone.
    """

    def __init__(self):
        self._months = {number: str(name) for number, name in MONTHS.items()}
        self._weekdays = {number: str(name) for number, name in WEEKDAYS.items()}

    @staticmethod
    def _local(value):
        return timezone.localtime(value) if isinstance(value, datetime.datetime) else value

    def day(self, value) -> str:
        value = self._local(value)
        return f"{value.day} {self._months[value.month]} {value.year:04d}"

    def day_month(self, value) -> str:
        value = self._local(value)
        return f"{value.day} {self._months[value.month]}"

    def moment(self, value: datetime.datetime) -> str:
        value = self._local(value)
        return (
            f"{self._weekdays[value.weekday()]} {value.day} {self._months[value.month]} "
            f"{value.year:04d}, {value.hour:02d}:{value.minute:02d}"
        )


def shortened(text: str | None, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, as ``|truncatechars`` does."""
    if len(text or "") <= limit:
        return text or ""  # Truncator would give it back whole
    return Truncator(text).chars(limit)
