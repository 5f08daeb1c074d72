from django.urls import path

from casework.views import accounts, checkins, home, me, people

urlpatterns = [
    path("", home.home, name="home"),
    path("people/<int:person_id>/", people.person_detail, name="person_detail"),
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
    path("accounts/activate/<str:token>/", accounts.activate, name="activate_account"),
    # The person's own space: no record ids, the login is the key.
    path("me/", me.me_home, name="me_home"),
    path("me/who-has-looked/", me.access_log, name="me_access_log"),
    path("me/download/", me.download, name="me_download"),
    path("me/download.json", me.download_json, name="me_download_json"),
    path("me/check-in/", me.check_in, name="me_check_in"),
]
