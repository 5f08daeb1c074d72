"""Everything held about a person, as sections: the download page and the JSON file.

``SECTIONS`` lists functions ``person -> JSON-able data``; the key in the file
is the function's name. A section that may be long (the access log) returns an
iterator, which ``stream_json`` writes item by item, so years of history never
sit in memory at once; the note sections return ``sections.Rows`` (written as a
plain JSON list, read a chunk at a time). Each section has a title and a template for the
printable page (``@section(...)``). Goals, plan, notes and the rest add their
own sections at merge; docs/record-export.md and the JSON Schema in
docs/record-export.schema.json describe the file and must be updated with them.

Only what the person may see goes here: never supervision notes, other people's
names or the content of withheld notes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.export import sections as more
from casework.models import AccessEvent, CaseAssignment, CheckIn, Person
from casework.space.whats_new import actor_name, describe_access

FORMAT = "recovery-practice/my-record"
FORMAT_VERSION = 1

Section = Callable[[Person], Any]


def section(title, template: str):
    def register(fn: Section) -> Section:
        fn.key = fn.__name__
        fn.title = title
        fn.template = template
        return fn

    return register


@section(_("About me"), "casework/me/export/profile.html")
def profile(person: Person) -> dict:
    return {
        "preferred_name": person.preferred_name,
        "full_name": person.full_name,
        "pronouns": person.pronouns,
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "about_me": person.about_me,
        "identity": person.identity,
        "valued_roles": person.valued_roles,
        "contact": person.get_contact_methods_display(),
        "contact_notes": person.contact_notes,
        "language": person.language,
        "needs_interpreter": person.needs_interpreter,
        "accessibility_needs": person.accessibility_needs,
        "profile_history": [
            {
                "at": c.at.isoformat(),
                "what": c.label,
                "before": c.before,
                "after": c.after,
                "by": c.changed_by.display_name() if c.changed_by_id else "",
            }
            for c in person.profile_changes.select_related("changed_by").order_by("at", "id")
        ],
        "support": person.get_support_contexts_display(),
        "status": person.get_status_display(),
        "closed_on": person.closed_on.isoformat() if person.closed_on else None,
        "email": person.email,
        "username": person.user.username if person.user_id else None,
        "record_started": person.created_at.isoformat(),
    }


@section(_("Who works with me"), "casework/me/export/workers.html")
def workers(person: Person) -> list[dict]:
    rows = (
        CaseAssignment.objects.filter(person=person)
        .order_by("started_on", "id")
        .values(
            "worker__first_name",
            "worker__last_name",
            "worker__username",
            "role",
            "started_on",
            "ended_on",
        )
    )
    roles = {value: str(label) for value, label in CaseAssignment.Role.choices}
    return [
        {
            "name": actor_name(
                r["worker__first_name"], r["worker__last_name"], r["worker__username"]
            ),
            "role": roles.get(r["role"], r["role"]),
            "from": r["started_on"].isoformat(),
            "until": r["ended_on"].isoformat() if r["ended_on"] else None,
        }
        for r in rows
    ]


@section(_("My check-ins"), "casework/me/export/check_ins.html")
def check_ins(person: Person) -> Iterator[dict]:
    feelings = {value: str(label) for value, label in CheckIn.Feeling.choices}
    rows = (
        CheckIn.objects.filter(person=person)
        .order_by("-created_at", "-id")
        .values("created_at", "feeling", "words", "wants_to_talk", "seen_at")
    )
    for r in rows.iterator(chunk_size=500):
        yield {
            "at": r["created_at"].isoformat(),
            "how_i_was_doing": r["feeling"],
            "in_words": feelings.get(r["feeling"], ""),
            "what_i_said": r["words"],
            "asked_to_talk": r["wants_to_talk"],
            "read_by_worker_at": r["seen_at"].isoformat() if r["seen_at"] else None,
        }


@section(_("Who has looked at or changed my record"), "casework/me/export/access_log.html")
def access_log(person: Person) -> Iterator[dict]:
    """Every entry, the person's own included: the file holds everything."""
    labels = {value: str(label) for value, label in AccessEvent.Action.choices}
    rows = (
        AccessEvent.objects.filter(person=person)
        .order_by("-at", "-id")
        .values(
            "at",
            "action",
            "what",
            "acting_role",
            "actor_id",
            "actor__first_name",
            "actor__last_name",
            "actor__username",
        )
    )
    for r in rows.iterator(chunk_size=2000):
        is_me = person.user_id is not None and r["actor_id"] == person.user_id
        who = (
            "You"
            if is_me
            else actor_name(r["actor__first_name"], r["actor__last_name"], r["actor__username"])
        )
        yield {
            "at": r["at"].isoformat(),
            "who": who,
            "role": "you" if is_me else r["acting_role"],
            "did": r["action"],
            "what": r["what"],
            "in_words": (
                f"You {labels.get(r['action'], r['action'])} {r['what']}"
                if is_me
                else describe_access(
                    who, r["acting_role"], labels.get(r["action"], r["action"]), r["what"]
                )
            ),
        }


def _register_more() -> list[Section]:

    return [section(title, "casework/me/export/_items.html")(fn) for fn, title in more.REGISTERED]


SECTIONS: list[Section] = [profile, workers, *_register_more(), check_ins, access_log]


def header(person: Person) -> dict:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "about_this_file": (
            "Everything the service holds about you that you can see. "
            "Each part of your record is a section below."
        ),
        "sections": [{"key": fn.key, "title": fn.title} for fn in SECTIONS],
    }


def _dumps(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def stream_json(person: Person) -> Iterator[str]:
    """The whole record as one JSON object, written piece by piece."""
    yield "{" + _dumps("record") + ": " + _dumps(header(person))
    for fn in SECTIONS:
        data = fn(person)
        yield ",\n" + _dumps(fn.key) + ": "
        if isinstance(data, more.Rows):
            # Exactly as json.dumps writes a list: "[", items joined by ", ", "]".
            yield "["
            for i, item in enumerate(data):
                yield (", " if i else "") + _dumps(item)
            yield "]"
            continue
        if isinstance(data, dict | list | str | int | float | bool) or data is None:
            yield _dumps(data)
            continue
        yield "["
        for i, item in enumerate(data):
            yield ("," if i else "") + "\n  " + _dumps(item)
        yield "\n]"
    yield "\n}\n"


def stream_file(person: Person, size: int = 64 * 1024) -> Iterator[str]:
    """``stream_json`` in pieces of about ``size`` characters, for the response.

    The server sends each piece as it comes; small pieces would mean one write
    per note.
    """
    buffer, length = [], 0
    for piece in stream_json(person):
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


def build(person: Person) -> dict:
    """The whole record in memory (tests, small records): same content as ``stream_json``."""
    data = {"record": header(person)}
    for fn in SECTIONS:
        value = fn(person)
        data[fn.key] = value if isinstance(value, dict | list) or value is None else list(value)
    return data
