"""The person's story, under /people/<person_id>/ (included from casework.urls).

Each route spells out its whole path, person id included, rather than hanging
off an ``include()`` with a converter: the access matrix test reads the id
arguments from each pattern, and every view must receive ``person_id``. The
add/edit/archive/restore routes of each story kind come from the kinds table.
"""

from django.urls import path

from strengths.journey import views as journey
from strengths.story.kinds import KINDS
from strengths.story.views import goals, story

app_name = "strengths"

PERSON = "people/<int:person_id>/"
GOAL = PERSON + "goals/<int:goal_id>/"
STEP = GOAL + "steps/<int:step_id>/"


def _kind_routes(kind):
    """people/<person_id>/<key>/add/, and <key>/<id_arg>/edit/, archive/, restore/."""
    item = f"{PERSON}{kind.key}/<int:{kind.id_arg}>/"
    args = {"kind_key": kind.key}
    return [
        path(f"{PERSON}{kind.key}/add/", story.add, args, name=f"{kind.staff.name}_add"),
        path(item + "edit/", story.edit, args, name=f"{kind.staff.name}_edit"),
        path(item + "archive/", story.archive, args, name=f"{kind.staff.name}_archive"),
        path(item + "restore/", story.restore, args, name=f"{kind.staff.name}_restore"),
    ]


urlpatterns = [
    path(PERSON + "journey/", journey.journey, name="journey"),
    *(route for kind in KINDS.values() for route in _kind_routes(kind)),
    path(GOAL, goals.goal_detail, name="goal_detail"),
    path(GOAL + "history/", goals.goal_history, name="goal_history"),
    path(GOAL + "steps/add/", goals.step_add, name="step_add"),
    path(STEP + "edit/", goals.step_edit, name="step_edit"),
    path(STEP + "archive/", goals.step_archive, name="step_archive"),
    path(STEP + "restore/", goals.step_restore, name="step_restore"),
    path(GOAL + "ratings/add/", goals.rating_add, name="rating_add"),
]
