"""``{% record_nav person "goals" %}``: the record's sub-navigation (casework/record/navigation.py)."""

from django import template

from casework.record.navigation import record_links

register = template.Library()


@register.inclusion_tag("casework/record/_nav.html", takes_context=True)
def record_nav(context, person, current=""):
    return {"person": person, "links": record_links(context["request"].user, person, current)}
