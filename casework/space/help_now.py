""" "I need help now": the person's own staying-well plan, their crisis people, and numbers.

Reached from the header of every page of the person's space, and shown at once
after a check-in that says "Really struggling" or asks to talk soon. Everything
on it is the person's own (their plan section as they wrote it, the people they
chose) or the service's numbers; nothing here assesses them.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from casework import access
from casework.access import RecordNotOnline, get_own_person
from casework.checkins.actions import latest_urgent_check_in
from casework.crisis.hours import ServiceHours, when_seen
from casework.crisis.lines import EMERGENCY, NATIONAL_LINES, lines_for, team_for
from casework.models import Person
from strengths.plan.actions import current_plan
from strengths.plan.models import PlanSection
from strengths.plan.reads import sections_for_page, whose_words


def staying_well_section(person: Person):
    """The person's staying-well plan section, annotated for "whose words", or ``None``."""
    plan = current_plan(person)
    if plan is None:
        return None
    return sections_for_page(plan).filter(key=PlanSection.Key.STAYING_WELL).first()


def crisis_people(person: Person):
    """The people the person chose to call in a crisis (contact details hidden for "do not contact")."""
    return person.circle.active().filter(call_in_crisis=True).order_by("name", "id")


def worker_status(person: Person, now=None) -> str:
    """When the person's worker will next see a check-in, from their team's working hours."""
    return when_seen(now or timezone.now(), ServiceHours.of(team_for(person)))


@access.reads()
def help_now(request):
    try:
        person = get_own_person(request, what="your I need help now page")
    except RecordNotOnline:
        # The record is gone from view, but the numbers must never be.
        return render(
            request,
            "casework/me/help_now.html",
            {"person": None, "lines": [EMERGENCY, *NATIONAL_LINES]},
        )
    section = staying_well_section(person)
    team = team_for(person)
    urgent = latest_urgent_check_in(person)
    return render(
        request,
        "casework/me/help_now.html",
        {
            "person": person,
            "section": section,
            "whose_words": whose_words(section, person, mine=True) if section else "",
            "people": crisis_people(person),
            "lines": lines_for(person, team),
            "urgent": urgent,
            "worker_status": (
                when_seen(timezone.now(), ServiceHours.of(team))
                if urgent and not urgent.seen_at and not person.is_closed
                else ""
            ),
        },
    )
