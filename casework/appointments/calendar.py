"""Calendar files (RFC 5545) for appointments, built with the ``icalendar`` library.

One function builds a calendar from appointments; the same one serves a single
``.ics`` download and a private subscription feed. Event titles carry no names
unless the owner of the link chose to include them: a calendar is often shared
with family or synced to a phone's lock screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event, vText

from casework.appointments.models import Appointment
from casework.people.models import User

PRODID = "-//Recovery Practice//Appointments//EN"
UID_DOMAIN = "appointments.recovery-practice"


def _display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def event_title(appointment: Appointment, *, include_names: bool, for_person: bool) -> str:
    """ "Appointment: home visit", or with names if the owner chose them."""
    kind = appointment.get_kind_display()
    if not include_names:
        return f"Appointment: {kind.lower()}"
    if for_person:
        workers = ", ".join(_display_name(w) for w in appointment.workers.all())
        return f"{kind} with {workers}" if workers else kind
    return f"{kind} with {appointment.person.preferred_name}"


def _event(appointment: Appointment, *, include_names: bool, for_person: bool) -> Event:
    event = Event()
    event.add("uid", f"appointment-{appointment.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("sequence", appointment.version)
    event.add(
        "summary",
        event_title(appointment, include_names=include_names, for_person=for_person),
    )
    if appointment.place:
        event.add("location", vText(appointment.place))
    if include_names and appointment.purpose:
        event.add("description", appointment.purpose)
    event.add("status", "CANCELLED" if appointment.is_cancelled else "CONFIRMED")
    return event


def calendar_for(
    appointments: Iterable[Appointment], *, include_names: bool, for_person: bool, name: str
) -> bytes:
    """The ``.ics`` bytes for ``appointments`` (workers should be prefetched)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for appointment in appointments:
        calendar.add_component(
            _event(appointment, include_names=include_names, for_person=for_person)
        )
    return calendar.to_ical()
