from django.urls import include, path

from casework.views import home, people

urlpatterns = [
    path("", home.home, name="home"),
    path("people/<int:person_id>/", people.person_detail, name="person_detail"),
    # The person's own story (goals, strengths, circle, setbacks, journey).
    path("", include("strengths.urls")),
]
