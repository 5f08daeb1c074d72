"""Template helpers for the plan pages, shared by the staff side and the person's own side."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_url(context, name="", **kwargs):
    """The URL of a plan page on the side being shown.

    ``{% plan_url "section_edit" section_id=section.pk %}`` gives
    ``/people/<id>/plan/sections/<id>/edit/`` to staff and
    ``/me/plan/sections/<id>/edit/`` to the person.
    """
    side = context["side"]
    url_name = "plan" + (f"_{name}" if name else "")
    if side.mine:
        return reverse(f"me_{url_name}", kwargs=kwargs)
    return reverse(url_name, kwargs={"person_id": side.person_id, **kwargs})


@register.filter
def voice_label(voice, person):
    """The name "Alex" for the person's own voice, "a worker" otherwise."""
    return person.preferred_name if voice == "person" else _("a worker")
