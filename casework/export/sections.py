"""The record download's sections for notes, the person's story, the plan and alerts.

Registered in ``casework.export.record.SECTIONS``. Each runs a fixed number of
queries (``values()`` or ``prefetch_related``), however long the record. The
sections that grow with the notes return ``Rows``: read ``CHUNK`` rows at a
time while the file is written, never held whole in memory.
Withheld notes appear only as their date and reason category; alerts only if
the person has been told; no staff-only text (withholding explanations, alert
not-told explanations, review notes) is read here at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from casework.models import (
    AlertResponse,
    AppointmentChange,
    CorrectionRequest,
    Handover,
    HandoverResponse,
    NoteAddendum,
    Person,
    RearrangeRequest,
    SessionFeedback,
    SessionNote,
    User,
)
from casework.space.whats_new import actor_name
from strengths.models import (
    Goal,
    GoalRating,
    GoalStep,
    PlanAgreement,
    PlanSection,
    PlanSectionRevision,
    RecoveryPlan,
    Setback,
    SignificantOther,
    Strength,
)

CHUNK = 500  # rows per fetch from the database while a long section is written


class Rows:
    """A list section that is read while it is written, once.

    ``casework.export.record.stream_json`` writes it exactly as ``json.dumps``
    writes a list (``[a, b]``), so the file is byte for byte what a list gives.
    """

    def __init__(self, rows: Iterable):
        self._rows = rows

    def __iter__(self):
        return iter(self._rows)


def _iso(value):
    return value.isoformat() if value else None


def _name(user) -> str:
    if user is None:
        return ""
    return actor_name(user.first_name, user.last_name, user.username)


def _row_name(row: dict, prefix: str = "author__") -> str:
    return actor_name(
        row[prefix + "first_name"], row[prefix + "last_name"], row[prefix + "username"]
    )


def _archived(item) -> str | None:
    return _iso(item.archived_at)


def goals(person: Person) -> list[dict]:

    rows = (
        Goal.objects.filter(person=person)
        .order_by("-created_at", "-id")
        .prefetch_related(
            Prefetch("steps", queryset=GoalStep.objects.order_by("created_at", "id")),
            Prefetch("ratings", queryset=GoalRating.objects.order_by("at", "id")),
        )
    )
    return [
        {
            "in_my_words": g.in_their_words,
            "why_it_matters": g.why_it_matters,
            "life_area": g.get_life_area_display(),
            "when": g.get_horizon_display(),
            "status": g.get_status_display(),
            "achieved_at": _iso(g.achieved_at),
            "written_in": g.get_created_as_display(),
            "created_at": _iso(g.created_at),
            "archived_at": _archived(g),
            "steps": [
                {
                    "what": s.what,
                    "who": s.get_who_display(),
                    "due_on": _iso(s.due_on),
                    "status": s.get_status_display(),
                    "done_at": _iso(s.done_at),
                    "archived_at": _archived(s),
                }
                for s in g.steps.all()
            ],
            "ratings": [
                {
                    "at": _iso(r.at),
                    "whose_view": r.get_voice_display(),
                    "score": r.score,
                    "comment": r.comment,
                }
                for r in g.ratings.all()
            ],
        }
        for g in rows
    ]


def strengths(person: Person) -> list[dict]:

    return [
        {
            "description": s.description,
            "life_area": s.get_life_area_display(),
            "kind": s.get_kind_display(),
            "noticed_by": s.noticed_by,
            "example": s.example,
            "written_in": s.get_created_as_display(),
            "created_at": _iso(s.created_at),
            "archived_at": _archived(s),
        }
        for s in Strength.objects.filter(person=person).order_by("-created_at", "-id")
    ]


def circle(person: Person) -> list[dict]:

    return [
        {
            "name": m.name,
            "kind": m.get_kind_display(),
            "relationship": m.relationship,
            "how_they_help": m.how_they_help,
            "what_is_hard": m.what_is_hard,
            "contact_details": m.contact_details,
            "involvement": m.get_involvement_display(),
            "involvement_chosen_at": _iso(m.involvement_set_at),
            "created_at": _iso(m.created_at),
            "archived_at": _archived(m),
        }
        for m in SignificantOther.objects.filter(person=person).order_by("-created_at", "-id")
    ]


def setbacks(person: Person) -> list[dict]:

    return [
        {
            "happened_on": _iso(s.happened_on),
            "what_happened": s.what_happened,
            "early_signs": s.early_signs,
            "what_helped": s.what_helped,
            "what_was_learned": s.what_was_learned,
            "next_time": s.next_time,
            "created_at": _iso(s.created_at),
            "archived_at": _archived(s),
        }
        for s in Setback.objects.filter(person=person).order_by("-happened_on", "-id")
    ]


def plan(person: Person) -> list[dict]:
    """Every plan (the current one first), each section with all its revisions, oldest first."""

    revisions = PlanSectionRevision.objects.select_related("author", "recorded_by").order_by(
        "version", "id"
    )
    plans = (
        RecoveryPlan.objects.filter(person=person)
        .order_by("-is_current", "-created_at", "-id")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=PlanSection.objects.order_by("position").prefetch_related(
                    Prefetch("revisions", queryset=revisions)
                ),
            )
        )
    )
    return [
        {
            "current": p.is_current,
            "started_at": _iso(p.created_at),
            "review_due": _iso(p.review_due),
            "version": p.version,
            "sections": [
                {
                    "heading": s.heading,
                    "text": s.text,
                    "version": s.version,
                    "revisions": [
                        {
                            "version": r.version,
                            "kind": r.get_kind_display(),
                            "heading": r.heading,
                            "text": r.text,
                            "words_by": _name(r.author),
                            "in_the_voice_of": r.get_author_voice_display(),
                            "recorded_by": _name(r.recorded_by),
                            "at": _iso(r.created_at),
                        }
                        for r in s.revisions.all()
                    ],
                }
                for s in p.sections.all()
            ],
        }
        for p in plans
    ]


def plan_agreements(person: Person) -> list[dict]:

    rows = (
        PlanAgreement.objects.filter(plan_version__plan__person=person)
        .select_related("plan_version", "recorded_by")
        .order_by("-created_at", "-id")
    )
    return [
        {
            "plan_version": a.plan_version.plan_version,
            "asked_at": _iso(a.plan_version.marked_at),
            "answer": a.get_answer_display(),
            "detail": a.detail,
            "recorded_by": _name(a.recorded_by),
            "in_the_room": a.in_the_room,
            "at": _iso(a.created_at),
        }
        for a in rows
    ]


def session_notes(person: Person) -> Rows:
    """Shared notes in full, with addenda and my view. Withheld notes are never read here.

    Two queries read side by side, whatever the number of notes: the notes, and
    every addendum of a shared note in the same order (by its note's date and
    id, then oldest first). Each is read ``CHUNK`` rows at a time, so only one
    chunk of each is in memory while the file is written.
    """
    return Rows(_session_notes(person))


def _session_notes(person: Person) -> Iterator[dict]:
    hows = dict(SessionNote.How.choices)
    shared = {"person": person, "withheld_reason": ""}
    notes = (
        SessionNote.objects.filter(**shared)
        .order_by("-happened_at", "-id")
        .values(
            "id",
            "happened_at",
            "how",
            "duration_minutes",
            "author__first_name",
            "author__last_name",
            "author__username",
            "talked_about",
            "going_well",
            "next_steps",
            "next_contact_on",
            "person_view",
            "person_view_at",
        )
    )
    addenda = (
        NoteAddendum.objects.filter(**{f"note__{k}": v for k, v in shared.items()})
        .order_by("-note__happened_at", "-note_id", "created_at", "id")
        .values(
            "note_id",
            "note__happened_at",
            "created_at",
            "text",
            "author__first_name",
            "author__last_name",
            "author__username",
        )
        .iterator(chunk_size=CHUNK)
    )
    pending = next(addenda, None)
    for n in notes.iterator(chunk_size=CHUNK):
        key = (n["happened_at"], n["id"])
        # Skip an addendum whose note is not in this read (changed in between).
        while pending is not None and (pending["note__happened_at"], pending["note_id"]) > key:
            pending = next(addenda, None)
        added_later = []
        while pending is not None and (pending["note__happened_at"], pending["note_id"]) == key:
            added_later.append(
                {
                    "at": _iso(pending["created_at"]),
                    "by": _row_name(pending),
                    "text": pending["text"],
                }
            )
            pending = next(addenda, None)
        yield {
            "happened_at": _iso(n["happened_at"]),
            "how": str(hows.get(n["how"], n["how"])),
            "minutes": n["duration_minutes"],
            "written_by": _row_name(n),
            "what_we_talked_about": n["talked_about"],
            "what_is_going_well": n["going_well"],
            "next_steps": n["next_steps"],
            "next_contact_on": _iso(n["next_contact_on"]),
            "added_later": added_later,
            "my_view": n["person_view"],
            "my_view_at": _iso(n["person_view_at"]),
        }


def withheld_notes(person: Person) -> Rows:
    """Only that a note exists, its date and the reason category: three columns, no text."""
    reasons = dict(SessionNote.WithheldReason.choices)
    rows = (
        person.notes.exclude(withheld_reason="")
        .order_by("-happened_at", "-id")
        .values("happened_at", "withheld_reason")
    )
    return Rows(
        {"date": r["happened_at"].date().isoformat(), "reason": reasons[r["withheld_reason"]]}
        for r in rows.iterator(chunk_size=CHUNK)
    )


def correction_requests(person: Person) -> Rows:
    """My requests on shared notes, with the answer."""
    rows = (
        CorrectionRequest.objects.filter(person=person, note__withheld_reason="")
        .select_related("note", "responded_by")
        .order_by("-created_at", "-id")
    )
    return Rows(
        {
            "note_of": c.note.happened_at.date().isoformat(),
            "asked_at": _iso(c.created_at),
            "what_is_wrong": c.what_is_wrong,
            "what_it_should_say": c.what_it_should_say,
            "status": c.status,
            "in_words": c.get_status_display(),
            "answer": c.response,
            "answered_by": _name(c.responded_by),
            "answered_at": _iso(c.responded_at),
        }
        for c in rows.iterator(chunk_size=CHUNK)
    )


def session_feedback(person: Person) -> Rows:
    rows = (
        SessionFeedback.objects.filter(note__person=person)
        .select_related("note")
        .order_by("-created_at", "-id")
    )
    scale = dict(SessionFeedback.Scale.choices)
    return Rows(
        {
            "session_on": f.note.happened_at.date().isoformat(),
            "felt_listened_to": f.listened_to,
            "felt_listened_to_in_words": scale[f.listened_to],
            "talked_about_what_matters": f.talked_about_what_matters,
            "talked_about_what_matters_in_words": scale[f.talked_about_what_matters],
            "comment": f.comment,
            "given_at": _iso(f.created_at),
        }
        for f in rows.iterator(chunk_size=CHUNK)
    )


def alerts(person: Person) -> list[dict]:
    """Alerts the person has been told about, with their replies. Untold ones are not read."""
    rows = (
        person.alerts.told()
        .select_related("added_by")
        .prefetch_related(
            Prefetch("responses", queryset=AlertResponse.objects.order_by("at", "id"))
        )
        .order_by("-added_at", "-id")
    )
    return [
        {
            "wording": a.wording,
            "reason": a.reason,
            "added_by": _name(a.added_by),
            "added_at": _iso(a.added_at),
            "review_by": _iso(a.review_by),
            "told_on": _iso(a.told_on),
            "ended_at": _iso(a.ended_at),
            "why_it_ended": a.end_reason,
            "what_i_said": [
                {
                    "at": _iso(r.at),
                    "text": r.text,
                    "reply": r.reply,
                    "replied_at": _iso(r.replied_at),
                }
                for r in a.responses.all()
            ],
        }
        for a in rows
    ]


# (key function, title) in the order they appear in the file and on the page.
def appointments(person: Person) -> list[dict]:
    """Every appointment, cancelled ones too, with every change and the person's requests."""
    rows = person.appointments.prefetch_related(
        Prefetch("workers", queryset=User.objects.order_by("first_name", "username")),
        Prefetch(
            "changes", queryset=AppointmentChange.objects.select_related("by").order_by("at", "id")
        ),
        Prefetch(
            "rearrange_requests",
            queryset=RearrangeRequest.objects.select_related("answered_by").order_by(
                "asked_at", "id"
            ),
        ),
    ).order_by("-starts_at", "-id")
    return [
        {
            "starts_at": _iso(a.starts_at),
            "ends_at": _iso(a.ends_at),
            "how": a.get_kind_display(),
            "where": a.place,
            "with_whom": ", ".join(_name(w) for w in a.workers.all()),
            "what_it_is_for": a.purpose,
            "status": a.get_status_display(),
            "what_happened": a.get_outcome_display() if a.outcome else "",
            "in_my_words": a.outcome_person_words,
            "in_the_workers_words": a.outcome_worker_words,
            "changes": [
                {
                    "at": _iso(c.at),
                    "what_changed": c.get_what_display(),
                    "moved_from": _iso(c.from_starts_at) if c.moved else None,
                    "moved_to": _iso(c.to_starts_at) if c.moved else None,
                    "detail": c.detail,
                    "reason": c.reason,
                    "changed_by": _name(c.by),
                }
                for c in a.changes.all()
            ],
            "my_requests": [
                {
                    "asked_at": _iso(r.asked_at),
                    "why": r.reason,
                    "what_they_decided": r.get_answer_display() if r.answer else "",
                    "what_they_said": r.answer_text,
                    "answered_by": _name(r.answered_by),
                    "answered_at": _iso(r.answered_at),
                }
                for r in a.rearrange_requests.all()
            ],
        }
        for a in rows
    ]


def handovers(person: Person) -> list[dict]:
    """Every change of worker: who, when, the outgoing worker's note, and what I said."""
    rows = (
        Handover.objects.filter(person=person)
        .select_related("from_worker", "to_worker", "shared_note")
        .prefetch_related(
            Prefetch("responses", queryset=HandoverResponse.objects.order_by("at", "id"))
        )
        .order_by("created_at", "id")
    )
    return [
        {
            "from_worker": _name(h.from_worker),
            "to_worker": _name(h.to_worker),
            "role": h.get_role_display(),
            "new_worker_from": _iso(h.starts_on),
            "old_worker_until": _iso(h.old_access_ends_on),
            "handed_over_at": _iso(h.created_at),
            "status": h.get_status_display(),
            "note_from_my_worker": h.outgoing_note,
            "note_written_at": _iso(h.outgoing_note_at),
            "about_the_session_on": _iso(h.shared_note.happened_at) if h.shared_note_id else None,
            "what_i_said": [
                {"at": _iso(r.at), "how_i_feel": r.get_feeling_display(), "in_my_words": r.words}
                for r in h.responses.all()
            ],
        }
        for h in rows
    ]


REGISTERED = [
    (goals, _("My goals")),
    (strengths, _("My strengths")),
    (circle, _("My circle of support")),
    (setbacks, _("My setbacks and what I learned")),
    (plan, _("My recovery plan, with every earlier version")),
    (plan_agreements, _("What I said about my plan")),
    (session_notes, _("Notes shared with me")),
    (withheld_notes, _("Notes I cannot read (date and reason only)")),
    (correction_requests, _("Corrections I asked for")),
    (session_feedback, _("My feedback on sessions")),
    (alerts, _("Alerts I have been told about")),
    (appointments, _("My appointments, with every change")),
    (handovers, _("Changes of worker, and what I said")),
]
