"""What the record pages show from the person's story, each in a fixed number of queries.

The story lives on two focused pages of the record (casework/record): Goals
(goals, and the setbacks along the way, which name the goals they touched) and
Strengths & circle. Each page shows the archived items of its own kinds.
``PAGE_OF_KIND`` says which page shows which kind, so a change made in a section
goes back to (or, with htmx, re-renders) the section on its page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils.functional import SimpleLazyObject

from casework.common.counting import rows_exist
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


RECENT_SETBACKS = 10


def recent_setbacks(person: Person, limit: int = RECENT_SETBACKS):
    return (
        person.setbacks.active()
        .select_related("created_by")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.active()))[:limit]
    )


ARCHIVED_KINDS = ("goals", "strengths", "circle", "setbacks")


def archived_items(person: Person, kinds: tuple[str, ...] = ARCHIVED_KINDS) -> dict:
    """Archived items of ``kinds``: one query when nothing is archived (``rows_exist``).

    Every kind is a key of the answer; kinds not asked for are empty lists.
    """
    everything = {
        "goals": lambda: person.goals.archived().select_related("archived_by"),
        "strengths": lambda: person.strengths.archived().select_related("archived_by"),
        "circle": lambda: person.circle.archived().select_related("archived_by"),
        "setbacks": lambda: person.setbacks.archived().select_related("archived_by"),
    }
    lists = {name: everything[name]() for name in kinds}

    def load():
        # Usually nothing is archived: ask once whether any list has anything.
        found = rows_exist(**lists)
        shown = {name: qs if found[name] else [] for name, qs in lists.items()}
        return {name: shown.get(name, []) for name in everything}

    return SimpleLazyObject(load)


def goals_page_context(person: Person) -> dict:
    """Goals in their groups, recent setbacks, and archived goals and setbacks.

    Querysets stay lazy, so a section re-rendered on its own runs only its own queries.
    """
    goals = goals_with_progress(person)
    return {
        "goals": goals,
        "goal_groups": SimpleLazyObject(lambda: _group_goals(goals)),
        "setbacks": recent_setbacks(person),
        "archived": archived_items(person, ("goals", "setbacks")),
    }


def strengths_page_context(person: Person) -> dict:
    """Strengths, the circle of support, and archived strengths and circle members."""
    return {
        "strengths": strengths_of(person),
        "circle": circle_of(person),
        "archived": archived_items(person, ("strengths", "circle")),
    }


@dataclass(frozen=True)
class StoryPage:
    """A record page that shows story sections: its URL name, template and context."""

    url_name: str
    template: str
    context: Callable[[Person], dict]


GOALS_PAGE = StoryPage("record_goals", "casework/record/goals.html", goals_page_context)
STRENGTHS_PAGE = StoryPage(
    "record_strengths", "casework/record/strengths.html", strengths_page_context
)
PAGE_OF_KIND = {
    "goals": GOALS_PAGE,
    "setbacks": GOALS_PAGE,
    "strengths": STRENGTHS_PAGE,
    "circle": STRENGTHS_PAGE,
}


def goals_working_on_now(person: Person, limit: int):
    """The goals the person is working on now (not "one day", not achieved or resting)."""
    return (
        person.goals.active()
        .filter(status__in=Goal.CURRENT_STATUSES)
        .exclude(horizon=Goal.Horizon.ONE_DAY)
        .only("pk", "person_id", "in_their_words", "status")[:limit]
    )
