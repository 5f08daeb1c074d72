"""Adding a person, and their profile as staff see and change it."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casework import access
from casework.access import Can, get_person_for
from casework.common.errors import ActionRefused, show_refusal
from casework.common.forms import posted
from casework.people.actions import (
    add_person,
    change_profile,
    possible_duplicates,
    profile_fields_for,
    record_duplicate_check,
)
from casework.people.forms import AddPersonForm, ProfileForm

HISTORY_PAGE_SIZE = 25


def profile_history_page(request, person):
    """One page of ``person``'s profile history, newest first (one query plus the count)."""
    changes = person.profile_changes.select_related("changed_by").order_by("-at", "-id")
    return Paginator(changes, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))


@require_http_methods(["GET", "HEAD", "POST"])
def person_add(request):
    """Intake. Not inside a record: who may add people is ``access.teams_that_may_add_people``."""
    if not access.may_add_people(request.user):
        raise Http404("No such page.")
    form = AddPersonForm(posted(request), user=request.user)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.profile_values()
        if not form.cleaned_data["this_is_someone_new"]:
            duplicates = possible_duplicates(
                form.cleaned_data["team"].organisation,
                preferred_name=data["preferred_name"],
                full_name=data.get("full_name", ""),
                date_of_birth=data.get("date_of_birth"),
                email=data.get("email", ""),
            )
            record_duplicate_check(request.user, duplicates)
        if not duplicates:
            try:
                person = add_person(
                    request.user,
                    team=form.cleaned_data["team"],
                    lead_worker=form.cleaned_data["lead_worker"],
                    **data,
                )
            except ActionRefused as refusal:
                show_refusal(form, refusal)
            else:
                return _after_adding(request, person, form.cleaned_data["lead_worker"])
    if not duplicates:  # the "this is someone else" tick only matters after a warning
        form.fields["this_is_someone_new"].widget = forms.HiddenInput()
    visible = set(
        access.people_visible_to(request.user)
        .filter(pk__in=[p.pk for p in duplicates])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "casework/people/add.html",
        {
            "form": form,
            "duplicates": [{"person": p, "can_open": p.pk in visible} for p in duplicates],
        },
    )


def _after_adding(request, person, lead_worker):
    lead = "you" if lead_worker == request.user else lead_worker.display_name()
    messages.success(
        request,
        _("%(person)s has been added, with %(lead)s as their lead worker.")
        % {"person": person.preferred_name, "lead": lead},
    )
    if access.people_visible_to(request.user).filter(pk=person.pk).exists():
        return redirect("person_detail", person.pk)
    # A team administrator who is not assigned reads no record, even one they added.
    return redirect("person_add")


@access.reads()
def profile(request, person_id):
    person = get_person_for(request, person_id, what="their profile")
    return render(
        request,
        "casework/people/profile.html",
        {
            "person": person,
            "history": profile_history_page(request, person),
            "can_edit": access.may(request.user, person, Can.EDIT_PROFILE),
            "show_email": access.may(request.user, person, Can.MANAGE_ACCOUNT),
        },
    )


@access.form_page(Can.EDIT_PROFILE)
def profile_edit(request, person_id):
    person = get_person_for(request, person_id, what="their profile")
    return edit_profile(
        request,
        person,
        mine=False,
        done_url=reverse("person_profile", args=[person.pk]),
        template="casework/people/profile_edit.html",
    )


def edit_profile(request, person, *, mine: bool, done_url: str, template: str):
    """The profile form, for staff (``mine=False``) and the person themself (``mine=True``).

    If someone else saved the profile meanwhile, nothing is saved: the form keeps
    what this user typed and the page shows what is saved now.
    """
    editable = profile_fields_for(request.user, person)
    if not editable:  # a closed case: the person's page says so, and offers no form
        return render(request, template, {"person": person, "form": None, "cancel_url": done_url})
    form = ProfileForm(posted(request), instance=person, editable=editable, mine=mine)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            changes = change_profile(
                request.user,
                person,
                form.submitted_values(),
                based_on_version=form.cleaned_data["version"],
            )
        except ActionRefused as refusal:
            conflict = True
            person.refresh_from_db()
            data = request.POST.copy()
            data["version"] = person.profile_version
            form = ProfileForm(data, instance=person, editable=editable, mine=mine)
            form.is_valid()
            show_refusal(form, refusal)
        else:
            messages.success(request, _saved_message(changes, person.preferred_name, mine))
            return redirect(done_url)
    return render(
        request,
        template,
        {"person": person, "form": form, "cancel_url": done_url, "conflict": conflict},
    )


def _saved_message(changes, name, mine) -> str:
    if not changes:
        return _("Nothing was changed.")
    what = ", ".join(str(c.label) for c in changes)
    if mine:
        return _("Saved: %(what)s. Your worker will see the change.") % {"what": what}
    return _("Saved: %(what)s. %(name)s will see this change in their record.") % {
        "what": what,
        "name": name,
    }
