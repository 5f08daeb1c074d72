"""What the worker's overview of a person shows from their story, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.utils.functional import SimpleLazyObject

from casework.models import Person
from strengths.models import Goal, GoalRating, Strength


def _latest_rating(voice: str, field: str) -> Subquery:
    return Subquery(
        GoalRating.objects.filter(goal=OuterRef("pk"), voice=voice)
        .order_by("-at", "-pk")
        .values(field)[:1]
    )


def goals_with_progress(person: Person):
    """Active goals, each with the latest rating in each voice and its active strengths."""
    return (
        person.goals.active()
        .select_related("created_by")
        .annotate(
            person_score=_latest_rating("person", "score"),
            person_rated_at=_latest_rating("person", "at"),
            worker_score=_latest_rating("worker", "score"),
            worker_rated_at=_latest_rating("worker", "at"),
        )
        .prefetch_related(
            Prefetch("strengths", queryset=Strength.objects.active(), to_attr="active_strengths")
        )
    )


def _group_goals(goals) -> dict[str, list[Goal]]:
    groups = {"now": [], "one_day": [], "achieved": [], "resting": []}
    for goal in goals:
        if goal.status == Goal.Status.ACHIEVED:
            groups["achieved"].append(goal)
        elif goal.status in (Goal.Status.PAUSED, Goal.Status.LET_GO):
            groups["resting"].append(goal)
        elif goal.horizon == Goal.Horizon.ONE_DAY:
            groups["one_day"].append(goal)
        else:
            groups["now"].append(goal)
    return groups


def circle_of(person: Person):
    return person.circle.active().select_related("involvement_set_by", "created_by")


def strengths_of(person: Person):
    return person.strengths.active().select_related("created_by")


def recent_setbacks(person: Person, limit: int = 3):
    return (
        person.setbacks.active()
        .select_related("created_by")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.active()))[:limit]
    )


def archived_items(person: Person) -> dict:
    """Archived goals, strengths, circle and setbacks: one query when nothing is archived."""
    lists = {
        "goals": person.goals.archived().select_related("archived_by"),
        "strengths": person.strengths.archived().select_related("archived_by"),
        "circle": person.circle.archived().select_related("archived_by"),
        "setbacks": person.setbacks.archived().select_related("archived_by"),
    }

    def load():
        # Usually nothing is archived: ask once whether any list has anything.
        # (Named has_*: "goals" and the rest are already relations on Person.)
        found = (
            Person.objects.filter(pk=person.pk)
            .values(
                **{f"has_{name}": Exists(qs.order_by().values("pk")) for name, qs in lists.items()}
            )
            .get()
        )
        return {name: qs if found[f"has_{name}"] else [] for name, qs in lists.items()}

    return SimpleLazyObject(load)


def overview_context(person: Person) -> dict:
    """Context for the overview page and for each of its htmx-swapped sections.

    Querysets stay lazy, so a section re-rendered on its own runs only its own queries.
    """
    goals = goals_with_progress(person)
    return {
        "goals": goals,
        "goal_groups": SimpleLazyObject(lambda: _group_goals(goals)),
        "strengths": strengths_of(person),
        "circle": circle_of(person),
        "setbacks": recent_setbacks(person),
        "archived": archived_items(person),
    }
