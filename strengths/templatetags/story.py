"""Display helpers for the person's story: authorship in plain words."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from strengths.models import Voice

register = template.Library()


def _name(user):
    return user.get_short_name() or user.username if user else _("a worker")


@register.simple_tag
def written_by(item, person) -> str:
    """“In Erin's words” or “Written by Alice with Erin”."""
    if item.created_as == Voice.PERSON:
        return _("In %(person)s's words") % {"person": person.preferred_name}
    return _("Written by %(worker)s with %(person)s") % {
        "worker": _name(item.created_by),
        "person": person.preferred_name,
    }


@register.simple_tag
def choice_recorded(member, person) -> str:
    """Who recorded a circle member's involvement choice, and when."""
    when = date_format(timezone.localtime(member.involvement_set_at), "j F Y")
    if member.involvement_set_as == Voice.PERSON:
        return _("%(person)s's choice, set by them on %(when)s") % {
            "person": person.preferred_name,
            "when": when,
        }
    by = _name(member.involvement_set_by)
    if member.involvement_said_on:
        said = date_format(member.involvement_said_on, "j F Y")
        return _("%(person)s's choice, recorded by %(by)s, said in the session on %(said)s") % {
            "person": person.preferred_name,
            "by": by,
            "said": said,
        }
    return _("%(person)s's choice, recorded by %(by)s on %(when)s") % {
        "person": person.preferred_name,
        "by": by,
        "when": when,
    }


@register.simple_tag
def voice_label(voice, person) -> str:
    if voice == Voice.PERSON:
        return _("%(person)s's view") % {"person": person.preferred_name}
    return _("Worker's view")
