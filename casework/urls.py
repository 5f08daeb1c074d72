from django.urls import path

from casework.views import home, people

urlpatterns = [
    path("", home.home, name="home"),
    path("people/<int:person_id>/", people.person_detail, name="person_detail"),
]
