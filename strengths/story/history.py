"""A goal's history, browsable like a plan section's: every saved version, who, when, whose voice.

``HistoricalRecords`` keeps a row for every save of a goal (never changed or
deleted); this turns them into versions, newest first, each with what changed
from the one before it (``strengths.plan.reads.word_diff`` for the words).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from strengths.models import Goal
from strengths.plan.reads import word_diff

TEXT_FIELDS = ("in_their_words", "why_it_matters")
CHOICE_FIELDS = ("life_area", "horizon", "status")


@dataclass
class GoalVersion:
    number: int
    row: object  # the historical row: history_date, history_user, updated_as, archived_at...
    first: bool
    changes: list = field(default_factory=list)  # (label, [(kind, text)...]) for the words
    moves: list = field(default_factory=list)  # (label, before, after) for choices

    @property
    def in_their_own_words(self) -> bool:
        return self.row.updated_as == "person"


def _label(name: str) -> str:
    return str(Goal._meta.get_field(name).verbose_name).capitalize()


def _display(name: str, value) -> str:
    return str(dict(Goal._meta.get_field(name).choices).get(value, value or ""))


def goal_versions(goal: Goal) -> list[GoalVersion]:
    """Every saved version of ``goal``, newest first (one query)."""
    rows = list(goal.history.select_related("history_user").order_by("history_date", "history_id"))
    versions, before = [], None
    for number, row in enumerate(rows, 1):
        version = GoalVersion(number=number, row=row, first=before is None)
        for name in TEXT_FIELDS:
            old = getattr(before, name, "") if before else ""
            if before is None or old != getattr(row, name):
                version.changes.append((_label(name), word_diff(old, getattr(row, name))))
        for name in CHOICE_FIELDS:
            if before is not None and getattr(before, name) != getattr(row, name):
                version.moves.append(
                    (
                        _label(name),
                        _display(name, getattr(before, name)),
                        _display(name, getattr(row, name)),
                    )
                )
        if before is not None and bool(before.archived_at) != bool(row.archived_at):
            version.moves.append(
                (
                    "Archived",
                    "Yes" if before.archived_at else "No",
                    "Yes" if row.archived_at else "No",
                )
            )
        versions.append(version)
        before = row
    return versions[::-1]
