"""Session notes: record, read, correct by addendum, share or withhold, search.

Every view declares what it needs (``access.reads``/``form_page``/``action``),
reaches the person through ``access.get_person_for`` and the note through that
person. Changes happen in ``casework.notes.actions`` action functions.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from casework import access
from casework.access import Can
from casework.common.errors import ActionRefused, show_refusal
from casework.common.forms import posted
from casework.common.htmx import is_htmx
from casework.models import NOTE_TEXT_LIMIT, SessionNote
from casework.notes import actions, language, search
from casework.notes.cards import note_cards
from casework.notes.forms import (
    AddendumForm,
    LanguageCheckForm,
    SessionNoteForm,
    ShareAgainForm,
    TypoCorrectionForm,
    WithholdForm,
)

PAGE_SIZE = 20
RECENT_CHECK_INS = 10
DRAFTS_KEY = "kept_note_drafts"
MAX_KEPT_DRAFTS = 5
# Five times what a note field may hold: any paste a worker means to trim, while five
# kept drafts stay well under a megabyte in the session row.
DRAFT_LIMIT = NOTE_TEXT_LIMIT * 5


def _page(request, items, size=PAGE_SIZE):
    return Paginator(items, size).get_page(request.GET.get("page"))


def _can_change_note(request, person, note) -> bool:
    return access.notes_changeable_by(request.user, person).filter(pk=note.pk).exists()


# --- Drafts kept when the login has timed out -------------------------------------------


def _keep_draft_and_sign_in(request, person_id):
    """A signed-out POST keeps its text in the (anonymous) session, then asks to sign in.

    Django's login keeps an anonymous session's data, so after signing in the
    new-note page gives the text back. Nothing is saved to the record and no
    record is looked up, so this reveals nothing about who exists.
    """
    next_url = request.path
    if request.method == "POST":
        fields = {*actions.NOTE_FIELDS, "suggested_terms"}
        # The whole text is kept, even past the note's limit: the form then says it is too
        # long and the worker shortens it. Only a paste far beyond any note (DRAFT_LIMIT)
        # is not kept, and the message says so, because five drafts live in the session row.
        draft = {name: value for name, value in request.POST.items() if name in fields and value}
        too_long = [name for name, value in draft.items() if len(value) > DRAFT_LIMIT]
        for name in too_long:
            del draft[name]
        if draft.get("talked_about") or draft.get("going_well") or draft.get("next_steps"):
            drafts = request.session.get(DRAFTS_KEY, {})
            drafts[str(person_id)] = draft
            request.session[DRAFTS_KEY] = dict(list(drafts.items())[-MAX_KEPT_DRAFTS:])
            messages.warning(
                request,
                _(
                    "You were signed out before the note was saved. We have kept what you wrote: "
                    "sign in and it will be back in the form, ready to save."
                ),
            )
        if too_long:
            messages.error(
                request,
                _(
                    "Some of what you wrote was over %(limit)s characters, too long to keep "
                    "while you were signed out. If you still have it, paste it in again."
                )
                % {"limit": f"{DRAFT_LIMIT:,}"},
            )
    if is_htmx(request):
        return HttpResponseClientRedirect(f"{reverse('login')}?next={next_url}")
    return redirect_to_login(next_url)


def _take_kept_draft(request, person_id) -> dict | None:
    drafts = request.session.get(DRAFTS_KEY) or {}
    draft = drafts.pop(str(person_id), None)
    if draft is not None:
        request.session[DRAFTS_KEY] = drafts
        draft["person_present"] = draft.get("person_present") in ("on", "true", "True", "1")
    return draft


# --- Recording ------------------------------------------------------------------------


def _where_it_went(note) -> str:
    name = note.person.preferred_name
    booked = " " + _("The next contact is booked as an appointment.") if _booked(note) else ""
    if note.is_withheld:
        saved = _("Saved in %(name)s's session notes. %(name)s cannot read it: you gave a reason.")
    else:
        saved = _("Saved in %(name)s's session notes. %(name)s can read it.")
    return saved % {"name": name} + booked


def _booked(note) -> bool:
    return note.appointments_booked.exists()


@login_not_required
@access.form_page(access.Can.WRITE_NOTES)
def note_create(request, person_id):
    if not request.user.is_authenticated:
        return _keep_draft_and_sign_in(request, person_id)
    person = access.get_person_for(
        request, person_id, what="their session notes (writing a new note)"
    )
    saved_note = repeat = None
    restored = False
    may_book = access.may(request.user, person, Can.MANAGE_APPOINTMENTS)
    if request.method == "POST":
        form = SessionNoteForm(request.POST, person=person, may_book=may_book)
        if form.is_valid() and not request.POST.get("save_again"):
            repeat = actions.same_note_moments_ago(person, form.cleaned_data)
        if form.is_valid() and repeat is None:
            try:
                saved_note = actions.record_session(
                    person,
                    request.user,
                    form.cleaned_data,
                    suggested_while_drafting=language.parse_keys(
                        form.cleaned_data["suggested_terms"]
                    ),
                )
            except ValidationError as refused:  # a rule of the note the form did not catch
                form.add_error(None, refused.messages)
            except ActionRefused as refusal:  # the appointment for the next contact
                show_refusal(form, refusal)
        if saved_note:
            if not is_htmx(request):
                messages.success(request, _where_it_went(saved_note))
                return redirect("note_detail", person_id=person.pk, note_id=saved_note.pk)
            form = SessionNoteForm(person=person, may_book=may_book)
    else:
        kept = _take_kept_draft(request, person.pk)
        restored = kept is not None
        form = SessionNoteForm(initial=kept or {}, person=person, may_book=may_book)
    context = {
        "person": person,
        "form": form,
        "saved_note": saved_note,
        "saved_where": _where_it_went(saved_note) if saved_note else "",
        "repeat": repeat,
        "restored": restored,
    }
    template = "casework/note_form.html"
    return render(request, f"{template}#note-form" if is_htmx(request) else template, context)


@require_POST
def language_suggestions(request):
    """The suggestions partial for the text typed so far (htmx, while writing)."""
    form = LanguageCheckForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    texts = [data.get(f, "") for f in ("talked_about", "going_well", "next_steps", "text")]
    suggestions = language.find_suggestions(*texts)
    seen = language.parse_keys(data.get("suggested_terms", "")) | {s.key for s in suggestions}
    return render(
        request,
        "casework/includes/language_suggestions.html",
        {"suggestions": suggestions, "suggested_terms": ",".join(sorted(seen)), "live": True},
    )


# --- Reading --------------------------------------------------------------------------


@access.reads()
def note_list(request, person_id):
    person = access.get_person_for(request, person_id, what="their session notes")
    abilities = access.capabilities(request.user, person)
    # The Sessions page of the record also holds the person's recent check-ins:
    # what they sent between sessions (new ones are on the overview too).
    reads_check_ins = access.Can.READ_CHECK_INS in abilities
    page = _page(request, actions.timeline(person, request.user))
    return render(
        request,
        "casework/note_list.html",
        {
            "person": person,
            "page": page,
            "cards": note_cards(page),
            "can_write_notes": access.Can.WRITE_NOTES in abilities,
            "can_read_check_ins": reads_check_ins,
            "can_ack_check_ins": access.Can.ACK_CHECK_INS in abilities,
            "recent_check_ins": person.check_ins.select_related("seen_by")[:RECENT_CHECK_INS]
            if reads_check_ins
            else [],
        },
    )


@access.reads()
def note_detail(request, person_id, note_id):
    person = access.get_person_for(request, person_id, what="a session note")
    note = access.get_note_for(
        request,
        person,
        note_id,
        queryset=person.notes.select_related(
            "author", "person_view_by", "feedback"
        ).prefetch_related(
            "addenda__author",
            "sharing_changes__changed_by",
            "correction_requests__responded_by",
        ),
    )
    can_write = _can_change_note(request, person, note)
    # Feedback goes to the worker who ran the session, not to everyone on the record.
    feedback = getattr(note, "feedback", None) if note.author_id == request.user.pk else None
    return render(
        request,
        "casework/note_detail.html",
        {
            "person": person,
            "note": note,
            "suggestions": actions.note_suggestions(note),
            "can_write": can_write,
            "can_correct": can_write and actions.typo_window_open(note, request.user),
            "earlier_wordings": actions.earlier_wordings(note),
            "feedback": feedback,
        },
    )


# --- Changing -------------------------------------------------------------------------


@access.form_page(access.Can.WRITE_NOTES)
def note_edit(request, person_id, note_id):
    person = access.get_person_for(request, person_id, what="a session note (correcting)")
    note = access.get_note_for(request, person, note_id, write=True)
    locked = actions.typo_lock_reason(note, request.user)
    if locked:
        messages.info(request, locked)
        return redirect("addendum_create", person_id=person.pk, note_id=note.pk)
    form = TypoCorrectionForm(posted(request), instance=SessionNote(), initial=_texts(note))
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_typo(note, request.user, form.cleaned_data)
        except actions.NoteLocked as locked:
            messages.info(request, str(locked))
            return redirect("addendum_create", person_id=person.pk, note_id=note.pk)
        messages.success(request, _("The note is corrected. The earlier wording is kept."))
        return redirect("note_detail", person_id=person.pk, note_id=note.pk)
    deadline = note.created_at + actions.TYPO_WINDOW
    return render(
        request,
        "casework/note_edit.html",
        {"person": person, "note": note, "form": form, "deadline": deadline},
    )


def _texts(note):
    return {field: getattr(note, field) for field in actions.TEXT_FIELDS}


@access.form_page(access.Can.WRITE_NOTES)
def addendum_create(request, person_id, note_id):
    person = access.get_person_for(request, person_id, what="a session note (adding an addendum)")
    note = access.get_note_for(request, person, note_id, write=True)
    form = AddendumForm(posted(request))
    if request.method == "POST" and form.is_valid():
        actions.add_addendum(note, request.user, form.cleaned_data["text"])
        messages.success(request, _("Your addendum is added under the note."))
        return redirect("note_detail", person_id=person.pk, note_id=note.pk)
    return render(
        request, "casework/addendum_form.html", {"person": person, "note": note, "form": form}
    )


@access.form_page(access.Can.WRITE_NOTES)
def note_sharing(request, person_id, note_id):
    """Withhold a shared note (with a reason), or share a withheld one again."""
    person = access.get_person_for(request, person_id, what="a session note (sharing)")
    note = access.get_note_for(request, person, note_id, write=True)
    form_class = ShareAgainForm if note.is_withheld else WithholdForm
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if note.is_withheld:
            actions.share_note(note, request.user, data["explanation"])
            messages.success(
                request,
                _("The note is shared with %(person)s again.") % {"person": person.preferred_name},
            )
        else:
            actions.withhold_note(note, request.user, data["reason"], data["explanation"])
            messages.success(
                request,
                _(
                    "The note is not shared. %(person)s will see that it exists, its date and the reason."
                )
                % {"person": person.preferred_name},
            )
        return redirect("note_detail", person_id=person.pk, note_id=note.pk)
    return render(
        request, "casework/note_sharing.html", {"person": person, "note": note, "form": form}
    )


# --- Search ---------------------------------------------------------------------------


@require_safe
def note_search(request):
    query = search.clean_query(request.GET.get("q"))
    page = search.search_page(request.user, query, request.GET.get("page")).page if query else None
    hits = []
    if page is not None:
        hits = [(note, search.snippet(note, query)) for note in page]
        access.record_search_views(request.user, [note.person for note in page])
    return render(
        request,
        "casework/note_search.html",
        {
            "query": query,
            "page": page,
            "hits": hits,
            "pagination_query": urlencode({"q": query}) if query else "",
            "now": timezone.now(),
        },
    )
