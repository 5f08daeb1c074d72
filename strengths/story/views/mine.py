"""The person's own goals, strengths, circle and setbacks, under /me/ (no person id).

Each kind is a list with an add form, and an edit page per item. Items are
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
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from casework import access
from casework.access import Can, get_own_person
from strengths.models import Voice
from strengths.story import actions
from strengths.story.forms import (
    GoalForm,
    MyGoalRatingForm,
    MySignificantOtherForm,
    SetbackForm,
    StrengthForm,
)


@dataclass(frozen=True)
class Kind:
    key: str  # URL names: me_<key>, me_<key>_edit, me_<key>_archive
    related: str  # the person's related manager
    form: type
    add: Callable
    update: Callable
    archive: Callable
    title: str
    one: str  # "goal", "strength", ...
    help: str
    add_title: str
    summary: Callable  # item -> (heading, [lines])


def _goal_summary(goal):
    lines = [f"{goal.get_status_display()}. {goal.get_life_area_display()}."]
    if goal.why_it_matters:
        lines.append(f"Why it matters: {goal.why_it_matters}")
    return goal.in_their_words, lines


def _strength_summary(strength):
    lines = [strength.get_life_area_display() + "."]
    if strength.example:
        lines.append(f"For example: {strength.example}")
    return strength.description, lines


def _member_summary(member):
    lines = [f"My choice: {member.get_involvement_display()}."]
    if member.call_in_crisis:
        lines.append("I would call them in a crisis.")
    if member.relationship:
        lines.insert(0, member.relationship)
    if member.how_they_help:
        lines.append(f"How they help: {member.how_they_help}")
    return member.name, lines


def _setback_summary(setback):
    lines = [f"On {setback.happened_on:%-d %B %Y}."]
    if setback.what_helped:
        lines.append(f"What helped: {setback.what_helped}")
    if setback.what_was_learned:
        lines.append(f"What I learned: {setback.what_was_learned}")
    return setback.what_happened, lines


KINDS = {
    "goals": Kind(
        "goals",
        "goals",
        GoalForm,
        lambda user, person, data: actions.add_goal(user, person, **data),
        lambda user, item, data: actions.update_goal(user, item, **data),
        actions.archive_goal,
        "My goals",
        "goal",
        "Goals are things you want for your life, in your own words. You can add a goal, "
        "change it, and say how it is going. Your worker can see them and help.",
        "Add a goal",
        _goal_summary,
    ),
    "strengths": Kind(
        "strengths",
        "strengths",
        StrengthForm,
        lambda user, person, data: actions.add_strength(user, person, **data),
        lambda user, item, data: actions.update_strength(user, item, **data),
        actions.archive_strength,
        "My strengths",
        "strength",
        "Strengths are things you are good at, or good things around you. They help "
        "you reach your goals. You can add them and change them.",
        "Add a strength",
        _strength_summary,
    ),
    "circle": Kind(
        "circle",
        "circle",
        MySignificantOtherForm,
        lambda user, person, data: actions.add_circle_member(user, person, **data),
        lambda user, item, data: actions.update_circle_member(user, item, **data),
        actions.archive_circle_member,
        "My circle of support",
        "person or group",
        "These are the people and groups who support you. You choose how much each one "
        "is involved. You can change your choice at any time.",
        "Add someone to my circle",
        _member_summary,
    ),
    "setbacks": Kind(
        "setbacks",
        "setbacks",
        SetbackForm,
        lambda user, person, data: actions.add_setback(user, person, **data),
        lambda user, item, data: actions.update_setback(user, item, **data),
        actions.archive_setback,
        "My setbacks",
        "setback",
        "A setback is a time when things got hard. It is part of the journey, not a "
        "failure. Writing down what helped and what you learned can help next time.",
        "Add a setback",
        _setback_summary,
    ),
}


def _person(request, kind: Kind):
    return get_own_person(request, what=f"your {kind.title[3:].lower()}")


def _item_id(ids: dict) -> int:
    """The one id argument of the URL (``goal_id``, ``strength_id``, ...)."""
    (value,) = ids.values()
    return value


def _can_archive(item) -> bool:
    return item.created_as == Voice.PERSON


@access.form_page(Can.EDIT_STORY)
def my_list(request, kind_key: str):
    kind = KINDS[kind_key]
    person = _person(request, kind)
    can_write = access.may(request.user, person, Can.EDIT_STORY)
    form = kind.form(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        kind.add(request.user, person, form.cleaned_data)
        messages.success(request, f"Your {kind.one} is added.")
        return redirect(f"me_{kind.key}")
    items = getattr(person, kind.related).active().order_by("-created_at", "-id")
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
    item = get_object_or_404(getattr(person, kind.related).active(), pk=_item_id(ids))
    can_write = access.may(request.user, person, Can.EDIT_STORY)
    # The form works on a copy: a ModelForm writes the posted values into its
    # instance while validating, and the action must see what changed (for
    # example who last set an involvement choice).
    form = kind.form(
        request.POST if request.method == "POST" else None, instance=copy.copy(item), person=person
    )
    if request.method == "POST" and form.is_valid():
        kind.update(request.user, item, form.cleaned_data)
        messages.success(request, f"Your {kind.one} is updated. The earlier version is kept.")
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


@access.action(Can.EDIT_STORY)
def my_archive(request, kind_key: str, **ids):
    kind = KINDS[kind_key]
    person = _person(request, kind)
    # Only what the person wrote themselves; anything else is a 404, like a missing id.
    items = getattr(person, kind.related).active().filter(created_as=Voice.PERSON)
    item = get_object_or_404(items, pk=_item_id(ids))
    kind.archive(request.user, item)
    messages.success(request, f"Your {kind.one} is put away. Your worker can bring it back.")
    return redirect(f"me_{kind.key}")


@access.form_page(Can.EDIT_STORY)
def my_goal_rate(request, goal_id: int):
    person = get_own_person(request, what="your goals")
    goal = get_object_or_404(person.goals.active(), pk=goal_id)
    can_write = access.may(request.user, person, Can.EDIT_STORY)
    form = MyGoalRatingForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        actions.add_rating(request.user, goal, **form.cleaned_data)
        messages.success(request, "Thank you. Your rating is saved.")
        return redirect("me_goals")
    ratings = goal.ratings.filter(voice=Voice.PERSON).order_by("-at", "-id")[:10]
    return render(
        request,
        "strengths/me/rate.html",
        {"person": person, "goal": goal, "form": form, "ratings": ratings, "can_write": can_write},
    )
