"""The live parts of the plan: goals, strengths, circle of support and setbacks, as they are now.

The plan shows these, it never copies them: change a goal and the plan shows
the change. Each function is one query (plus at most one prefetch) however much
the person has, so the plan page's query count stays constant.
"""

from __future__ import annotations

from django.db.models import Prefetch

from strengths.models import Goal, GoalStep, Setback, SignificantOther, Strength

RECENT_SETBACKS = 5


def live_goals(person) -> list[Goal]:
    """Goals the person is exploring, working on or has paused, with their open steps."""
    steps = GoalStep.objects.active().exclude(
        status__in=[GoalStep.Status.DONE, GoalStep.Status.NO_LONGER_NEEDED]
    )
    return list(
        person.goals.active()
        .exclude(status__in=[Goal.Status.ACHIEVED, Goal.Status.LET_GO])
        .prefetch_related(Prefetch("steps", queryset=steps, to_attr="open_steps"))
        .order_by("horizon", "-created_at", "-id")
    )


def live_strengths(person) -> list[Strength]:
    return list(person.strengths.active())


def live_circle(person) -> list[SignificantOther]:
    """Everyone in the circle, with the person's own choice about involving them."""
    return list(person.circle.active())


def live_setbacks(person) -> list[Setback]:
    """The most recent setbacks, with what helped and what was learned."""
    return list(person.setbacks.active()[:RECENT_SETBACKS])


LIVE_FOR_SECTION = {
    "goals": ("goals", live_goals),
    "strengths": ("strengths", live_strengths),
    "circle": ("circle", live_circle),
    "hard_times": ("setbacks", live_setbacks),
}


def live_parts(person) -> dict[str, list]:
    """Section key → the live items shown under it (one query per kind)."""
    return {key: fn(person) for key, (_name, fn) in LIVE_FOR_SECTION.items()}
