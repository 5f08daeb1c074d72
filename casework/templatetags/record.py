"""Display helpers for the printable record: dates in words, plain sentences.

The JSON file keeps ISO timestamps and its own keys (docs/record-export.md);
this page turns the same data into words a person reads: "3 December 2026,
12:00", "Written by a worker.", "Nothing recorded yet.".
"""

import datetime
import re

from django import template
from django.utils import dateformat, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

register = template.Library()

NOTHING_YET = _("Nothing recorded yet.")

_ISO = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)?)?$")

# Facts about an item, said as a sentence ("{}" is the value, a date in words for
# dates). A blank value says nothing: "not put away" needs no line of its own.
SENTENCES = {
    "created_at": _("Added on {}."),
    "added_at": _("Added on {}."),
    "started_at": _("Started on {}."),
    "archived_at": _("Put away on {}."),
    "achieved_at": _("Achieved on {}."),
    "done_at": _("Done on {}."),
    "due_on": _("To do by {}."),
    "happened_on": _("It happened on {}."),
    "happened_at": _("The session was on {}."),
    "session_on": _("About the session on {}."),
    "note_of": _("About the note of {}."),
    "date": _("The note is from {}."),
    "review_due": _("The plan is due for review on {}."),
    "review_by": _("To be looked at again by {}."),
    "told_on": _("I was told on {}."),
    "ended_at": _("It ended on {}."),
    "involvement_chosen_at": _("I made this choice on {}."),
    "my_view_at": _("I wrote my view on {}."),
    "asked_at": _("Asked on {}."),
    "answered_at": _("Answered on {}."),
    "given_at": _("I gave this on {}."),
    "replied_at": _("The reply came on {}."),
    "next_contact_on": _("The next contact was planned for {}."),
    "at": _("On {}."),
    "starts_at": _("It starts on {}."),
    "ends_at": _("It ends on {}."),
    "moved_from": _("It was on {} before."),
    "moved_to": _("It moved to {}."),
    "written_by": _("Written by {}."),
    "words_by": _("The words are by {}."),
    "recorded_by": _("Recorded by {}."),
    "answered_by": _("Answered by {}."),
    "added_by": _("Added by {}."),
    "by": _("Written by {}."),
    "minutes": _("It lasted {} minutes."),
    "version": _("This is version {}."),
    "plan_version": _("About version {} of the plan."),
    "how": _("How we met: {}."),
    "status": _("Where it is now: {}."),
    "life_area": _("Part of life: {}."),
    "when": _("When: {}."),
    "kind": _("What kind: {}."),
    "involvement": _("My choice about involving them: {}."),
    "noticed_by": _("Who noticed it: {}."),
    "answer": _("My answer: {}."),
    "reason": _("The reason: {}."),
    "score": _("The score: {} out of 10."),
    "felt_listened_to_in_words": _("Did I feel listened to? {}."),
    "talked_about_what_matters_in_words": _("Did we talk about what matters to me? {}."),
}


# Whose words (the export's Voice labels), said as a sentence.
def _voices() -> dict:
    """Keyed by the labels in the page's language, so built when a page is rendered."""
    return {
        "written_in": {
            gettext("The person"): gettext("In my own words."),
            gettext("A worker"): gettext("Written by a worker."),
        },
        "in_the_voice_of": {
            gettext("The person"): gettext("In my own words."),
            gettext("A worker"): gettext("In a worker's words."),
        },
        "whose_view": {
            gettext("The person"): gettext("My own view."),
            gettext("A worker"): gettext("My worker's view."),
        },
        "who": {
            gettext("The person"): gettext("I do this step."),
            gettext("Their worker"): gettext("My worker does this step."),
            gettext("Someone from their circle"): gettext("Someone from my circle does this step."),
            gettext("Another service"): gettext("Another service does this step."),
        },
    }


YES_NO = {
    "current": (_("This is my current plan."), _("This is an earlier plan.")),
    "in_the_room": (_("I said this in the room with my worker."), ""),
}
# Raw values that the page says in words next to them already.
SAID_ELSEWHERE = {"felt_listened_to", "talked_about_what_matters", "in_words", "status_code"}
LABELS = {
    "in_my_words": _("In my words"),
    "my_view": _("My view"),
    "what_i_said": _("What I said"),
    "added_later": _("Added later"),
    "text": _("The words"),
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
    voices = _voices()
    if key in voices:
        return {"sentence": voices[key].get(value, f"{value}.")}
    if key in YES_NO:
        sentence = YES_NO[key][0 if value else 1]
        return {"sentence": sentence} if sentence else None
    if key in SENTENCES:
        return None if _is_blank(value) else {"sentence": str(SENTENCES[key]).format(when(value))}
    if isinstance(value, list) and (not value or isinstance(value[0], dict)):
        return {"label": words(key), "children": value}
    if _is_blank(value):
        return {"label": words(key), "text": NOTHING_YET}
    if isinstance(value, bool):
        return {"label": words(key), "text": gettext("Yes") if value else gettext("No")}
    if isinstance(value, str) and _ISO.match(value):
        return {"label": words(key), "text": when(value)}
    return {"label": words(key), "text": value, "own_words": True}


@register.filter
def plain_rows(item: dict) -> list[dict]:
    """One item of a section as sentences and labelled text, in the file's order."""
    return [row for key, value in item.items() if (row := _row(key, value))]
