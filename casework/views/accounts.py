"""Setting up a person's own login: staff make links, the person uses one."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from casework import access
from casework.access import Can, get_person_for
from casework.account_forms import ActivationForm, InviteForm
from casework.accounts import (
    LINK_DOES_NOT_WORK,
    activate_account,
    deactivate_account,
    email_invitation,
    find_usable_invitation,
    invite_person,
    suggest_username,
)


@access.action(Can.MANAGE_ACCOUNT)
@never_cache
def invite(request, person_id):
    person = get_person_for(request, person_id)
    form = InviteForm(request.POST, person=person)
    form.is_valid()
    invitation, token = invite_person(request.user, person)
    link = request.build_absolute_uri(reverse("activate_account", args=[token]))
    emailed = form.cleaned_data.get("send_email") and email_invitation(invitation, link)
    return render(
        request,
        "casework/invitation_link.html",
        {"person": person, "invitation": invitation, "link": link, "emailed": emailed},
    )


@access.action(Can.MANAGE_ACCOUNT)
def deactivate(request, person_id):
    person = get_person_for(request, person_id)
    if deactivate_account(request.user, person):
        messages.success(
            request,
            f"{person.preferred_name}'s account is switched off. Their record stays. "
            "To switch it back on, make a new link.",
        )
    return redirect("person_detail", person_id=person.pk)


def _link_does_not_work(request):
    return render(request, "registration/activation_invalid.html", {"message": LINK_DOES_NOT_WORK})


@login_not_required
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def activate(request, token):
    invitation = find_usable_invitation(token)
    if invitation is None:
        return _link_does_not_work(request)
    person = invitation.person
    initial = {} if person.user_id else {"username": suggest_username(person)}
    data = request.POST if request.method == "POST" else None
    form = ActivationForm(data, person=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = activate_account(
                token,
                username=form.cleaned_data.get("username", ""),
                password=form.cleaned_data["new_password1"],
            )
        except IntegrityError:
            form.add_error("username", "Someone already has that username. Please choose another.")
            user = False
        if user is None:
            return _link_does_not_work(request)
        if user:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "You are signed in. This is your own space.")
            return redirect("home")
    return render(
        request,
        "registration/activate.html",
        {"form": form, "person": person, "existing_user": person.user},
    )
