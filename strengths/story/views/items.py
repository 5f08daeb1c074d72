"""Strengths, the circle of support and setbacks: add, change, archive, restore."""

from django.shortcuts import get_object_or_404

from casework import access
from casework.access import Can, get_person_for
from strengths.story import actions
from strengths.story.forms import SetbackForm, SignificantOtherForm, StrengthForm
from strengths.story.views.common import (
    change_and_return,
    overview_section,
    overview_url,
    story_form,
)


def _form(request, person, form, *, section, title, done, save):
    return story_form(
        request,
        person,
        form,
        section=section,
        title=title,
        done=done,
        save=save,
        success_url=overview_url(person, section),
        render_section=lambda: overview_section(request, person, section),
    )


# Strengths -----------------------------------------------------------------


@access.form_page(Can.EDIT_STORY)
def strength_add(request, person_id):
    person = get_person_for(request, person_id, what="their strengths")
    form = StrengthForm(request.POST or None, person=person)
    return _form(
        request,
        person,
        form,
        section="strengths",
        title=f"Add a strength {person.preferred_name} has",
        done="The strength is added.",
        save=lambda data: actions.add_strength(request.user, person, **data),
    )


@access.form_page(Can.EDIT_STORY)
def strength_edit(request, person_id, strength_id):
    person = get_person_for(request, person_id, what="their strengths")
    strength = get_object_or_404(person.strengths, pk=strength_id)
    form = StrengthForm(request.POST or None, instance=strength, person=person)
    return _form(
        request,
        person,
        form,
        section="strengths",
        title="Change this strength",
        done="The strength is updated. The earlier version is kept.",
        save=lambda data: actions.update_strength(request.user, strength, **data),
    )


@access.action(Can.EDIT_STORY)
def strength_archive(request, person_id, strength_id):
    person = get_person_for(request, person_id)
    strength = get_object_or_404(person.strengths, pk=strength_id)
    message = "The strength is archived. Goals that drew on it are unchanged."
    return change_and_return(
        request, actions.archive_strength, strength, message, overview_url(person, "archived")
    )


@access.action(Can.EDIT_STORY)
def strength_restore(request, person_id, strength_id):
    person = get_person_for(request, person_id)
    strength = get_object_or_404(person.strengths, pk=strength_id)
    return change_and_return(
        request,
        actions.restore_strength,
        strength,
        "The strength is back, with its links to goals.",
        overview_url(person, "strengths"),
    )


# Circle of support ---------------------------------------------------------


@access.form_page(Can.EDIT_STORY)
def member_add(request, person_id):
    person = get_person_for(request, person_id, what="their circle of support")
    form = SignificantOtherForm(request.POST or None, person=person)
    return _form(
        request,
        person,
        form,
        section="circle",
        title=f"Add someone to {person.preferred_name}'s circle of support",
        done="They are added to the circle of support.",
        save=lambda data: actions.add_circle_member(request.user, person, **data),
    )


@access.form_page(Can.EDIT_STORY)
def member_edit(request, person_id, member_id):
    person = get_person_for(request, person_id, what="their circle of support")
    member = get_object_or_404(person.circle, pk=member_id)
    form = SignificantOtherForm(request.POST or None, instance=member, person=person)
    return _form(
        request,
        person,
        form,
        section="circle",
        title=f"Change the details of {member.name}",
        done="The details are updated. The earlier version is kept.",
        save=lambda data: actions.update_circle_member(request.user, member, **data),
    )


@access.action(Can.EDIT_STORY)
def member_archive(request, person_id, member_id):
    person = get_person_for(request, person_id)
    member = get_object_or_404(person.circle, pk=member_id)
    return change_and_return(
        request,
        actions.archive_circle_member,
        member,
        f"{member.name} is archived from the circle. You can restore them.",
        overview_url(person, "archived"),
    )


@access.action(Can.EDIT_STORY)
def member_restore(request, person_id, member_id):
    person = get_person_for(request, person_id)
    member = get_object_or_404(person.circle, pk=member_id)
    return change_and_return(
        request,
        actions.restore_circle_member,
        member,
        f"{member.name} is back in the circle.",
        overview_url(person, "circle"),
    )


# Setbacks ------------------------------------------------------------------


@access.form_page(Can.EDIT_STORY)
def setback_add(request, person_id):
    person = get_person_for(request, person_id, what="their setbacks")
    form = SetbackForm(request.POST or None, person=person)
    return _form(
        request,
        person,
        form,
        section="setbacks",
        title="Record a setback and what was learned",
        done="The setback is recorded. Goals carry on as they were.",
        save=lambda data: actions.add_setback(request.user, person, **data),
    )


@access.form_page(Can.EDIT_STORY)
def setback_edit(request, person_id, setback_id):
    person = get_person_for(request, person_id, what="their setbacks")
    setback = get_object_or_404(person.setbacks, pk=setback_id)
    form = SetbackForm(request.POST or None, instance=setback, person=person)
    return _form(
        request,
        person,
        form,
        section="setbacks",
        title="Change this setback",
        done="The setback is updated. The earlier version is kept.",
        save=lambda data: actions.update_setback(request.user, setback, **data),
    )


@access.action(Can.EDIT_STORY)
def setback_archive(request, person_id, setback_id):
    person = get_person_for(request, person_id)
    setback = get_object_or_404(person.setbacks, pk=setback_id)
    return change_and_return(
        request,
        actions.archive_setback,
        setback,
        "The setback is archived. You can restore it.",
        overview_url(person, "archived"),
    )


@access.action(Can.EDIT_STORY)
def setback_restore(request, person_id, setback_id):
    person = get_person_for(request, person_id)
    setback = get_object_or_404(person.setbacks, pk=setback_id)
    return change_and_return(
        request,
        actions.restore_setback,
        setback,
        "The setback is back on the timeline.",
        overview_url(person, "setbacks"),
    )
