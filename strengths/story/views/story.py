"""Staff pages for each story kind (goal, strength, circle member, setback).

Add, change, archive and restore, for every kind.

One view per action, driven by the kind's row in ``strengths.story.kinds.KINDS``
(the URL conf passes ``kind_key``). Each view asks ``casework.access`` for the
person with the need it declares, and reaches the item through the person's
related manager, never by bare id.
"""

from django.shortcuts import get_object_or_404

from casework import access
from casework.access import Can, get_person_for
from casework.common.forms import posted
from strengths.story.kinds import KINDS
from strengths.story.views.common import (
    change_and_return,
    overview_section,
    overview_url,
    story_form,
)
from strengths.story.views.goals import goal_history_url, goal_section, goal_url


def _item(person, kind, ids):
    return get_object_or_404(getattr(person, kind.related), pk=ids[kind.id_arg])


def _edit_returns_to(request, kind, person, item):
    """The section a change is made in, its page, and how htmx re-renders the section.

    Only a goal has a page of its own (goal_detail); the rest go back to their
    section of the person's overview.
    """
    if kind.has_own_page:
        return "goal", goal_url(person, item), lambda: goal_section(request, person, item, "goal")
    section = kind.key
    return (
        section,
        overview_url(person, section),
        lambda: overview_section(request, person, section),
    )


@access.form_page(Can.EDIT_STORY)
def add(request, person_id, kind_key):
    kind = KINDS[kind_key]
    person = get_person_for(request, person_id, what=kind.staff.what)
    return story_form(
        request,
        person,
        kind.form(posted(request), person=person, user=request.user),
        section=kind.key,
        title=kind.staff.add_title.format(person=person),
        done=kind.staff.added,
        save=lambda data: kind.add(request.user, person, **data),
        success_url=overview_url(person, kind.key),
        render_section=lambda: overview_section(request, person, kind.key),
    )


@access.form_page(Can.EDIT_STORY)
def edit(request, person_id, kind_key, **ids):
    kind = KINDS[kind_key]
    person = get_person_for(request, person_id, what=kind.staff.what_item)
    item = _item(person, kind, ids)
    # Worded before the form is bound: binding writes the posted values into ``item``.
    title = kind.staff.edit_title.format(person=person, item=item)
    section, success_url, render_section = _edit_returns_to(request, kind, person, item)
    form = kind.form(posted(request), instance=item, person=person, user=request.user)
    return story_form(
        request,
        person,
        form,
        section=section,
        title=title,
        done=kind.staff.updated,
        save=lambda data: kind.update(
            request.user, item, based_on_version=form.based_on_version, **data
        ),
        success_url=success_url,
        render_section=render_section,
        offer_again=lambda current, initial: kind.form(
            instance=current, initial=initial, person=person, user=request.user
        ),
        history_url=goal_history_url(person, item) if kind.has_own_page else "",
    )


def _one_click(request, person_id, kind, ids, change, message, section):
    """Archive or restore one item, then show the overview section where it now is."""
    person = get_person_for(request, person_id)
    item = _item(person, kind, ids)
    message = message.format(item=item)
    url = overview_url(person, section, kind_key=kind.key)
    return change_and_return(request, change, item, message, url)


@access.action(Can.EDIT_STORY)
def archive(request, person_id, kind_key, **ids):
    kind = KINDS[kind_key]
    return _one_click(request, person_id, kind, ids, kind.archive, kind.staff.archived, "archived")


@access.action(Can.EDIT_STORY)
def restore(request, person_id, kind_key, **ids):
    kind = KINDS[kind_key]
    return _one_click(request, person_id, kind, ids, kind.restore, kind.staff.restored, kind.key)
