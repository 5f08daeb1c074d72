"""The language switcher's choices: each language named in itself ("English", "Cymraeg").

Django's ``get_available_languages`` translates the names into the current
language ("Saesneg" on a Welsh page), which is no help to someone looking for
their own language.
"""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def language_choices():
    return list(settings.LANGUAGES)
