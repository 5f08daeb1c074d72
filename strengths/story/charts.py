"""A small server-rendered line chart of progress ratings: no chart library, no script.

The template draws the SVG from the numbers worked out here; a table with the
same ratings sits beside it for anyone not using the picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from strengths.models import GoalRating, Voice

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 20, 15, 35


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    rating: GoalRating

    @property
    def corner(self) -> tuple[str, str]:
        """Top-left of the small square marking a worker's rating."""
        return f"{self.x - 4:.1f}", f"{self.y - 4:.1f}"


@dataclass
class Line:
    voice: str
    label: str
    points: list[Point] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _y(score: int) -> float:
    plot = HEIGHT - TOP - BOTTOM
    return TOP + plot * (10 - score) / 9


def progress_chart(ratings: list[GoalRating], person_name: str) -> dict | None:
    """Coordinates for one line per voice; ``None`` when there is nothing to draw."""
    if not ratings:
        return None
    first, last = ratings[0].at, ratings[-1].at
    span = (last - first).total_seconds() or 1
    plot_width = WIDTH - LEFT - RIGHT
    lines = {
        Voice.PERSON: Line(Voice.PERSON, f"{person_name}'s view"),
        Voice.WORKER: Line(Voice.WORKER, "Worker's view"),
    }
    for rating in ratings:
        x = LEFT + plot_width * (rating.at - first).total_seconds() / span
        if len(ratings) == 1:
            x = LEFT + plot_width / 2
        lines[rating.voice].points.append(Point(x, _y(rating.score), rating))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "ticks": [(score, f"{_y(score):.1f}") for score in (1, 4, 7, 10)],
        "tick_x": LEFT - 8,
        "lines": [line for line in lines.values() if line.points],
        "first": first,
        "last": last,
        "label_y": HEIGHT - 10,
    }
