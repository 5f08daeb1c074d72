"""Appointment URLs: the staff side through the person, the diary, /me/, and the calendar feed."""

from django.urls import path

from casework.appointments import me_views, views

A = "people/<int:person_id>/appointments/<int:appointment_id>/"

urlpatterns = [
    path(
        "people/<int:person_id>/appointments/",
        views.appointment_list,
        name="appointment_list",
    ),
    path(
        "people/<int:person_id>/appointments/book/",
        views.appointment_book,
        name="appointment_book",
    ),
    path(A, views.appointment_detail, name="appointment_detail"),
    path(f"{A}move/", views.appointment_move, name="appointment_move"),
    path(f"{A}cancel/", views.appointment_cancel, name="appointment_cancel"),
    path(f"{A}what-happened/", views.appointment_outcome, name="appointment_outcome"),
    path(
        f"{A}requests/<int:request_id>/answer/",
        views.rearrange_answer,
        name="rearrange_answer",
    ),
    path(f"{A}calendar.ics", views.appointment_ics, name="appointment_ics"),
    path("diary/", views.diary, name="diary"),
    path("diary/calendar-link/", views.diary_calendar, name="diary_calendar"),
    # Opened by a calendar app with no session: the token is the key (views.calendar_feed).
    path("calendar/<str:feed_token>.ics", views.calendar_feed, name="calendar_feed"),
    path("me/appointments/", me_views.my_appointments, name="me_appointments"),
    path(
        "me/appointments/calendar-link/",
        me_views.my_calendar_link,
        name="me_calendar_link",
    ),
    path(
        "me/appointments/<int:appointment_id>/",
        me_views.my_appointment,
        name="me_appointment",
    ),
    path(
        "me/appointments/<int:appointment_id>/cant-make-it/",
        me_views.my_appointment_ask,
        name="me_appointment_ask",
    ),
    path(
        "me/appointments/<int:appointment_id>/calendar.ics",
        me_views.my_appointment_ics,
        name="me_appointment_ics",
    ),
]
