"""Demo appointments (issue 20): a week in sam's and priya's diaries, seen by alex and chris.

Booked through the same actions the pages use, so each has its history. Times
are relative to the day ``seed_demo`` runs; a person who already has
appointments is left alone (the seed is idempotent).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from casework.appointments import actions
from casework.models import Person, User


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _book(worker: User, person: Person, days: int, hour: int, minutes: int = 60, **details):
    starts_at = _at(days, hour)
    return actions.book_appointment(
        worker,
        person,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        **details,
    )


def seed_appointments(
    *, alex: Person, sam: User, chris: Person, priya: User, others: list[tuple[Person, User]]
) -> None:
    if not alex.appointments.exists():
        earlier = _book(
            sam,
            alex,
            -6,
            10,
            kind="office",
            place="Northgate office, room 2",
            purpose="Look at the college application together.",
        )
        actions.record_outcome(
            sam,
            earlier,
            outcome="attended",
            person_words="Good to get the form done.",
            worker_words="We finished the application and Alex sent it from the office.",
            version=earlier.version,
        )
        _book(
            sam,
            alex,
            2,
            14,
            kind="home_visit",
            place="Alex's flat. Ring the bell for flat 3.",
            purpose="See how the new flat is going and plan the week.",
        )
        asked = _book(
            sam,
            alex,
            9,
            11,
            minutes=30,
            kind="phone",
            place="Sam rings Alex's mobile.",
            purpose="A quick catch-up after the college interview.",
        )
        actions.ask_to_rearrange(
            alex.user, asked, reason="My college interview is that morning. Could we do 3pm?"
        )
    if not chris.appointments.exists():
        _book(
            priya,
            chris,
            1,
            15,
            kind="community",
            place="The café at the library, Riverside",
            purpose="Meet the volunteer coordinator together.",
        )
    for n, (person, worker) in enumerate(others[:6]):
        if person.appointments.exists():
            continue
        _book(
            worker,
            person,
            n % 3,
            9 + n,
            kind=["office", "phone", "video"][n % 3],
            place="Northgate office" if n % 3 == 0 else "",
            purpose="Catch up on the week.",
        )
