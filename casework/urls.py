from django.urls import include, path

from casework.accounts import views as accounts
from casework.alerts import views as alerts
from casework.checkins import views as checkins
from casework.home import views as home
from casework.notes import views as notes
from casework.peer import views as peer
from casework.people import views as people_views
from casework.practice import views as practice
from casework.record import views as people
from casework.reminders import views as reminders
from casework.security import views as account
from casework.space import help_now, pocket_card
from casework.space import note_views as me_notes
from casework.space import profile_views as me_profile
from casework.space import views as me

urlpatterns = [
    path("", home.home, name="home"),
    path("people/add/", people_views.person_add, name="person_add"),
    path("people/<int:person_id>/", people.person_detail, name="person_detail"),
    # The record's focused pages (casework/record/navigation.py lists them all).
    path("people/<int:person_id>/goals/", people.goals, name="record_goals"),
    path(
        "people/<int:person_id>/strengths-and-circle/",
        people.strengths_and_circle,
        name="record_strengths",
    ),
    path("people/<int:person_id>/account/", people.account, name="record_account"),
    path("people/<int:person_id>/profile/", people_views.profile, name="person_profile"),
    path(
        "people/<int:person_id>/profile/edit/",
        people_views.profile_edit,
        name="person_profile_edit",
    ),
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
    path(
        "people/<int:person_id>/notes/<int:note_id>/corrections/<int:correction_id>/respond/",
        me_notes.correction_respond,
        name="correction_respond",
    ),
    path("notes/search/", notes.note_search, name="note_search"),
    path(
        "notes/language-suggestions/",
        notes.language_suggestions,
        name="language_suggestions",
    ),
    # The person's own story (goals, strengths, circle, setbacks, journey).
    path("", include("strengths.story.urls")),
    path("account/security/", account.security_page, name="security"),
    path("account/security/two-step/", account.two_factor_setup, name="two_factor_setup"),
    path(
        "account/security/two-step/turn-off/",
        account.two_factor_disable,
        name="two_factor_disable",
    ),
    path(
        "account/security/two-step/recovery-codes/",
        account.recovery_codes,
        name="recovery_codes",
    ),
    path("account/security/password/", account.password_change, name="password_change"),
    path(
        "account/security/sign-out-everywhere/",
        account.sign_out_everywhere,
        name="sign_out_everywhere",
    ),
    # Alerts (issue 12): staff pages through the person, the person's own under me/.
    path("people/<int:person_id>/alerts/", alerts.alert_list, name="alert_list"),
    path("people/<int:person_id>/alerts/add/", alerts.alert_add, name="alert_add"),
    path(
        "people/<int:person_id>/alerts/<int:alert_id>/",
        alerts.alert_detail,
        name="alert_detail",
    ),
    path(
        "people/<int:person_id>/alerts/<int:alert_id>/review/",
        alerts.alert_review,
        name="alert_review",
    ),
    path(
        "people/<int:person_id>/alerts/<int:alert_id>/told/",
        alerts.alert_mark_told,
        name="alert_mark_told",
    ),
    path(
        "people/<int:person_id>/alerts/<int:alert_id>/responses/<int:response_id>/reply/",
        alerts.alert_reply,
        name="alert_reply",
    ),
    path("alerts/overdue/", alerts.overdue_alerts, name="overdue_alerts"),
    # Appointments (issue 20): staff pages, the diary, /me/, the private calendar feed.
    path("", include("casework.appointments.urls")),
    # Handover when a worker changes or leaves (issue 21).
    path("", include("casework.handover.urls")),
    path("me/alerts/", alerts.my_alerts, name="my_alerts"),
    path("me/alerts/<int:alert_id>/respond/", alerts.my_alert_respond, name="my_alert_respond"),
    path("people/<int:person_id>/invite/", accounts.invite, name="invite_person"),
    path(
        "people/<int:person_id>/account/deactivate/",
        accounts.deactivate,
        name="deactivate_account",
    ),
    path(
        "people/<int:person_id>/check-ins/<int:checkin_id>/seen/",
        checkins.check_in_seen,
        name="check_in_seen",
    ),
    # The form step comes first: it has no token, so the link's token never
    # reaches the page the person fills in (see casework/accounts/views.py).
    path("accounts/activate/set-password/", accounts.activate_form, name="activate_account_form"),
    path("accounts/activate/<str:token>/", accounts.activate, name="activate_account"),
    # The person's own space: no record ids, the login is the key.
    path("me/", me.me_home, name="me_home"),
    path("me/who-has-looked/", me.access_log, name="me_access_log"),
    path("me/profile/", me_profile.my_profile, name="me_profile"),
    path("me/profile/edit/", me_profile.my_profile_edit, name="me_profile_edit"),
    path("me/download/", me.download, name="me_download"),
    path("me/download.json", me.download_json, name="me_download_json"),
    path("me/check-in/", me.check_in, name="me_check_in"),
    path("me/help-now/", help_now.help_now, name="me_help_now"),
    path("me/staying-well/card/", pocket_card.pocket_card, name="me_pocket_card"),
    path("", include("strengths.story.me_urls")),
    path("me/notes/", me_notes.my_notes, name="me_notes"),
    path("me/notes/<int:note_id>/", me_notes.my_note, name="me_note"),
    path(
        "me/notes/<int:note_id>/see-differently/",
        me_notes.my_note_correction,
        name="me_note_correction",
    ),
    path("me/notes/<int:note_id>/feedback/", me_notes.my_note_feedback, name="me_note_feedback"),
    # Peer support (issue 12): the person's choice, and who can see their record.
    path("me/sharing/", peer.my_peer_sharing, name="me_peer_sharing"),
    path("me/who-can-see/", peer.who_can_see, name="me_who_can_see"),
    path("people/<int:person_id>/sharing/", peer.peer_sharing, name="peer_sharing"),
    # Reminders (issue 20): the person's choice and every message sent; the lead worker's view.
    path("me/reminders/", reminders.my_reminders, name="me_reminders"),
    path("me/reminders/sent/", reminders.my_reminders_sent, name="me_reminders_sent"),
    path(
        "people/<int:person_id>/reminders/", reminders.reminders_sent, name="person_reminders_sent"
    ),
    # Practice review (issue 8): teams and workers, for reflective supervision.
    path("practice/", practice.team_review, name="practice"),
    path("practice/export.csv", practice.export_csv, name="practice_export"),
    path(
        "practice/teams/<int:team_id>/cases/<slug:indicator_key>/",
        practice.team_cases,
        name="practice_team_cases",
    ),
    path("practice/workers/<int:worker_id>/", practice.worker_review, name="practice_worker"),
    path(
        "practice/workers/<int:worker_id>/cases/<slug:indicator_key>/",
        practice.worker_cases,
        name="practice_worker_cases",
    ),
    path(
        "practice/workers/<int:worker_id>/supervision/",
        practice.worker_supervision,
        name="practice_worker_supervision",
    ),
    path("practice/me/", practice.my_review, name="practice_me"),
    path(
        "practice/me/cases/<slug:indicator_key>/",
        practice.my_cases,
        name="practice_me_cases",
    ),
    path("practice/me/supervision/", practice.my_supervision, name="practice_me_supervision"),
]
