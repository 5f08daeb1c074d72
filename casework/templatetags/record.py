"""Display helpers for the printable record: dates in words, plain sentences.

The JSON file keeps ISO timestamps and its own keys (docs/record-export.md);
this page turns the same data into words a person reads: "3 December 2026,
12:00", "Written by a worker.", "Nothing recorded yet.".
"""

import datetime
import re

from django import template
from django.utils import dateformat, timezone

register = template.Library()

NOTHING_YET = "Nothing recorded yet."

_ISO = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)?)?$")

# Facts about an item, said as a sentence ("{}" is the value, a date in words for
# dates). A blank value says nothing: "not put away" needs no line of its own.
SENTENCES = {
    "created_at": "Added on {}.",
    "added_at": "Added on {}.",
    "started_at": "Started on {}.",
    "archived_at": "Put away on {}.",
    "achieved_at": "Achieved on {}.",
    "done_at": "Done on {}.",
    "due_on": "To do by {}.",
    "happened_on": "It happened on {}.",
    "happened_at": "The session was on {}.",
    "session_on": "About the session on {}.",
    "note_of": "About the note of {}.",
    "date": "The note is from {}.",
    "review_due": "The plan is due for review on {}.",
    "review_by": "To be looked at again by {}.",
    "told_on": "I was told on {}.",
    "ended_at": "It ended on {}.",
    "involvement_chosen_at": "I made this choice on {}.",
    "my_view_at": "I wrote my view on {}.",
    "asked_at": "Asked on {}.",
    "answered_at": "Answered on {}.",
    "given_at": "I gave this on {}.",
    "replied_at": "The reply came on {}.",
    "next_contact_on": "The next contact was planned for {}.",
    "at": "On {}.",
    "starts_at": "It starts on {}.",
    "ends_at": "It ends on {}.",
    "moved_from": "It was on {} before.",
    "moved_to": "It moved to {}.",
    "written_by": "Written by {}.",
    "words_by": "The words are by {}.",
    "recorded_by": "Recorded by {}.",
    "answered_by": "Answered by {}.",
    "added_by": "Added by {}.",
    "by": "Written by {}.",
    "minutes": "It lasted {} minutes.",
    "version": "This is version {}.",
    "plan_version": "About version {} of the plan.",
    "how": "How we met: {}.",
    "status": "Where it is now: {}.",
    "life_area": "Part of life: {}.",
    "when": "When: {}.",
    "kind": "What kind: {}.",
    "involvement": "My choice about involving them: {}.",
    "noticed_by": "Who noticed it: {}.",
    "answer": "My answer: {}.",
    "reason": "The reason: {}.",
    "score": "The score: {} out of 10.",
    "felt_listened_to_in_words": "Did I feel listened to? {}.",
    "talked_about_what_matters_in_words": "Did we talk about what matters to me? {}.",
}
# Whose words (the export's Voice labels), said as a sentence.
VOICES = {
    "written_in": {"The person": "In my own words.", "A worker": "Written by a worker."},
    "in_the_voice_of": {"The person": "In my own words.", "A worker": "In a worker's words."},
    "whose_view": {"The person": "My own view.", "A worker": "My worker's view."},
    "who": {
        "The person": "I do this step.",
        "Their worker": "My worker does this step.",
        "Someone from their circle": "Someone from my circle does this step.",
        "Another service": "Another service does this step.",
    },
}
YES_NO = {
    "current": ("This is my current plan.", "This is an earlier plan."),
    "in_the_room": ("I said this in the room with my worker.", ""),
}
# Raw values that the page says in words next to them already.
SAID_ELSEWHERE = {"felt_listened_to", "talked_about_what_matters", "in_words", "status_code"}
LABELS = {
    "in_my_words": "In my words",
    "my_view": "My view",
    "what_i_said": "What I said",
    "added_later": "Added later",
    "text": "The words",
}


@register.filter
def words(key: str) -> str:
    """'what_is_wrong' -> 'What is wrong'."""
    if key in LABELS:
        return LABELS[key]
    text = str(key).replace("_", " ")
    text = re.sub(r"\bi\b", "I", text)
    return text[:1].upper() + text[1:]


@register.filter
def when(value) -> str:
    """An ISO date or timestamp (or a date/datetime) in words, in local time."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        if not _ISO.match(value):
            return value
        value = (
            datetime.date.fromisoformat(value)
            if len(value) == 10
            else datetime.datetime.fromisoformat(value)
        )
    if not isinstance(value, datetime.date):
        return str(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return dateformat.format(value, "j F Y, H:i")
    return dateformat.format(value, "j F Y")


def _is_blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _row(key, value) -> dict | None:
    if key in SAID_ELSEWHERE:
        return None
    if key in VOICES:
        return {"sentence": VOICES[key].get(value, f"{value}.")}
    if key in YES_NO:
        sentence = YES_NO[key][0 if value else 1]
        return {"sentence": sentence} if sentence else None
    if key in SENTENCES:
        return None if _is_blank(value) else {"sentence": SENTENCES[key].format(when(value))}
    if isinstance(value, list) and (not value or isinstance(value[0], dict)):
        return {"label": words(key), "children": value}
    if _is_blank(value):
        return {"label": words(key), "text": NOTHING_YET}
    if isinstance(value, bool):
        return {"label": words(key), "text": "Yes" if value else "No"}
    if isinstance(value, str) and _ISO.match(value):
        return {"label": words(key), "text": when(value)}
    return {"label": words(key), "text": value, "own_words": True}


@register.filter
def plain_rows(item: dict) -> list[dict]:
    """One item of a section as sentences and labelled text, in the file's order."""
    return [row for key, value in item.items() if (row := _row(key, value))]
