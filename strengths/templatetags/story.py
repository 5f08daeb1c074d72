"""Display helpers for the person's story: authorship in plain words."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

from strengths.models import Voice

register = template.Library()


def _name(user):
    return user.get_short_name() or user.username if user else "a worker"


@register.simple_tag
def written_by(item, person) -> str:
    """“In Erin's words” or “Written by Alice with Erin”."""
    if item.created_as == Voice.PERSON:
        return f"In {person.preferred_name}'s words"
    return f"Written by {_name(item.created_by)} with {person.preferred_name}"


@register.simple_tag
def choice_recorded(member, person) -> str:
    """Who recorded a circle member's involvement choice, and when."""
    when = date_format(timezone.localtime(member.involvement_set_at), "j F Y")
    if member.involvement_set_as == Voice.PERSON:
        return f"{person.preferred_name}'s choice, set by them on {when}"
    by = _name(member.involvement_set_by)
    if member.involvement_said_on:
        said = date_format(member.involvement_said_on, "j F Y")
        return f"{person.preferred_name}'s choice, recorded by {by}, said in the session on {said}"
    return f"{person.preferred_name}'s choice, recorded by {by} on {when}"


@register.simple_tag
def voice_label(voice, person) -> str:
    return f"{person.preferred_name}'s view" if voice == Voice.PERSON else "Worker's view"
