"""URLs of the recovery plan: staff pages under a person, and the person's own under /me/plan/."""

from django.urls import path

from strengths.plan import views as v

SECTION = "sections/<int:section_id>/"

staff = [
    ("", v.plan_page, "plan"),
    ("print/", v.plan_print, "plan_print"),
    ("easy-read/", v.plan_easy_read, "plan_easy_read"),
    ("ready/", v.plan_ready, "plan_ready"),
    ("agree/", v.plan_agree, "plan_agree"),
    ("review/", v.plan_review, "plan_review"),
    (SECTION, v.plan_section, "plan_section"),
    (SECTION + "edit/", v.plan_section_edit, "plan_section_edit"),
    (SECTION + "history/", v.plan_section_history, "plan_section_history"),
    (SECTION + "differently/", v.plan_see_differently, "plan_see_differently"),
    (
        SECTION + "revisions/<int:revision_id>/restore/",
        v.plan_revision_restore,
        "plan_revision_restore",
    ),
    (
        "differences/<int:difference_id>/resolve/",
        v.plan_difference_resolve,
        "plan_difference_resolve",
    ),
]

mine = [
    ("", v.me_plan, "me_plan"),
    ("print/", v.me_plan_print, "me_plan_print"),
    ("easy-read/", v.me_plan_easy_read, "me_plan_easy_read"),
    ("agree/", v.me_plan_agree, "me_plan_agree"),
    (SECTION, v.me_plan_section, "me_plan_section"),
    (SECTION + "edit/", v.me_plan_section_edit, "me_plan_section_edit"),
    (SECTION + "history/", v.me_plan_section_history, "me_plan_section_history"),
    (SECTION + "differently/", v.me_plan_see_differently, "me_plan_see_differently"),
    (
        SECTION + "revisions/<int:revision_id>/restore/",
        v.me_plan_revision_restore,
        "me_plan_revision_restore",
    ),
    (
        "differences/<int:difference_id>/resolve/",
        v.me_plan_difference_resolve,
        "me_plan_difference_resolve",
    ),
]

urlpatterns = [
    *(path(f"people/<int:person_id>/plan/{route}", view, name=name) for route, view, name in staff),
    *(path(f"me/plan/{route}", view, name=name) for route, view, name in mine),
]
