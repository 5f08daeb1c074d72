"""The project's form renderer: long text is counted in the page, never cut by the browser.

Django gives every text field with a ``max_length`` a ``maxlength`` attribute, and a
browser then silently drops whatever is pasted past it: a worker pasting 20,000
characters into a note would save only the first 10,000, with no sign anything was
lost. This renderer moves that limit to ``data-limit`` on long text (every
``<textarea>``, and single-line fields allowed ``LONG_TEXT`` characters or more),
where ``static/js/char-count.js`` shows a live count and says plainly when the text
is too long. The server still refuses over-long text with a field error, and the
whole text stays in the form to be shortened. Short fields (names, codes) keep
``maxlength``: nobody loses a paragraph to it.

One renderer rather than a line in every form: a new form cannot forget it.
"""

from django.forms.renderers import DjangoTemplates

LONG_TEXT = 200


def _is_long_text(widget: dict, limit) -> bool:
    if widget.get("template_name", "").endswith("/textarea.html"):
        return True
    return widget.get("type") in ("text", "search", "email", "url") and int(limit) >= LONG_TEXT


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if context else None
        attrs = widget.get("attrs") if isinstance(widget, dict) else None
        if attrs and "maxlength" in attrs and _is_long_text(widget, attrs["maxlength"]):
            attrs = dict(attrs)
            attrs["data-limit"] = attrs.pop("maxlength")
            context = {**context, "widget": {**widget, "attrs": attrs}}
        return super().render(template_name, context, request)
