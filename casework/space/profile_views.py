"""The person's own profile under /me/: read it, its history, and change their own fields."""

from django.shortcuts import render
from django.urls import reverse

from casework import access
from casework.access import Can, get_own_person
from casework.people.views import edit_profile, profile_history_page


@access.reads()
def my_profile(request):
    person = get_own_person(request, what="your profile")
    return render(
        request,
        "casework/me/profile.html",
        {
            "person": person,
            "history": profile_history_page(request, person),
            "can_edit": access.may(request.user, person, Can.EDIT_MY_PROFILE),
        },
    )


@access.form_page(Can.EDIT_MY_PROFILE)
def my_profile_edit(request):
    person = get_own_person(request, what="your profile")
    return edit_profile(
        request,
        person,
        mine=True,
        done_url=reverse("me_profile"),
        template="casework/me/profile_edit.html",
    )
