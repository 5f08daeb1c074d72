"""Small display helpers for the printable record."""

from django import template

register = template.Library()


@register.filter
def words(key: str) -> str:
    """'what_is_wrong' -> 'What is wrong'."""
    text = str(key).replace("_", " ")
    return text[:1].upper() + text[1:]


@register.filter
def is_list_of_items(value) -> bool:
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


@register.filter
def is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}
