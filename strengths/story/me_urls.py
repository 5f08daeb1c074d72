"""The person's own goals, strengths, circle and setbacks under /me/ (no person id).

Included from ``casework.urls`` without a namespace, beside the rest of /me/.
The routes come from the kinds table, with each kind's id argument name (the
access matrix fills each by name).
"""

from django.urls import path

from strengths.story.kinds import KINDS
from strengths.story.views import mine


def _kind_routes(kind):
    """me/<key>/, me/<key>/<id_arg>/ and me/<key>/<id_arg>/archive/."""
    item = f"me/{kind.key}/<int:{kind.id_arg}>/"
    args = {"kind_key": kind.key}
    return [
        path(f"me/{kind.key}/", mine.my_list, args, name=f"me_{kind.key}"),
        path(item, mine.my_edit, args, name=f"me_{kind.key}_edit"),
        path(item + "archive/", mine.my_archive, args, name=f"me_{kind.key}_archive"),
    ]


urlpatterns = [
    *(route for kind in KINDS.values() for route in _kind_routes(kind)),
    path("me/goals/<int:goal_id>/rate/", mine.my_goal_rate, name="me_goal_rate"),
    path("me/goals/<int:goal_id>/history/", mine.my_goal_history, name="me_goal_history"),
    path(
        "me/circle/<int:member_id>/undo-choice/",
        mine.my_circle_undo_choice,
        name="me_circle_undo_choice",
    ),
]
