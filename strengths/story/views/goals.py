"""Goals, their steps and progress ratings, for the staff who work with the person."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from casework import access
from casework.access import Can, get_person_for
from strengths.story import actions
from strengths.story.charts import progress_chart
from strengths.story.forms import GoalForm, GoalRatingForm, GoalStepForm
from strengths.story.views.common import (
    can_change,
    change_and_return,
    overview_section,
    overview_url,
    story_form,
)


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


def _goal_section(request, person, goal, section):
    goal.refresh_from_db()
    return render(
        request, f"strengths/goal_detail.html#{section}", _goal_context(request, person, goal)
    )


def _goal_url(person, goal, section=""):
    url = reverse("strengths:goal_detail", args=[person.pk, goal.pk])
    return f"{url}#{section}-section" if section else url


@access.reads()
def goal_detail(request, person_id, goal_id):
    person = get_person_for(request, person_id, what="a goal")
    goal = get_object_or_404(person.goals.select_related("created_by"), pk=goal_id)
    return render(request, "strengths/goal_detail.html", _goal_context(request, person, goal))


@access.form_page(Can.EDIT_STORY)
def goal_add(request, person_id):
    person = get_person_for(request, person_id, what="their goals")
    form = GoalForm(request.POST or None, person=person)
    return story_form(
        request,
        person,
        form,
        section="goals",
        title=f"Add a goal for {person.preferred_name}",
        done="The goal is added.",
        save=lambda data: actions.add_goal(request.user, person, **data),
        success_url=overview_url(person, "goals"),
        render_section=lambda: overview_section(request, person, "goals"),
    )


@access.form_page(Can.EDIT_STORY)
def goal_edit(request, person_id, goal_id):
    person = get_person_for(request, person_id, what="a goal")
    goal = get_object_or_404(person.goals, pk=goal_id)
    form = GoalForm(request.POST or None, instance=goal, person=person)
    return story_form(
        request,
        person,
        form,
        section="goal",
        title="Change this goal",
        done="The goal is updated. The earlier version is kept.",
        save=lambda data: actions.update_goal(request.user, goal, **data),
        success_url=_goal_url(person, goal),
        render_section=lambda: _goal_section(request, person, goal, "goal"),
    )


@access.action(Can.EDIT_STORY)
def goal_archive(request, person_id, goal_id):
    person = get_person_for(request, person_id)
    goal = get_object_or_404(person.goals, pk=goal_id)
    message = "The goal is archived. You can restore it from the archived list."
    return change_and_return(
        request, actions.archive_goal, goal, message, overview_url(person, "archived")
    )


@access.action(Can.EDIT_STORY)
def goal_restore(request, person_id, goal_id):
    person = get_person_for(request, person_id)
    goal = get_object_or_404(person.goals, pk=goal_id)
    return change_and_return(
        request, actions.restore_goal, goal, "The goal is back.", overview_url(person, "goals")
    )


@access.form_page(Can.EDIT_STORY)
def step_add(request, person_id, goal_id):
    person = get_person_for(request, person_id, what="a goal")
    goal = get_object_or_404(person.goals, pk=goal_id)
    form = GoalStepForm(request.POST or None, person=person)
    return story_form(
        request,
        person,
        form,
        section="steps",
        title="Add a step towards this goal",
        done="The step is added.",
        save=lambda data: actions.add_step(request.user, goal, **data),
        success_url=_goal_url(person, goal, "steps"),
        render_section=lambda: _goal_section(request, person, goal, "steps"),
    )


@access.form_page(Can.EDIT_STORY)
def step_edit(request, person_id, goal_id, step_id):
    person = get_person_for(request, person_id, what="a goal")
    goal = get_object_or_404(person.goals, pk=goal_id)
    step = get_object_or_404(goal.steps, pk=step_id)
    form = GoalStepForm(request.POST or None, instance=step, person=person)
    return story_form(
        request,
        person,
        form,
        section="steps",
        title="Change this step",
        done="The step is updated.",
        save=lambda data: actions.update_step(request.user, step, **data),
        success_url=_goal_url(person, goal, "steps"),
        render_section=lambda: _goal_section(request, person, goal, "steps"),
    )


@access.action(Can.EDIT_STORY)
def step_archive(request, person_id, goal_id, step_id):
    person = get_person_for(request, person_id)
    goal = get_object_or_404(person.goals, pk=goal_id)
    step = get_object_or_404(goal.steps, pk=step_id)
    return change_and_return(
        request, actions.archive_step, step, "The step is archived.", _goal_url(person, goal)
    )


@access.action(Can.EDIT_STORY)
def step_restore(request, person_id, goal_id, step_id):
    person = get_person_for(request, person_id)
    goal = get_object_or_404(person.goals, pk=goal_id)
    step = get_object_or_404(goal.steps, pk=step_id)
    return change_and_return(
        request, actions.restore_step, step, "The step is back.", _goal_url(person, goal, "steps")
    )


@access.form_page(Can.EDIT_STORY)
def rating_add(request, person_id, goal_id):
    person = get_person_for(request, person_id, what="a goal")
    goal = get_object_or_404(person.goals, pk=goal_id)
    form = GoalRatingForm(request.POST or None, person=person)
    return story_form(
        request,
        person,
        form,
        section="progress",
        title="How are things going with this goal?",
        done="Thank you. The rating is added alongside the others.",
        save=lambda data: actions.add_rating(request.user, goal, **data),
        success_url=_goal_url(person, goal, "progress"),
        render_section=lambda: _goal_section(request, person, goal, "progress"),
    )
