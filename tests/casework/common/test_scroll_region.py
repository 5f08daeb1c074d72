"""``{% scroll_region %}``: a table that scrolls sideways on a phone is a focusable, named region."""

from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def _render(source, **context):
    return Template("{% load scroll_region %}" + source).render(Context(context))


def test_it_wraps_the_table_in_a_named_focusable_region():
    html = _render('{% scroll_region _("Every rating") %}<table></table>{% endscroll_region %}')
    assert html == (
        '<div class="table-responsive scroll-region" role="region" tabindex="0" '
        'aria-label="Every rating"><table></table></div>'
    )


def test_the_name_is_escaped():
    html = _render("{% scroll_region name %}x{% endscroll_region %}", name='<b>"A&B"</b>')
    assert 'aria-label="&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"' in html


def test_it_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        _render("{% scroll_region %}x{% endscroll_region %}")


def test_no_table_scrolls_without_it():
    """Every sideways-scrolling box in the templates comes from the tag, never by hand."""
    by_hand = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "table-responsive" in path.read_text()
    ]
    assert not by_hand
