from django.urls import include, path

from casework.views import account, home, notes, people

urlpatterns = [
    path("", home.home, name="home"),
    path("people/<int:person_id>/", people.person_detail, name="person_detail"),
    path("people/<int:person_id>/notes/", notes.note_list, name="note_list"),
    path("people/<int:person_id>/notes/new/", notes.note_create, name="note_create"),
    path("people/<int:person_id>/notes/<int:note_id>/", notes.note_detail, name="note_detail"),
    path("people/<int:person_id>/notes/<int:note_id>/edit/", notes.note_edit, name="note_edit"),
    path(
        "people/<int:person_id>/notes/<int:note_id>/addenda/new/",
        notes.addendum_create,
        name="addendum_create",
    ),
    path(
        "people/<int:person_id>/notes/<int:note_id>/sharing/",
        notes.note_sharing,
        name="note_sharing",
    ),
    path("notes/search/", notes.note_search, name="note_search"),
    path(
        "notes/language-suggestions/",
        notes.language_suggestions,
        name="language_suggestions",
    ),
    # The person's own story (goals, strengths, circle, setbacks, journey).
    path("", include("strengths.urls")),
    path("account/security/", account.security_page, name="security"),
    path("account/security/two-step/", account.two_factor_setup, name="two_factor_setup"),
    path(
        "account/security/two-step/turn-off/",
        account.two_factor_disable,
        name="two_factor_disable",
    ),
    path("account/security/password/", account.password_change, name="password_change"),
    path(
        "account/security/sign-out-everywhere/",
        account.sign_out_everywhere,
        name="sign_out_everywhere",
    ),
]
