"""The person's own goals, strengths, circle and setbacks, under /me/ (no person id).

Each kind (a row of ``strengths.story.kinds.KINDS``, shared with the staff
pages) is a list with an add form, and an edit page per item. Items are
reached through ``get_own_person(request)`` and its related manager, never by
bare id. Changes go through ``strengths.story.actions``, which stamp the person's own
voice because the acting login is theirs, keep history and log the change.

**Archiving (decision):** the person may archive what they wrote themselves
(``created_as`` is the person's voice). Items a worker wrote, or that were
written together, they can change in their own words but not archive: that
is a conversation with their worker, and the worker's overview has the
archive button. Nothing is ever deleted.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from casework import access
from casework.access import Can, get_own_person
from casework.common.concurrency import EditConflict, conflict_response
from casework.common.errors import ActionRefused, show_refusal
from strengths.models import Voice
from strengths.story import actions
from strengths.story.forms import MyGoalRatingForm
from strengths.story.history import goal_versions
from strengths.story.kinds import KINDS, StoryKind


def _person(request, kind: StoryKind):
    return get_own_person(request, what=f"your {kind.title[3:].lower()}")


def _can_archive(item) -> bool:
    return item.created_as == Voice.PERSON


@access.form_page(Can.EDIT_STORY)
def my_list(request, kind_key: str):
    kind = KINDS[kind_key]
    person = _person(request, kind)
    can_write = access.may(request.user, person, Can.EDIT_STORY)
    form = kind.person_form(
        request.POST if request.method == "POST" else None, person=person, mine=True
    )
    if request.method == "POST" and form.is_valid():
        kind.add(request.user, person, **form.cleaned_data)
        messages.success(request, _("Your %(what)s is added.") % {"what": kind.one})
        return redirect(f"me_{kind.key}")
    items = getattr(person, kind.related).active().order_by("-created_at", "-id")
    if kind.key == "circle":
        items = items.select_related("involvement_set_by")  # "recorded by ..." in the summary
    entries = []
    for item in items:
        heading, lines = kind.summary(item)
        entries.append({"item": item, "heading": heading, "lines": lines})
    return render(
        request,
        "strengths/me/list.html",
        {"person": person, "kind": kind, "entries": entries, "form": form, "can_write": can_write},
    )


@access.form_page(Can.EDIT_STORY)
def my_edit(request, kind_key: str, **ids):
    kind = KINDS[kind_key]
    person = _person(request, kind)
    item = get_object_or_404(getattr(person, kind.related).active(), pk=ids[kind.id_arg])
    can_write = access.may(request.user, person, Can.EDIT_STORY)
    # The form works on a copy: a ModelForm writes the posted values into its
    # instance while validating, and the action must see what changed (for
    # example who last set an involvement choice).
    form = kind.person_form(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(item),
        person=person,
        mine=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            kind.update(
                request.user, item, based_on_version=form.based_on_version, **form.cleaned_data
            )
        except EditConflict as conflict:
            return _my_conflict(request, kind, person, form, conflict)
        except ActionRefused as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _("Your %(what)s is updated. The earlier version is kept.") % {"what": kind.one},
            )
            return redirect(f"me_{kind.key}")
    return render(
        request,
        "strengths/me/edit.html",
        {
            "person": person,
            "kind": kind,
            "item": item,
            "form": form,
            "can_write": can_write,
            "can_archive": can_write and _can_archive(item),
        },
    )


def _my_conflict(request, kind, person, form, conflict):
    """Someone (a worker, or the person on another device) saved this since the form opened."""
    current = conflict.current()
    return conflict_response(
        request,
        form,
        current,
        offer=lambda initial: kind.person_form(
            instance=current, initial=initial, person=person, mine=True
        ),
        what=_("your %(what)s “%(item)s”") % {"what": kind.one, "item": current},
        saved_by=current.updated_by,
        saved_at=current.updated_at,
        action_url=request.path,
        cancel_url=reverse(f"me_{kind.key}"),
        person=person,
        history_url=reverse("me_goal_history", args=[current.pk]) if kind.has_own_page else "",
    )


@access.action(Can.EDIT_STORY)
def my_archive(request, kind_key: str, **ids):
    kind = KINDS[kind_key]
    person = _person(request, kind)
    # Only what the person wrote themselves; anything else is a 404, like a missing id.
    items = getattr(person, kind.related).active().filter(created_as=Voice.PERSON)
    item = get_object_or_404(items, pk=ids[kind.id_arg])
    kind.archive(request.user, item)
    messages.success(
        request, _("Your %(what)s is put away. Your worker can bring it back.") % {"what": kind.one}
    )
    return redirect(f"me_{kind.key}")


@access.reads()
def my_goal_history(request, goal_id: int):
    """Every saved version of one of my goals: who changed it, when, in whose words."""
    person = get_own_person(request, what="your goals (a goal's history)")
    goal = get_object_or_404(person.goals, pk=goal_id)
    return render(
        request,
        "strengths/goal_history.html",
        {
            "person": person,
            "goal": goal,
            "versions": goal_versions(goal),
            "mine": True,
            "back_url": reverse("me_goals_edit", args=[goal.pk])
            if goal.archived_at is None
            else reverse("me_goals"),
        },
    )


@access.form_page(Can.EDIT_STORY)
def my_goal_rate(request, goal_id: int):
    person = get_own_person(request, what="your goals")
    goal = get_object_or_404(person.goals.active(), pk=goal_id)
    can_write = access.may(request.user, person, Can.EDIT_STORY)
    form = MyGoalRatingForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        actions.add_rating(request.user, goal, **form.cleaned_data)
        messages.success(request, _("Thank you. Your rating is saved."))
        return redirect("me_goals")
    ratings = goal.ratings.filter(voice=Voice.PERSON).order_by("-at", "-id")[:10]
    return render(
        request,
        "strengths/me/rate.html",
        {"person": person, "goal": goal, "form": form, "ratings": ratings, "can_write": can_write},
    )


@access.action(Can.CHOOSE_CIRCLE_INVOLVEMENT)
def my_circle_undo_choice(request, member_id: int):
    """One click: put back the choice the person had before a worker recorded a new one."""
    person = get_own_person(request, what="your circle of support")
    member = get_object_or_404(person.circle.active(), pk=member_id)
    try:
        actions.undo_recorded_involvement(request.user, member)
    except ActionRefused as error:
        messages.info(request, str(error))
    else:
        messages.success(
            request,
            _("Done. Your choice for %(name)s is back to “%(choice)s”. Your worker will see this.")
            % {"name": member.name, "choice": member.get_involvement_display()},
        )
    return redirect("me_circle")
