"""A goal's own page, and its steps and progress ratings, for the staff who work with the person.

Adding, changing, archiving and restoring a goal are the generic story-kind
views (``strengths.story.views.story``). Steps and ratings belong to a goal and
go back to its page, so they are small explicit views here rather than rows of
the kinds table.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from casework import access
from casework.access import Can, get_person_for
from casework.common.forms import posted
from strengths.story import actions
from strengths.story.charts import progress_chart
from strengths.story.forms import GoalRatingForm, GoalStepForm
from strengths.story.history import goal_versions
from strengths.story.views.common import can_change, change_and_return, story_form


def _goal_context(request, person, goal) -> dict:
    steps = goal.steps.active().select_related(
        "circle_member", "circle_member__involvement_set_by", "strength", "created_by"
    )
    ratings = list(goal.ratings.select_related("rated_by"))
    return {
        "person": person,
        "goal": goal,
        "steps": steps,
        "archived_steps": goal.steps.archived().select_related("archived_by"),
        "ratings": ratings,
        "newest_ratings": ratings[::-1],
        "chart": progress_chart(ratings, person.preferred_name),
        "goal_strengths": goal.strengths.filter(archived_at__isnull=True),
        "goal_setbacks": goal.setbacks.filter(archived_at__isnull=True),
        "can_change": can_change(request.user, person),
    }


def goal_section(request, person, goal, section):
    """One section of the goal's page, re-rendered after an htmx change."""
    goal.refresh_from_db()
    return render(
        request, f"strengths/goal_detail.html#{section}", _goal_context(request, person, goal)
    )


def goal_url(person, goal, section=""):
    url = reverse("strengths:goal_detail", args=[person.pk, goal.pk])
    return f"{url}#{section}-section" if section else url


def _goal(request, person_id, goal_id, *, what="their overview"):
    person = get_person_for(request, person_id, what=what)
    return person, get_object_or_404(person.goals, pk=goal_id)


def _step(request, person_id, goal_id, step_id, *, what="their overview"):
    person, goal = _goal(request, person_id, goal_id, what=what)
    return person, goal, get_object_or_404(goal.steps, pk=step_id)


def goal_history_url(person, goal):
    return reverse("strengths:goal_history", args=[person.pk, goal.pk])


def _goal_form(request, person, goal, form, *, section, title, done, save, offer_again=None):
    """A form on the goal's page (a step, a rating): back to its section when done."""
    return story_form(
        request,
        person,
        form,
        section=section,
        title=title,
        done=done,
        save=save,
        success_url=goal_url(person, goal, section),
        render_section=lambda: goal_section(request, person, goal, section),
        offer_again=offer_again,
    )


@access.reads()
def goal_detail(request, person_id, goal_id):
    person = get_person_for(request, person_id, what="a goal")
    goal = get_object_or_404(person.goals.select_related("created_by"), pk=goal_id)
    return render(request, "strengths/goal_detail.html", _goal_context(request, person, goal))


@access.reads()
def goal_history(request, person_id, goal_id):
    """Every saved version of a goal, like a plan section's history."""
    person, goal = _goal(request, person_id, goal_id, what="a goal (its history)")
    return render(
        request,
        "strengths/goal_history.html",
        {
            "person": person,
            "goal": goal,
            "versions": goal_versions(goal),
            "back_url": goal_url(person, goal),
        },
    )


@access.form_page(Can.EDIT_STORY)
def step_add(request, person_id, goal_id):
    person, goal = _goal(request, person_id, goal_id, what="a goal")
    return _goal_form(
        request,
        person,
        goal,
        GoalStepForm(posted(request), person=person),
        section="steps",
        title=_("Add a step towards this goal"),
        done=_("The step is added."),
        save=lambda data: actions.add_step(request.user, goal, **data),
    )


@access.form_page(Can.EDIT_STORY)
def step_edit(request, person_id, goal_id, step_id):
    person, goal, step = _step(request, person_id, goal_id, step_id, what="a goal")
    form = GoalStepForm(posted(request), instance=step, person=person)
    return _goal_form(
        request,
        person,
        goal,
        form,
        section="steps",
        title=_("Change this step"),
        done=_("The step is updated."),
        save=lambda data: actions.update_step(
            request.user, step, based_on_version=form.based_on_version, **data
        ),
        offer_again=lambda current, initial: GoalStepForm(
            instance=current, initial=initial, person=person
        ),
    )


@access.action(Can.EDIT_STORY)
def step_archive(request, person_id, goal_id, step_id):
    person, goal, step = _step(request, person_id, goal_id, step_id)
    return change_and_return(
        request, actions.archive_step, step, _("The step is archived."), goal_url(person, goal)
    )


@access.action(Can.EDIT_STORY)
def step_restore(request, person_id, goal_id, step_id):
    person, goal, step = _step(request, person_id, goal_id, step_id)
    return change_and_return(
        request, actions.restore_step, step, _("The step is back."), goal_url(person, goal, "steps")
    )


@access.form_page(Can.EDIT_STORY)
def rating_add(request, person_id, goal_id):
    person, goal = _goal(request, person_id, goal_id, what="a goal")
    return _goal_form(
        request,
        person,
        goal,
        GoalRatingForm(posted(request), person=person),
        section="progress",
        title=_("How are things going with this goal?"),
        done=_("Thank you. The rating is added alongside the others."),
        save=lambda data: actions.add_rating(request.user, goal, **data),
    )
