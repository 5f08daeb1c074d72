"""The caseload's cards: each person's words, dates and links, made ready for the template.

The caseload shows 25 cards a page, each with four or five translated sentences,
three or four links and up to three dates. Written as ``{% blocktranslate %}``,
``{% url %}`` and ``|date`` in the template they cost about half a millisecond a
card, a third of the page's time (docs/performance.md, "Round 5"). Here the same
sentences come from the same catalogue entries (the msgids are the ones the
template had), and each link is one ``reverse()`` a page with the person's key put
in, so the template only places them: it still owns every tag and class
(``casework.common.prepared``, which the session timeline uses too).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from casework.common.prepared import Dates, Links, shortened
from casework.models import CaseAssignment, Person

SHOWN_CHARACTERS = 140


def _shortened(text: str) -> str:
    return shortened(text, SHOWN_CHARACTERS)


@dataclass
class CaseloadCard:
    """What one card says and links to; ``None`` or ``""`` means the line is not shown."""

    person: Person
    detail_url: str
    record_session_url: str
    about: str
    going_well: str
    contact: str
    contact_nudge: bool
    next_appointment: str
    appointments_url: str
    next_contact: str
    rearrange: str
    plan_review: str
    plan_review_overdue: bool
    journey_url: str
    book_url: str
    alerts: str
    alerts_url: str
    corrections: str
    notes_url: str
    check_ins: str
    talk_requests: bool
    with_person: str
    for_person: str


def caseload_cards(people, *, weeks: int, cutoff: datetime.datetime) -> list[CaseloadCard]:
    """A card for each of ``people`` (rows of ``caseload_overview``)."""
    link, day = Links(), Dates().day
    return [_card(person, link, day, weeks=weeks, cutoff=cutoff) for person in people]


def _contact(person, day, weeks, cutoff) -> tuple[str, bool]:
    last = person.last_contact
    if last and last >= cutoff:
        return gettext("Last contact: %(last_contact)s") % {"last_contact": day(last)}, False
    if not last:
        return gettext("No sessions recorded yet."), True
    return (
        ngettext(
            "Last contact %(last_contact)s: more than %(weeks)s week ago. "
            "Maybe time to get in touch?",
            "Last contact %(last_contact)s: more than %(weeks)s weeks ago. "
            "Maybe time to get in touch?",
            weeks,
        )
        % {"last_contact": day(last), "weeks": weeks},
        True,
    )


def _plan_review(person, day) -> str:
    due = person.plan_review_due
    if not due:
        return ""
    if person.plan_review_overdue:
        return gettext("Plan review was due %(due)s") % {"due": day(due)}
    return gettext("Plan review due %(due)s") % {"due": day(due)}


def _counted(singular: str, plural: str, counter: int) -> str:
    return ngettext(singular, plural, counter) % {"counter": counter} if counter else ""


def _card(person, link, day, *, weeks, cutoff) -> CaseloadCard:
    pk = person.pk
    contact, nudge = _contact(person, day, weeks, cutoff)
    next_at = person.next_appointment_at
    if next_at:
        next_appointment = formats.date_format(timezone.localtime(next_at), "D j F, H:i")
        next_contact = ""
    else:
        next_appointment = ""
        planned = day(person.next_contact) if person.next_contact else ""
        next_contact = gettext("Next contact: %(next_contact)s") % {
            "next_contact": planned or gettext("not planned yet")
        }
    name = person.preferred_name
    return CaseloadCard(
        person=person,
        detail_url=link("person_detail", pk),
        record_session_url=link("note_create", pk),
        about=_shortened(person.about_me_first_line),
        going_well=_shortened(person.latest_going_well),
        contact=contact,
        contact_nudge=nudge,
        next_appointment=next_appointment,
        appointments_url=(
            link("appointment_list", pk) if next_at or person.open_rearrange_requests else ""
        ),
        next_contact=next_contact,
        rearrange=_counted(
            "Asked to rearrange %(counter)s appointment",
            "Asked to rearrange %(counter)s appointments",
            person.open_rearrange_requests,
        ),
        plan_review=_plan_review(person, day),
        plan_review_overdue=bool(person.plan_review_overdue),
        journey_url=link("strengths:journey", pk) if person.recent_setback else "",
        book_url=link("appointment_book", pk) if person.may_book else "",
        alerts=_counted(
            "%(counter)s alert due for review",
            "%(counter)s alerts due for review",
            person.alerts_due_review,
        ),
        alerts_url=link("alert_list", pk) if person.alerts_due_review else "",
        corrections=_counted(
            "%(counter)s correction request to answer",
            "%(counter)s correction requests to answer",
            person.open_corrections,
        ),
        notes_url=link("note_list", pk) if person.open_corrections else "",
        check_ins=_counted(
            "%(counter)s new check-in", "%(counter)s new check-ins", person.new_check_ins
        ),
        talk_requests=bool(person.new_check_ins and person.talk_requests),
        with_person=gettext("with %(person)s") % {"person": name},
        for_person=(
            gettext("for %(person)s") % {"person": name}
            if person.alerts_due_review or person.open_corrections
            else ""
        ),
    )


@dataclass
class TeamPersonRow:
    """One row of the supervisor home's "People your teams work with" table."""

    name: str
    pronouns: str
    url: str
    workers: str  # "Sam Patel (lead worker), Ali Khan (peer support worker)"


def team_people_rows(people) -> list[TeamPersonRow]:
    """A row for each of ``people`` (with ``active_assignments`` and their workers loaded)."""
    link = Links()
    roles = {value: str(label).lower() for value, label in CaseAssignment.Role.choices}
    return [
        TeamPersonRow(
            name=person.preferred_name,
            pronouns=person.pronouns,
            url=link("person_detail", person.pk),
            workers=", ".join(
                f"{a.worker.display_name()} ({roles.get(a.role, a.role.lower())})"
                for a in person.active_assignments
            ),
        )
        for person in people
    ]
