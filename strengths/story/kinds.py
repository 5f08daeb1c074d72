"""The kinds of story item a person owns directly: goals, strengths, circle, setbacks.

One table serves both sides. The staff pages (``people/<person_id>/<key>/...``,
``strengths.story.views.story``) and the person's own pages (``me/<key>/...``,
``strengths.story.views.mine``) are generic views that look their kind up here,
and both URL confs are generated from it. A kind says which of the person's
related managers holds its items, which form edits them, which functions in
``strengths.story.actions`` change them, and the words each side shows.

Steps and ratings are not kinds: they belong to a goal, have no /me/ list of
their own, and go back to the goal's page; they stay small explicit views in
``strengths.story.views.goals``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from strengths.story import actions
from strengths.story.forms import (
    GoalForm,
    MySignificantOtherForm,
    SetbackForm,
    SignificantOtherForm,
    StrengthForm,
)


@dataclass(frozen=True)
class StaffWords:
    """What the staff pages say. ``{person}`` and ``{item}`` are filled in with ``format``."""

    name: str  # URL names: strengths:<name>_add, _edit, _archive, _restore
    what: str  # the access log's words for the add form ("their goals")
    what_item: str  # ... and for the edit form of one item ("a goal")
    add_title: str
    edit_title: str
    added: str
    updated: str
    archived: str
    restored: str


@dataclass(frozen=True)
class StoryKind:
    key: str  # the path segment, the /me/ URL names (me_<key>, ...) and the overview section
    related: str  # the person's related manager that holds the items
    id_arg: str  # the URL's id argument: the access matrices fill it by name
    form: type
    add: Callable  # (user, person, **fields)
    update: Callable  # (user, item, **fields)
    archive: Callable  # (user, item)
    restore: Callable  # (user, item)
    staff: StaffWords
    # The person's own pages: strengths/me/*.html read these as kind.title, kind.one, ...
    title: str
    one: str  # "goal", "strength", "person or group", ...
    help: str
    add_title: str
    summary: Callable  # item -> (heading, [lines])
    # A goal has a page of its own (goal_detail): a change made there goes back there.
    has_own_page: bool = False
    # The person's own form, where it offers choices only the person makes.
    my_form: type | None = None

    @property
    def person_form(self) -> type:
        return self.my_form or self.form


def _goal_summary(goal):
    lines = [f"{goal.get_status_display()}. {goal.get_life_area_display()}."]
    if goal.why_it_matters:
        lines.append(gettext("Why it matters: %(words)s") % {"words": goal.why_it_matters})
    return goal.in_their_words, lines


def _strength_summary(strength):
    lines = [strength.get_life_area_display() + "."]
    if strength.example:
        lines.append(gettext("For example: %(words)s") % {"words": strength.example})
    return strength.description, lines


def _member_summary(member):
    lines = [gettext("My choice: %(choice)s.") % {"choice": member.get_involvement_display()}]
    if member.call_in_crisis:
        lines.append(gettext("I would call them in a crisis."))
    if member.choice_recorded_by_someone_else:
        by = (
            member.involvement_set_by.get_short_name()
            if member.involvement_set_by
            else gettext("a worker")
        )
        if member.involvement_said_on:
            lines.append(
                gettext("Recorded by %(name)s, said in the session on %(day)s.")
                % {"name": by, "day": date_format(member.involvement_said_on, "j F Y")}
            )
        else:
            lines.append(gettext("Recorded by %(name)s.") % {"name": by})
    if member.relationship:
        lines.insert(0, member.relationship)
    if member.how_they_help:
        lines.append(gettext("How they help: %(words)s") % {"words": member.how_they_help})
    return member.name, lines


def _setback_summary(setback):
    lines = [gettext("On %(day)s.") % {"day": date_format(setback.happened_on, "j F Y")}]
    if setback.what_helped:
        lines.append(gettext("What helped: %(words)s") % {"words": setback.what_helped})
    if setback.what_was_learned:
        lines.append(gettext("What I learned: %(words)s") % {"words": setback.what_was_learned})
    return setback.what_happened, lines


KINDS = {
    kind.key: kind
    for kind in (
        StoryKind(
            key="goals",
            related="goals",
            id_arg="goal_id",
            form=GoalForm,
            add=actions.add_goal,
            update=actions.update_goal,
            archive=actions.archive_goal,
            restore=actions.restore_goal,
            staff=StaffWords(
                name="goal",
                what="their goals",
                what_item="a goal",
                add_title="Add a goal for {person.preferred_name}",
                edit_title="Change this goal",
                added="The goal is added.",
                updated="The goal is updated. The earlier version is kept.",
                archived="The goal is archived. You can restore it from the archived list.",
                restored="The goal is back.",
            ),
            title=_("My goals"),
            one=_("goal"),
            help=_(
                "Goals are things you want for your life, in your own words. You can add a "
                "goal, change it, and say how it is going. Your worker can see them and help."
            ),
            add_title=_("Add a goal"),
            summary=_goal_summary,
            has_own_page=True,
        ),
        StoryKind(
            key="strengths",
            related="strengths",
            id_arg="strength_id",
            form=StrengthForm,
            add=actions.add_strength,
            update=actions.update_strength,
            archive=actions.archive_strength,
            restore=actions.restore_strength,
            staff=StaffWords(
                name="strength",
                what="their strengths",
                what_item="their strengths",
                add_title="Add a strength {person.preferred_name} has",
                edit_title="Change this strength",
                added="The strength is added.",
                updated="The strength is updated. The earlier version is kept.",
                archived="The strength is archived. Goals that drew on it are unchanged.",
                restored="The strength is back, with its links to goals.",
            ),
            title=_("My strengths"),
            one=_("strength"),
            help=_(
                "Strengths are things you are good at, or good things around you. They help "
                "you reach your goals. You can add them and change them."
            ),
            add_title=_("Add a strength"),
            summary=_strength_summary,
        ),
        StoryKind(
            key="circle",
            related="circle",
            id_arg="member_id",
            form=SignificantOtherForm,
            add=actions.add_circle_member,
            update=actions.update_circle_member,
            archive=actions.archive_circle_member,
            restore=actions.restore_circle_member,
            staff=StaffWords(
                name="member",
                what="their circle of support",
                what_item="their circle of support",
                add_title="Add someone to {person.preferred_name}'s circle of support",
                edit_title="Change the details of {item.name}",
                added="They are added to the circle of support.",
                updated="The details are updated. The earlier version is kept.",
                archived="{item.name} is archived from the circle. You can restore them.",
                restored="{item.name} is back in the circle.",
            ),
            title=_("My circle of support"),
            one=_("person or group"),
            help=_(
                "These are the people and groups who support you. You choose how much each "
                "one is involved. You can change your choice at any time."
            ),
            add_title=_("Add someone to my circle"),
            summary=_member_summary,
            my_form=MySignificantOtherForm,
        ),
        StoryKind(
            key="setbacks",
            related="setbacks",
            id_arg="setback_id",
            form=SetbackForm,
            add=actions.add_setback,
            update=actions.update_setback,
            archive=actions.archive_setback,
            restore=actions.restore_setback,
            staff=StaffWords(
                name="setback",
                what="their setbacks",
                what_item="their setbacks",
                add_title="Record a setback and what was learned",
                edit_title="Change this setback",
                added="The setback is recorded. Goals carry on as they were.",
                updated="The setback is updated. The earlier version is kept.",
                archived="The setback is archived. You can restore it.",
                restored="The setback is back on the timeline.",
            ),
            title=_("My setbacks"),
            one=_("setback"),
            help=_(
                "A setback is a time when things got hard. It is part of the journey, not a "
                "failure. Writing down what helped and what you learned can help next time."
            ),
            add_title=_("Add a setback"),
            summary=_setback_summary,
        ),
    )
}
