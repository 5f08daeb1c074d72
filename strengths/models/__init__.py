"""The strengths app's models, gathered from its domain packages so Django finds them.

The person's story (goals, strengths, circle, setbacks) lives in
``strengths/story/models.py``, the recovery plan in ``strengths/plan/models.py``.
"""

from casework.common.models import Voice
from strengths.plan.models import (
    HEADING_LIMIT,
    SECTION_TEXT_LIMIT,
    PlanAgreement,
    PlanDifference,
    PlanDifferenceResolution,
    PlanSection,
    PlanSectionRevision,
    PlanVersion,
    RecoveryPlan,
)
from strengths.story.models import (
    Authored,
    Goal,
    GoalRating,
    GoalStep,
    LifeArea,
    Setback,
    SignificantOther,
    StoryQuerySet,
    Strength,
    not_in_the_future,
)

__all__ = [
    "HEADING_LIMIT",
    "SECTION_TEXT_LIMIT",
    "Authored",
    "Goal",
    "GoalRating",
    "GoalStep",
    "LifeArea",
    "PlanAgreement",
    "PlanDifference",
    "PlanDifferenceResolution",
    "PlanSection",
    "PlanSectionRevision",
    "PlanVersion",
    "RecoveryPlan",
    "Setback",
    "SignificantOther",
    "StoryQuerySet",
    "Strength",
    "Voice",
    "not_in_the_future",
]
