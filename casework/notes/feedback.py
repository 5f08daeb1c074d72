"""Actions for what the person says back about a note: corrections and feedback.

Callers reach the person through ``casework.access`` first and the note through
the person; these functions check the rules that belong to the record (a
withheld note takes no requests or feedback, a request is answered once,
feedback is editable for ``FEEDBACK_EDIT_DAYS``) and log each change with
``record_change``. The logged ``what`` never quotes the text.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from casework.access import record_change
from casework.common.errors import ActionRefused
from casework.models import CorrectionRequest, SessionFeedback, SessionNote, User
from casework.notes.actions import add_addendum


def _refuse_withheld(note: SessionNote) -> None:
    if note.is_withheld:
        raise ActionRefused("This note is not shared with you, so it cannot be changed here.")


@transaction.atomic
def request_correction(
    user: User, note: SessionNote, *, what_is_wrong: str, what_it_should_say: str = ""
) -> CorrectionRequest:
    """The person's "I see this differently" on a shared note."""
    _refuse_withheld(note)
    request = CorrectionRequest(
        note=note,
        person=note.person,
        what_is_wrong=what_is_wrong.strip(),
        what_it_should_say=what_it_should_say.strip(),
    )
    request.full_clean()
    request.save()
    record_change(user, note.person, "a session note (asked for a correction)")
    return request


@transaction.atomic
def respond_to_correction(
    user: User,
    correction: CorrectionRequest,
    *,
    add_correction: bool,
    text: str,
    now: datetime.datetime | None = None,
) -> CorrectionRequest:
    """Answer once: add an addendum with ``text``, or explain in ``text`` why not."""
    correction = CorrectionRequest.objects.select_for_update().get(pk=correction.pk)
    if not correction.is_open:
        raise ActionRefused("This request has already been answered.")
    text = text.strip()
    if not text:
        raise ActionRefused("Write the correction, or explain why the note stays as it is.")
    now = now or timezone.now()
    if add_correction:
        correction.addendum = add_addendum(correction.note, user, text, now=now)
        correction.status = CorrectionRequest.Status.ADDENDUM_ADDED
    else:
        correction.status = CorrectionRequest.Status.DECLINED
    correction.response, correction.responded_by, correction.responded_at = text, user, now
    correction.save()
    record_change(user, correction.person, "a session note (answered a correction request)")
    return correction


@transaction.atomic
def save_feedback(
    user: User,
    note: SessionNote,
    *,
    listened_to: int,
    talked_about_what_matters: int,
    comment: str = "",
    now: datetime.datetime | None = None,
) -> SessionFeedback:
    """Create or change the person's feedback on a shared note (changes for 14 days)."""
    _refuse_withheld(note)
    now = now or timezone.now()
    feedback = SessionFeedback.objects.select_for_update().filter(note=note).first()
    if feedback is None:
        feedback = SessionFeedback(note=note, created_at=now)
    elif not feedback.is_editable(now):
        raise ActionRefused("Feedback can be changed for 14 days. This time has passed.")
    feedback.listened_to = listened_to
    feedback.talked_about_what_matters = talked_about_what_matters
    feedback.comment = comment.strip()
    feedback.updated_at = now
    feedback.full_clean()
    feedback.save()
    record_change(user, note.person, "feedback on a session")
    return feedback
