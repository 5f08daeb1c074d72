from django.urls import path

from casework.views import alerts, home, people

urlpatterns = [
    path("", home.home, name="home"),
    path("people/<int:person_id>/", people.person_detail, name="person_detail"),
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
    path("me/alerts/", alerts.my_alerts, name="my_alerts"),
    path("me/alerts/<int:alert_id>/respond/", alerts.my_alert_respond, name="my_alert_respond"),
]
