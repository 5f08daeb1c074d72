"""Text people wrote gets ``dir="auto"``, so right-to-left words read the right way round.

A line-based scan of every template: an output of a user-written field
(``{{ note.talked_about }}``, ``{{ goal.in_their_words|truncatechars:80 }}``...)
must sit inside an element opened on the same line with ``dir="auto"``, for
example ``<div dir="auto">{{ note.talked_about|linebreaks }}</div>`` or
``<span dir="auto">“{{ goal.in_their_words }}”</span>``. A new template that
shows a user-written field is covered without being listed here. Outputs in
attributes, the page title and visually hidden text are not checked: the
browser sets no direction there.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Fields people write, by their last name in the template variable.
USER_TEXT_FIELDS = {
    # session notes, addenda, the person's view, corrections, feedback
    "talked_about",
    "going_well",
    "next_steps",
    "person_view",
    "text",
    "what_is_wrong",
    "what_it_should_say",
    "response",
    "comment",
    # goals, steps, strengths, about me, the circle, setbacks
    "in_their_words",
    "why_it_matters",
    "what",
    "description",
    "example",
    "about_me",
    "relationship",
    "how_they_help",
    "what_is_hard",
    "contact_details",
    "what_happened",
    "early_signs",
    "what_helped",
    "what_was_learned",
    "next_time",
    # the plan, differences, agreements
    "heading",
    "text_then",
    "wording",
    "detail",
    "note",
    # check-ins and alert responses
    "words",
    "reply",
    "what_i_said",
    # appointments: where, what for, what happened, requests to rearrange and answers
    "place",
    "purpose",
    "outcome_person_words",
    "outcome_worker_words",
    "answer_text",
}
USER_TEXT_EXPRESSIONS = {
    "member.name",
    "other.name",
    "circle_member.name",
    "change.reason",
    "asked.reason",
}
# Same field names, our own words: page headings, figures, the access log's sentences.
NOT_USER_TEXT = {"row.now.text", "row.before.text", "entry.text", "change.text", "link.description"}

OUTPUT = re.compile(r"\{\{\s*([\w.]+)([^}]*)\}\}")
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr"}


def _is_user_text(expression: str) -> bool:
    if expression in NOT_USER_TEXT or "." not in expression:
        return False
    last = expression.rsplit(".", 1)[1]
    return last in USER_TEXT_FIELDS or any(expression.endswith(e) for e in USER_TEXT_EXPRESSIONS)


def _open_elements(before: str) -> list[tuple[str, str]]:
    """The elements still open at the end of ``before`` (one line), as (name, attributes)."""
    stack = []
    for closing, name, attrs in TAG.findall(before):
        name = name.lower()
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
        elif name not in VOID and not attrs.rstrip().endswith("/"):
            stack.append((name, attrs))
    return stack


def missing_dir_auto(source: str) -> list[tuple[int, str]]:
    """(line number, output) for each user-text output not inside a dir="auto" element."""
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        for match in OUTPUT.finditer(line):
            if not _is_user_text(match.group(1)):
                continue
            before = line[: match.start()]
            if before.rfind("<") > before.rfind(">"):  # inside a tag: an attribute
                continue
            if "{% block title %}" in before and "{% endblock %}" not in before:
                continue
            opened = _open_elements(before)
            if any("visually-hidden" in attrs for _, attrs in opened):
                continue
            if not any('dir="auto"' in attrs for _, attrs in opened):
                found.append((number, match.group(0)))
    return found


def test_the_scan_sees_covered_and_uncovered_outputs():
    assert missing_dir_auto('<p dir="auto">{{ note.talked_about }}</p>') == []
    assert missing_dir_auto('<div dir="auto"><p>{{ note.talked_about|linebreaks }}</p></div>') == []
    assert missing_dir_auto('<p>Said: <span dir="auto">“{{ c.words }}”</span></p>') == []
    assert missing_dir_auto('<p dir="auto">x</p><p>{{ note.talked_about }}</p>') == [
        (1, "{{ note.talked_about }}")
    ]
    assert missing_dir_auto("{{ note.next_steps|linebreaks }}") == [
        (1, "{{ note.next_steps|linebreaks }}")
    ]
    assert missing_dir_auto('<a aria-label="{{ goal.in_their_words }}">x</a>') == []
    assert missing_dir_auto("{% block title %}{{ section.heading }}{% endblock %}") == []
    assert missing_dir_auto("<p>{{ person.preferred_name }} {{ row.now.text }}</p>") == []


TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_user_text_has_dir_auto(template):
    assert missing_dir_auto(template.read_text()) == []
