"""The person's own session notes, under /me/notes/: read, add my view, ask for a
correction, give feedback. And the worker's answer to a correction request.

The person's pages take no person id (``get_own_person``) and reach notes only
through ``person.notes`` restricted to shared ones: a withheld note's id gives
the same 404 as a note that does not exist (its stub is on the list page only,
date and reason category, never content). Changes go through
``casework.notes.actions.set_person_view`` and ``casework.notes.feedback``.
"""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from casework import access
from casework.common.concurrency import EditConflict, conflict_response
from casework.common.errors import ActionRefused, show_refusal
from casework.models import CorrectionRequest
from casework.notes import feedback as actions
from casework.notes.actions import earlier_wordings, notes_for_person_view, set_person_view
from casework.notes.forms import (
    CorrectionRequestForm,
    CorrectionResponseForm,
    PersonViewForm,
    SessionFeedbackForm,
)

PAGE_SIZE = 20
CLOSED = "Your support has ended, so you can read your notes but not add to them."


def _shared_note(person, note_id):
    """One of the person's shared notes, or 404 (withheld and missing look the same)."""
    notes = (
        person.notes.filter(withheld_reason="")
        .select_related("author", "person_view_by", "feedback")
        .prefetch_related(
            "addenda__author",
            Prefetch(
                "correction_requests",
                queryset=CorrectionRequest.objects.select_related("responded_by"),
            ),
        )
    )
    return access.get_own_note(person, note_id, notes)


@access.reads()
def my_notes(request):
    person = access.get_own_person(request, what="your session notes")
    page = Paginator(notes_for_person_view(person), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/me/notes.html", {"person": person, "page": page})


@access.form_page(access.Can.ADD_MY_VIEW)
def my_note(request, note_id):
    person = access.get_own_person(request, what="a session note")
    note = _shared_note(person, note_id)
    can_write = access.may(request.user, person, access.Can.ADD_MY_VIEW)
    form = PersonViewForm(
        request.POST if request.method == "POST" else None,
        initial={"text": note.person_view},
        versioned_by=note,
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_person_view(
                note,
                request.user,
                form.cleaned_data["text"],
                based_on_version=form.based_on_version,
            )
        except EditConflict:
            return _my_view_conflict(request, person, note, form)
        messages.success(request, _("Thank you. Your view is saved, and your worker can read it."))
        return redirect("me_note", note_id=note.pk)
    feedback = getattr(note, "feedback", None)
    return render(
        request,
        "casework/me/note_detail.html",
        {
            "person": person,
            "note": note,
            "form": form,
            "can_write": can_write,
            "feedback": feedback,
            "corrections": list(note.correction_requests.all()),
            "earlier_wordings": earlier_wordings(note),
        },
    )


def _my_view_conflict(request, person, note, form):
    """ "My view" was saved from somewhere else (another device) since this form opened."""
    note.refresh_from_db(
        fields=["person_view", "person_view_by", "person_view_at", "person_view_version"]
    )
    current = SimpleNamespace(text=note.person_view)  # under the form's field name
    return conflict_response(
        request,
        form,
        current,
        offer=lambda initial: PersonViewForm(initial=initial, versioned_by=note),
        what="your view of this session",
        saved_by=note.person_view_by,
        saved_at=note.person_view_at,
        action_url=request.path,
        cancel_url=reverse("me_note", kwargs={"note_id": note.pk}),
        version=note.person_view_version,
        person=person,
    )


@access.form_page(access.Can.ADD_MY_VIEW)
def my_note_correction(request, note_id):
    person = access.get_own_person(request, what="a session note")
    note = _shared_note(person, note_id)
    form = CorrectionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_correction(request.user, note, **form.cleaned_data)
        except (ActionRefused, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, _("Thank you. Your worker will read this and answer you on this page.")
            )
            return redirect(reverse("me_note", kwargs={"note_id": note.pk}) + "#corrections")
    return render(
        request,
        "casework/me/note_correction.html",
        {
            "person": person,
            "note": note,
            "form": form,
            "can_write": access.may(request.user, person, access.Can.ADD_MY_VIEW),
        },
    )


@access.form_page(access.Can.ADD_MY_VIEW)
def my_note_feedback(request, note_id):
    person = access.get_own_person(request, what="a session note")
    note = _shared_note(person, note_id)
    existing = getattr(note, "feedback", None)
    can_write = access.may(request.user, person, access.Can.ADD_MY_VIEW) and (
        existing is None or existing.is_editable()
    )
    form = SessionFeedbackForm(
        request.POST if request.method == "POST" else None, instance=existing
    )
    if request.method == "POST" and can_write and form.is_valid():
        try:
            actions.save_feedback(request.user, note, **form.cleaned_data)
        except (ActionRefused, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Thank you for telling us how it went."))
            return redirect("me_note", note_id=note.pk)
    return render(
        request,
        "casework/me/note_feedback.html",
        {
            "person": person,
            "note": note,
            "form": form,
            "feedback": existing,
            "can_write": can_write,
        },
    )


# --- Staff: answering a correction request -----------------------------------------------


@access.form_page(access.Can.WRITE_NOTES)
def correction_respond(request, person_id, note_id, correction_id):
    person = access.get_person_for(request, person_id, what="a session note (correction request)")
    note = access.get_note_for(request, person, note_id, write=True)
    correction = note.correction_requests.filter(pk=correction_id).first()
    if correction is None:
        raise Http404("No such record.")
    form = CorrectionResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and correction.is_open and form.is_valid():
        try:
            actions.respond_to_correction(
                request.user,
                correction,
                add_correction=form.cleaned_data["outcome"] == CorrectionResponseForm.ADD,
                text=form.cleaned_data["text"],
            )
        except (ActionRefused, ValidationError) as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _("Your answer is saved. %(name)s can read it.") % {"name": person.preferred_name},
            )
            return redirect(
                reverse("note_detail", kwargs={"person_id": person.pk, "note_id": note.pk})
                + "#corrections"
            )
    return render(
        request,
        "casework/correction_respond.html",
        {"person": person, "note": note, "correction": correction, "form": form},
    )
