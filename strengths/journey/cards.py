"""The journey's lines: each event's link, date and words, made ready for the template.

The journey shows 20 events a page. Written as ``{% url %}``, ``|date`` and
``{% blocktranslate %}`` for each event, the list was a quarter of the page's time
(docs/performance.md, round 7), as the caseload's cards and the Sessions page's
were (rounds 5 and 6). The sentences here come from the same catalogue entries
(the msgids the template had), with the values escaped and the catalogue's words
not, as ``{% blocktranslate %}`` writes them; the template places them and owns
every tag and class. A setback keeps its include, which the Goals page shares.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from casework.common.prepared import Dates, Links, shortened
from casework.models import Person
from strengths.journey.reads import Event
from strengths.templatetags.story import written_by

GOING_WELL_SHOWN = 160


@dataclass
class JourneyLine:
    """What one event's line says; ``""`` means the part is not shown."""

    kind: str
    month: datetime.date
    item: object  # the setback's include reads it
    when: str  # "4 December"
    url: str = ""
    words: str = ""  # a goal's, a step's or a strength's words (the person's text)
    link_text: str = ""  # a session's or an appointment's: how, and the day
    small_print: str = ""  # after the words or the link
    goal_words: str = ""  # the goal a step was towards
    well_done: str = ""  # an achieved goal
    withheld: str = ""  # a session not shared with the person
    going_well: str = ""  # a shared session's "going well", cut short
    outcome: str = ""  # what happened at an appointment


def _said(translated: str, **values) -> SafeString:
    """A translated sentence with its values escaped and its own words not, as
    ``{% blocktranslate %}`` writes it. (Each caller passes ``gettext("...")``, so
    ``make messages`` finds the words.)"""
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(translated % escaped)  # noqa: S308 (values escaped above)


def journey_lines(events: list[Event], person: Person) -> list[JourneyLine]:
    """A line for each of ``events`` (a page of ``Timeline``), for ``person``'s journey."""
    link, dates = Links(), Dates()
    return [_line(event, person, link, dates) for event in events]


def _line(event: Event, person: Person, link: Links, dates: Dates) -> JourneyLine:
    item, when = event.item, dates.day_month(event.when)
    line = JourneyLine(kind=event.kind, month=event.month, item=item, when=when)
    if event.kind == "goal_set":
        line.url = link("strengths:goal_detail", person.pk, item.pk)
        line.words = item.in_their_words
        line.small_print = written_by(item, person)
    elif event.kind == "goal_achieved":
        line.url = link("strengths:goal_detail", person.pk, item.pk)
        line.words = item.in_their_words
        line.well_done = _said(gettext("Well done, %(person)s."), person=person.preferred_name)
    elif event.kind == "step_done":
        line.words = item.what
        line.small_print = _said(gettext("%(when)s, towards “"), when=when)
        line.goal_words = item.goal.in_their_words
    elif event.kind == "strength":
        line.words = item.description
        line.small_print = _said(
            gettext("%(when)s, noticed by %(noticed_by)s."),
            when=when,
            noticed_by=item.get_noticed_by_display().lower(),
        )
    elif event.kind == "session":
        line.url = link("note_detail", person.pk, item.pk)
        line.link_text = f"{item.get_how_display()}, {when}"
        line.small_print = _said(gettext("with %(author)s."), author=item.author.display_name())
        if item.is_withheld:
            line.withheld = _said(
                gettext("Not shared with %(person)s."), person=person.preferred_name
            )
        else:
            line.going_well = shortened(item.going_well, GOING_WELL_SHOWN)
    elif event.kind == "appointment":
        line.url = link("appointment_detail", person.pk, item.pk)
        line.link_text = f"{item.get_kind_display()}, {when}"
        line.small_print = ", ".join(worker.display_name() for worker in item.workers.all())
        line.outcome = item.get_outcome_display() if item.outcome else ""
    return line
