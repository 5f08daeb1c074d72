"""The live parts of the plan: goals, strengths, circle of support and setbacks, as they are now.

The plan shows these, it never copies them: change a goal and the plan shows
the change. Each function is one query (plus prefetches) however much the
person has, so the plan page's query count stays constant.

The models arrive with the strengths issue; until then each function finds no
model and returns an empty list. At merge, fill in the querysets below (the
comments say which) and the partials in ``templates/strengths/live/``.
"""

from __future__ import annotations

from strengths import models as strengths_models


def _model(name):
    return getattr(strengths_models, name, None)


def live_goals(person) -> list:
    Goal = _model("Goal")
    if Goal is None:
        return []
    # At merge: current goals with their steps, e.g.
    # Goal.objects.filter(person=person).exclude(status=Goal.Status.LET_GO)
    #     .prefetch_related("steps").order_by(...)
    return list(Goal.objects.filter(person=person))


def live_strengths(person) -> list:
    Strength = _model("Strength")
    if Strength is None:
        return []
    return list(Strength.objects.filter(person=person))


def live_circle(person) -> list:
    SignificantOther = _model("SignificantOther")
    if SignificantOther is None:
        return []
    # At merge: show each involvement choice (involve / keep informed / do not contact).
    return list(SignificantOther.objects.filter(person=person))


def live_setbacks(person) -> list:
    Setback = _model("Setback")
    if Setback is None:
        return []
    # At merge: most recent first, with what helped and what was learned.
    return list(Setback.objects.filter(person=person))


LIVE_FOR_SECTION = {
    "goals": ("goals", live_goals),
    "strengths": ("strengths", live_strengths),
    "circle": ("circle", live_circle),
    "hard_times": ("setbacks", live_setbacks),
}


def live_parts(person) -> dict[str, list]:
    """Section key → the live items shown under it (one query per kind)."""
    return {key: fn(person) for key, (_name, fn) in LIVE_FOR_SECTION.items()}
