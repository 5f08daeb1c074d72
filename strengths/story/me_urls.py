"""The person's own goals, strengths, circle and setbacks under /me/ (no person id).

Included from ``casework.urls`` without a namespace, beside the rest of /me/.
"""

from django.urls import path

from strengths.story.views import mine

# (kind, the name of its id argument: the access matrix fills each by name)
MINE = [
    ("goals", "goal_id"),
    ("strengths", "strength_id"),
    ("circle", "member_id"),
    ("setbacks", "setback_id"),
]

urlpatterns = [
    url
    for kind, arg in MINE
    for url in (
        path(f"me/{kind}/", mine.my_list, {"kind_key": kind}, name=f"me_{kind}"),
        path(f"me/{kind}/<int:{arg}>/", mine.my_edit, {"kind_key": kind}, name=f"me_{kind}_edit"),
        path(
            f"me/{kind}/<int:{arg}>/archive/",
            mine.my_archive,
            {"kind_key": kind},
            name=f"me_{kind}_archive",
        ),
    )
] + [path("me/goals/<int:goal_id>/rate/", mine.my_goal_rate, name="me_goal_rate")]
