"""``{% scroll_region label %}<table>…</table>{% endscroll_region %}``: a table that may scroll sideways.

On a phone a wide table scrolls inside its box (Bootstrap's ``.table-responsive``).
Someone using a keyboard can only scroll it if the box can take focus, and a
screen reader needs to know what the focusable box is (WCAG 2.1.1, axe's
``scrollable-region-focusable``): so the box is a named region in the tab order.
One tag, so every table gets all three.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


class ScrollRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<div class="table-responsive scroll-region" role="region" tabindex="0" '
            'aria-label="{}">{}</div>',
            self.label.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def scroll_region(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("scroll_region takes one argument: the region's name")
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(parser.compile_filter(bits[1]), nodelist)
