"""The person's story, under /people/<person_id>/ (included from casework.urls).

Each route spells out its whole path, person id included, rather than hanging
off an ``include()`` with a converter: the access matrix test reads the id
arguments from each pattern, and every view must receive ``person_id``.
"""

from django.urls import path

from strengths.journey import views as journey
from strengths.story.views import goals, items

app_name = "strengths"

PERSON = "people/<int:person_id>/"
GOAL = PERSON + "goals/<int:goal_id>/"
STEP = GOAL + "steps/<int:step_id>/"

urlpatterns = [
    path(PERSON + "journey/", journey.journey, name="journey"),
    path(PERSON + "goals/add/", goals.goal_add, name="goal_add"),
    path(GOAL, goals.goal_detail, name="goal_detail"),
    path(GOAL + "edit/", goals.goal_edit, name="goal_edit"),
    path(GOAL + "archive/", goals.goal_archive, name="goal_archive"),
    path(GOAL + "restore/", goals.goal_restore, name="goal_restore"),
    path(GOAL + "steps/add/", goals.step_add, name="step_add"),
    path(STEP + "edit/", goals.step_edit, name="step_edit"),
    path(STEP + "archive/", goals.step_archive, name="step_archive"),
    path(STEP + "restore/", goals.step_restore, name="step_restore"),
    path(GOAL + "ratings/add/", goals.rating_add, name="rating_add"),
    path(PERSON + "strengths/add/", items.strength_add, name="strength_add"),
    path(PERSON + "strengths/<int:strength_id>/edit/", items.strength_edit, name="strength_edit"),
    path(
        PERSON + "strengths/<int:strength_id>/archive/",
        items.strength_archive,
        name="strength_archive",
    ),
    path(
        PERSON + "strengths/<int:strength_id>/restore/",
        items.strength_restore,
        name="strength_restore",
    ),
    path(PERSON + "circle/add/", items.member_add, name="member_add"),
    path(PERSON + "circle/<int:member_id>/edit/", items.member_edit, name="member_edit"),
    path(PERSON + "circle/<int:member_id>/archive/", items.member_archive, name="member_archive"),
    path(PERSON + "circle/<int:member_id>/restore/", items.member_restore, name="member_restore"),
    path(PERSON + "setbacks/add/", items.setback_add, name="setback_add"),
    path(PERSON + "setbacks/<int:setback_id>/edit/", items.setback_edit, name="setback_edit"),
    path(
        PERSON + "setbacks/<int:setback_id>/archive/", items.setback_archive, name="setback_archive"
    ),
    path(
        PERSON + "setbacks/<int:setback_id>/restore/", items.setback_restore, name="setback_restore"
    ),
]
