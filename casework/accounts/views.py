"""Setting up a person's own login: staff make links, the person uses one."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from casework import access
from casework.access import Can, get_person_for
from casework.accounts.actions import (
    LINK_DOES_NOT_WORK,
    activate_account,
    deactivate_account,
    email_invitation,
    find_usable_invitation,
    invite_person,
    link_goes_only_to_the_person,
    suggest_username,
)
from casework.accounts.forms import ActivationForm, InviteForm
from casework.common.errors import ActionRefused

# Where the link's token waits between opening the link and sending the form,
# as ``INTERNAL_RESET_SESSION_TOKEN`` does in Django's password reset.
ACTIVATION_TOKEN_SESSION_KEY = "_activation_token"


@access.action(Can.MANAGE_ACCOUNT)
@never_cache
def invite(request, person_id):
    person = get_person_for(request, person_id)
    form = InviteForm(request.POST, person=person)
    form.is_valid()
    try:
        invitation, token = invite_person(request.user, person)
    except ActionRefused as refusal:
        # A backstop: MANAGE_ACCOUNT already let only assigned workers in, and this page
        # has no form to show a refusal in, so it stays the 403 it has always been.
        raise PermissionDenied(str(refusal)) from refusal
    link = request.build_absolute_uri(reverse("activate_account", args=[token]))
    private = link_goes_only_to_the_person(person)
    wants_email = private or form.cleaned_data.get("send_email")
    emailed = wants_email and email_invitation(invitation, link)
    return render(
        request,
        "casework/invitation_link.html",
        {
            "person": person,
            "invitation": invitation,
            "link": None if private else link,
            "emailed": emailed,
        },
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
    return redirect("record_account", person_id=person.pk)


def _no_referrer(response):
    # No page of this flow sends a Referer anywhere, even to our own pages.
    response["Referrer-Policy"] = "no-referrer"
    return response


def _link_does_not_work(request):
    response = render(
        request, "registration/activation_invalid.html", {"message": LINK_DOES_NOT_WORK}
    )
    return _no_referrer(response)


@login_not_required
@require_safe
@never_cache
def activate(request, token):
    """Open the link: keep its token in the session and move to a URL without it.

    Django's password-reset pattern (``PasswordResetConfirmView``): the page the
    person fills in never has the token in its URL, so it cannot leak through the
    Referer header, browser history or logs. Opening the link uses nothing up, so
    an email scanner that follows it does not spend it.
    """
    if find_usable_invitation(token) is None:
        return _link_does_not_work(request)
    request.session[ACTIVATION_TOKEN_SESSION_KEY] = token
    return _no_referrer(redirect("activate_account_form"))


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def activate_form(request):
    token = request.session.get(ACTIVATION_TOKEN_SESSION_KEY, "")
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
            request.session.pop(ACTIVATION_TOKEN_SESSION_KEY, None)
            return _link_does_not_work(request)
        if user:
            request.session.pop(ACTIVATION_TOKEN_SESSION_KEY, None)
            # Signs this browser in with the login's new session salt: every
            # other sign-in as the person has just ended (activate_account).
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("You are signed in. This is your own space."))
            return redirect("home")
    # The site's same-origin Referrer-Policy, not no-referrer: with no-referrer the
    # browser posts the form with "Origin: null" and the CSRF check refuses it. The
    # URL holds no token any more, so there is nothing to leak.
    return render(
        request,
        "registration/activate.html",
        {"form": form, "person": person, "existing_user": person.user},
    )
