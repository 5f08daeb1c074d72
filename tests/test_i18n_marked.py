"""Staff-side templates have every piece of interface text marked for translation.

A scan of the template source: text a reader sees (between tags), the labelling attributes
(aria-label, placeholder, title, alt, a button's value) and the strings handed to an
``{% include ... with label="..." %}`` must sit inside ``{% translate %}`` or
``{% blocktranslate %}``. People's own words come from variables, so they are never flagged.

``unmarked_text(source)`` takes one template's text and ``templates_under(roots, leave_out)``
lists the files to check, so another area's scan can share them with its own list of paths.
"""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

TOKEN = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#}|<!--.*?-->|<[^>]*>)", re.DOTALL)
LETTER = re.compile(r"[A-Za-z]")
ENTITY = re.compile(r"&[a-zA-Z]+;|&#\d+;")
ATTRIBUTE_VALUE = r'"((?:{%.*?%}|{{.*?}}|[^"])*)"'
LABEL_ATTRIBUTE = re.compile(
    r"\b(aria-label|placeholder|title|alt|aria-description)=" + ATTRIBUTE_VALUE
)
BUTTON_VALUE = re.compile(
    r'<input\b[^>]*\btype="(?:submit|button|reset)"[^>]*\bvalue=' + ATTRIBUTE_VALUE
)
OPENS_UNMARKED_ZONE = re.compile(
    r"{%\s*(blocktranslate|blocktrans|comment|verbatim)\b|<(script|style)\b"
)
CLOSES_UNMARKED_ZONE = re.compile(
    r"{%\s*(endblocktranslate|endblocktrans|endcomment|endverbatim)\b|</(script|style)\b"
)
INCLUDE_STRING = re.compile(r'\b([a-z_]+)="([^"]*)"')


def _has_words(text):
    """Text made only of punctuation, numbers or entities (like &middot;) needs no translation."""
    return bool(LETTER.search(ENTITY.sub("", text)))


def _attribute_words(value):
    """What is left of an attribute value once template tags and variables are taken out."""
    return TOKEN.sub("", value)


def unmarked_text(source):
    """The pieces of interface text in one template's source that are not marked for translation."""
    found = []
    zone = False
    for piece in TOKEN.split(source):
        if not piece:
            continue
        if zone:
            if CLOSES_UNMARKED_ZONE.match(piece):
                zone = False
            continue
        if OPENS_UNMARKED_ZONE.match(piece):
            zone = True
            continue
        if piece.startswith(("{#", "<!--", "{{")):
            continue
        if piece.startswith("{%"):
            if re.match(r"{%\s*include\b", piece):
                for name, value in INCLUDE_STRING.findall(piece):
                    if _has_words(value) and not value.endswith(".html"):
                        found.append(f'{name}="{value}"')
            continue
        if piece.startswith("<"):
            for name, value in LABEL_ATTRIBUTE.findall(piece):
                if _has_words(_attribute_words(value)):
                    found.append(f'{name}="{value}"')
            for value in BUTTON_VALUE.findall(piece):
                if _has_words(_attribute_words(value)):
                    found.append(f'value="{value}"')
            continue
        if _has_words(piece):
            found.append(" ".join(piece.split()))
    return found


def templates_under(roots, leave_out=()):
    """Every .html file under the given folders (relative to templates/), less the paths left out."""
    skipped = {TEMPLATES / path for path in leave_out}
    files = []
    for root in roots:
        folder = TEMPLATES / root
        pattern = "*.html" if root.endswith("/") or folder.is_dir() else None
        candidates = sorted(folder.glob(pattern)) if pattern else [folder]
        files.extend(
            path
            for path in candidates
            if path.is_file()
            and path not in skipped
            and not any(path.is_relative_to(s) for s in skipped)
        )
    return files


# Staff pages. Templates a person's own pages (templates/casework/me, templates/strengths/me) include
# are checked with the person-side scan, so they are left out here.
STAFF_FOLDERS = (
    "casework/",
    "casework/alerts/",
    "casework/appointments/",
    "casework/includes/",
    "casework/people/",
    "casework/practice/",
    "casework/record/",
    "casework/reminders/",
    "strengths/",
    "strengths/includes/",
    "strengths/live/",
)
SHARED_WITH_PERSON_PAGES = (
    "casework/appointments/_history.html",
    "casework/appointments/_summary.html",
    "casework/appointments/calendar_link.html",
    "casework/includes/note_edited.html",
    "casework/includes/peer_choice_history.html",
    "casework/people/_profile.html",
    "casework/people/_profile_form.html",
    "casework/people/_profile_history.html",
    "casework/reminders/my_reminders.html",
    "casework/reminders/my_sent.html",
)
STAFF_TEMPLATES = templates_under(STAFF_FOLDERS, SHARED_WITH_PERSON_PAGES)


def test_the_staff_template_list_is_not_empty():
    assert len(STAFF_TEMPLATES) > 50


@pytest.mark.parametrize("path", STAFF_TEMPLATES, ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_staff_template_text_is_marked_for_translation(path):
    assert unmarked_text(path.read_text()) == []


def test_the_scan_finds_unmarked_text_and_passes_marked_text():
    source = (
        '{% load i18n %}<h1>Notes</h1><p>{% translate "Saved" %}</p>'
        "{% blocktranslate with name=person.name %}Hello {{ name }}{% endblocktranslate %}"
        '<nav aria-label="Record"></nav><input type="submit" value="Save">'
        '{% include "x.html" with label="Pages" %}<p>{{ note.text }} &middot; 3</p>'
        "<script>let a = 'words';</script>{# a comment #}"
    )
    assert unmarked_text(source) == [
        "Notes",
        'aria-label="Record"',
        'value="Save"',
        'label="Pages"',
    ]
