"""Actions on session notes: the only code that creates or changes them.

Views, ``seed_demo`` and tests all call these. Each logs the change with
``access.record_change``. Callers get the person through ``casework.access``
first (``get_person_for``, with the need the view declared) and the note through
the person (``person.notes.get(pk=...)``); these functions do not re-check that.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from casework.access import notes_visible_to, record_change
from casework.common.concurrency import claim_version
from casework.common.errors import ActionRefused
from casework.models import (
    CorrectionRequest,
    NoteAddendum,
    NoteSharingChange,
    Person,
    SessionFeedback,
    SessionNote,
    User,
)
from casework.notes import language

TYPO_WINDOW = datetime.timedelta(minutes=15)
# The same words saved again this soon are most likely a double press or a resend.
REPEAT_WINDOW = datetime.timedelta(minutes=10)
NOTE_FIELDS = (
    "happened_at",
    "how",
    "duration_minutes",
    "person_present",
    "other_professionals",
    "talked_about",
    "going_well",
    "next_steps",
    "next_contact_on",
    "no_next_contact_planned",
    "withheld_reason",
    "withheld_explanation",
)
TEXT_FIELDS = ("talked_about", "going_well", "next_steps")


class NoteLocked(ActionRefused):
    """The note can no longer be edited: corrections are addenda."""


def note_suggestions(note: SessionNote) -> list[language.Suggestion]:
    return language.find_suggestions(*(getattr(note, f) for f in TEXT_FIELDS))


def same_note_moments_ago(
    person: Person, data: dict, *, now: datetime.datetime | None = None
) -> SessionNote | None:
    """The note about ``person`` with exactly these words saved in the last few minutes, if any."""
    since = (now or timezone.now()) - REPEAT_WINDOW
    same_words = {field: data.get(field, "") for field in TEXT_FIELDS}
    return person.notes.filter(created_at__gte=since, **same_words).order_by("-created_at").first()


def record_session(
    person: Person,
    author: User,
    data: dict,
    *,
    suggested_while_drafting: set[str] = frozenset(),
    now: datetime.datetime | None = None,
) -> SessionNote:
    """Save a new session note. ``data`` holds cleaned values for ``NOTE_FIELDS``.

    The note is checked before the transaction starts (a check inside it costs a
    savepoint on each side of the constraint query); everything written is one
    transaction: the note, its history row, its links and the access event.
    """
    note = SessionNote(person=person, author=author, created_at=now or timezone.now())
    for field in NOTE_FIELDS:
        if field in data:
            setattr(note, field, data[field])
    if not note.withheld_reason:
        note.withheld_explanation = ""
    at_save = {s.key for s in note_suggestions(note)}
    note.suggestions_shown, note.suggestions_acted_on = language.count_suggestions(
        language.parse_keys(suggested_while_drafting), at_save
    )
    # ``person`` and ``author`` are the rows we were handed: no query to see they exist.
    note.full_clean(exclude=["person", "author"])
    _save_new_note(note, data)
    return note


@transaction.atomic
def _save_new_note(note: SessionNote, data: dict) -> None:
    person, author = note.person, note.author
    note.save()
    # Only the person's own goals and circle: the form offers no others, and this holds
    # for any other caller too. A new note has no links yet: one insert each, none if
    # nothing was chosen.
    goals = {g.pk for g in data.get("goals_touched", []) if g.person_id == person.pk}
    if goals:
        links = SessionNote.goals_touched.through
        links.objects.bulk_create([links(sessionnote=note, goal_id=pk) for pk in goals])
    members = {m.pk for m in data.get("circle_present", []) if m.person_id == person.pk}
    if members:
        links = SessionNote.circle_present.through
        links.objects.bulk_create(
            [links(sessionnote=note, significantother_id=pk) for pk in members]
        )
    if note.withheld_reason:
        NoteSharingChange.objects.create(
            note=note,
            withheld=True,
            reason=note.withheld_reason,
            explanation=note.withheld_explanation,
            changed_by=author,
            changed_at=note.created_at,
        )
    record_change(author, person, "a session note (new)")


PERSON_HAS_ANSWERED = (
    "{name} has answered this note, so it can no longer be edited: they answered the "
    "words as they were. Add an addendum instead; it is shown under the original."
)
WINDOW_CLOSED = (
    "This note can no longer be edited: only its author can fix typos, within 15 minutes "
    "of saving. Add an addendum instead; it is shown under the original, which stays as "
    "it was written."
)


def person_has_answered(note: SessionNote) -> bool:
    """The person has replied ("my view"), asked for a correction, or given feedback."""
    return (
        bool(note.person_view)
        or CorrectionRequest.objects.filter(note=note).exists()
        or SessionFeedback.objects.filter(note=note).exists()
    )


def typo_lock_reason(
    note: SessionNote, user: User, now: datetime.datetime | None = None
) -> str | None:
    """Why ``user`` may not fix a typo in ``note`` now, in plain words; ``None`` if they may.

    Only the author, within 15 minutes of saving, and before the person has answered
    the note: changing the words under their answer would rewrite what they answered.
    """
    now = now or timezone.now()
    if note.author_id != user.pk or now - note.created_at > TYPO_WINDOW:
        return WINDOW_CLOSED
    if person_has_answered(note):
        return PERSON_HAS_ANSWERED.format(name=note.person.preferred_name)
    return None


def typo_window_open(note: SessionNote, user: User, now: datetime.datetime | None = None) -> bool:
    return typo_lock_reason(note, user, now) is None


@transaction.atomic
def correct_typo(
    note: SessionNote, user: User, texts: dict, *, now: datetime.datetime | None = None
) -> SessionNote:
    """Change the note's text within the typo window and mark it edited.

    The earlier text stays in its history. The row is locked first, so an answer
    from the person saved at the same moment is seen, not written under.
    """
    now = now or timezone.now()
    current = SessionNote.objects.select_for_update().get(pk=note.pk)
    reason = typo_lock_reason(current, user, now)
    if reason:
        raise NoteLocked(reason)
    for field in TEXT_FIELDS:
        if field in texts:
            setattr(note, field, texts[field])
    note.text_edited_at = now
    note.full_clean()
    note.save(update_fields=[*TEXT_FIELDS, "text_edited_at"])
    record_change(user, note.person, "a session note (typo corrected)")
    return note


@dataclass(frozen=True)
class EarlierWording:
    """The note's text as it read until ``replaced_at`` (from its history)."""

    replaced_at: datetime.datetime
    texts: dict[str, str]


def earlier_wordings(note: SessionNote) -> list[EarlierWording]:
    """Each earlier wording of an edited note, oldest first; empty if never edited. One query."""
    if note.text_edited_at is None:
        return []
    wordings: list[EarlierWording] = []
    previous = None
    for record in note.history.order_by("history_date", "history_id").only(
        "history_date", *TEXT_FIELDS
    ):
        texts = {field: getattr(record, field) for field in TEXT_FIELDS}
        if previous is not None and texts != previous:
            wordings.append(EarlierWording(record.history_date, previous))
        previous = texts
    return wordings


@transaction.atomic
def add_addendum(
    note: SessionNote, author: User, text: str, *, now: datetime.datetime | None = None
) -> NoteAddendum:
    addendum = NoteAddendum(note=note, author=author, text=text, created_at=now or timezone.now())
    addendum.full_clean()
    addendum.save()
    record_change(author, note.person, "a session note (addendum added)")
    return addendum


@transaction.atomic
def withhold_note(note: SessionNote, user: User, reason: str, explanation: str) -> SessionNote:
    """Stop sharing a note with the person, for a reason from the fixed list."""
    if reason not in SessionNote.WithheldReason.values:
        raise ValueError(f"Unknown reason for withholding: {reason!r}")
    if not explanation.strip():
        raise ValueError("Withholding a note needs a short explanation.")
    note.withheld_reason, note.withheld_explanation = reason, explanation.strip()
    note.save(update_fields=["withheld_reason", "withheld_explanation"])
    NoteSharingChange.objects.create(
        note=note, withheld=True, reason=reason, explanation=explanation.strip(), changed_by=user
    )
    record_change(user, note.person, "a session note (withheld from them)")
    return note


@transaction.atomic
def share_note(note: SessionNote, user: User, explanation: str) -> SessionNote:
    """Share a withheld note again; why is kept in its sharing history."""
    if not explanation.strip():
        raise ValueError("Sharing a withheld note again needs a short explanation.")
    note.withheld_reason, note.withheld_explanation = "", ""
    note.save(update_fields=["withheld_reason", "withheld_explanation"])
    NoteSharingChange.objects.create(
        note=note, withheld=False, explanation=explanation.strip(), changed_by=user
    )
    record_change(user, note.person, "a session note (shared with them again)")
    return note


@transaction.atomic
def set_person_view(
    note: SessionNote,
    user: User,
    text: str,
    *,
    now: datetime.datetime | None = None,
    based_on_version: int | None = None,
) -> SessionNote:
    """The person's own view of a session, from their space (``/me/notes/<id>/``).

    A second view replaces the one shown; every earlier wording stays in the
    note's ``history`` with who and when. With ``based_on_version`` (the form's),
    a view written since then is never replaced unseen: ``EditConflict`` instead.
    """
    note.person_view_version = claim_version(
        SessionNote, note.pk, based_on_version, field="person_view_version"
    )
    note.person_view, note.person_view_by, note.person_view_at = text, user, now or timezone.now()
    note.save(
        update_fields=["person_view", "person_view_by", "person_view_at", "person_view_version"]
    )
    record_change(user, note.person, "their view on a session note")
    return note


def timeline(person: Person, viewer: User) -> QuerySet[SessionNote]:
    """The person's notes ``viewer`` may read, newest first, with addenda and open correction counts.

    One query per page. Which notes is decided by ``access.notes_visible_to``.
    """
    # Correlated counts rather than JOIN + GROUP BY: PostgreSQL then walks the
    # (person, -happened_at) index and stops after one page (docs/performance.md).
    addenda = (
        NoteAddendum.objects.filter(note=OuterRef("pk"))
        .order_by()
        .values("note")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_corrections = (
        CorrectionRequest.objects.filter(note=OuterRef("pk"), status="open")
        .order_by()
        .values("note")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        notes_visible_to(viewer, person)
        .select_related("author", "person_view_by")
        .annotate(
            addenda_count=Coalesce(Subquery(addenda), 0),
            open_corrections=Coalesce(Subquery(open_corrections), 0),
        )
        .order_by("-happened_at", "-id")
    )


@dataclass(frozen=True)
class WithheldEntry:
    """What the person sees of a withheld note: that it exists, when, and why in general."""

    happened_on: datetime.date
    reason: str
    withheld = True


@dataclass(frozen=True)
class SharedEntry:
    note: SessionNote
    addenda: tuple[NoteAddendum, ...]
    withheld = False


def notes_for_person_view(person: Person) -> list[SharedEntry | WithheldEntry]:
    """Every note about ``person`` as they may see it: shared in full, withheld as stubs.

    Withheld notes are read with ``values()`` of three columns, so their text is
    never loaded and cannot leak through a template or serialiser.
    """
    reasons = dict(SessionNote.WithheldReason.choices)
    entries: list[tuple[datetime.datetime, int, SharedEntry | WithheldEntry]] = []
    for row in person.notes.exclude(withheld_reason="").values(
        "id", "happened_at", "withheld_reason"
    ):
        stub = WithheldEntry(
            timezone.localdate(row["happened_at"]), reasons[row["withheld_reason"]]
        )
        entries.append((row["happened_at"], row["id"], stub))
    shared = (
        person.notes.filter(withheld_reason="")
        .select_related("author", "person_view_by")
        .prefetch_related("addenda__author")
    )
    for note in shared:
        entries.append((note.happened_at, note.pk, SharedEntry(note, tuple(note.addenda.all()))))
    entries.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [entry for _, _, entry in entries]
