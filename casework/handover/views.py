"""Handover pages: the supervisor's and org admin's form and list (no record content),
the record's handover page (the summary), the outgoing worker's note, the new
worker's "read", and the person's own page under /me/."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from casework import access
from casework.access import Can, get_own_person, get_person_for
from casework.common.counting import row_counts
from casework.common.errors import ActionRefused
from casework.common.pagination import CountedPaginator
from casework.handover import actions, summary
from casework.handover.forms import HandoverForm, OutgoingNoteForm, ResponseForm

PAGE_SIZE = 25


def _may_hand_over_or_404(request):
    if not access.may_hand_over_any(request.user):
        raise Http404("No such page.")


def handover_pages(request, handovers, counts: dict[str, int] | None = None) -> dict:
    """Pending and done handovers, each paginated (a fixed number of queries a page).

    ``counts`` (``pending``, ``done``), when given, were counted with the rest of a
    page's numbers (the supervisor home); otherwise both are counted here, in one query.
    """
    rows = handovers.select_related("person", "from_worker", "to_worker").order_by(
        "-created_at", "-id"
    )
    if counts is None:
        counts = row_counts(pending=handovers.pending(), done=handovers.done())
    pending = CountedPaginator(rows.pending(), PAGE_SIZE, count=counts["pending"])
    done = CountedPaginator(rows.done(), PAGE_SIZE, count=counts["done"])
    return {
        "pending_page": pending.get_page(request.GET.get("pending_page")),
        "done_page": done.get_page(request.GET.get("done_page")),
    }


@require_safe
def handover_list(request):
    _may_hand_over_or_404(request)
    return render(
        request,
        "casework/handover/list.html",
        {
            "workers": access.leaving_workers_for(request.user),
            **handover_pages(request, access.handovers_visible_to(request.user)),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def handover_new(request):
    """One form for one person or a whole caseload: names and workers only, no record content."""
    _may_hand_over_or_404(request)
    raw = request.POST.get("from_worker") if request.method == "POST" else request.GET.get("from")
    if not raw:
        return render(
            request,
            "casework/handover/new.html",
            {
                "workers": access.leaving_workers_for(request.user),
                "form": None,
                "error": _("Choose whose people are being handed over.")
                if request.method == "POST"
                else "",
            },
        )
    from_worker = access.get_leaving_worker(request, raw)
    assignments = access.handover_assignments(request.user, from_worker)
    only = request.GET.get("person")
    if only and only.isdigit() and assignments.filter(person_id=only).exists():
        assignments = assignments.filter(person_id=only)
    form = HandoverForm(
        request.POST if request.method == "POST" else None,
        from_worker=from_worker,
        assignments=assignments,
        workers=access.new_worker_choices(request.user, from_worker),
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = actions.hand_over(
                request.user,
                from_worker,
                form.cleaned_data["choices"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _(
                    "Handed over {count} of {name}'s people. Each person is told in their space."
                ).format(count=len(done), name=from_worker.display_name()),
            )
            return redirect("handover_list")
    return render(
        request,
        "casework/handover/new.html",
        {"workers": None, "from_worker": from_worker, "form": form},
    )


@access.reads(Can.READ_HANDOVER)
def handover_detail(request, person_id):
    person = get_person_for(request, person_id, what="their handover summary")
    handovers = list(
        person.handovers.select_related("from_worker", "to_worker", "shared_note")
        .prefetch_related("responses")
        .order_by("-created_at", "-id")
    )
    abilities = access.capabilities(request.user, person)
    return render(
        request,
        "casework/handover/detail.html",
        {
            "person": person,
            "handovers": handovers,
            "summary": summary.for_staff(request.user, person),
            "note_waiting": Can.WRITE_HANDOVER_NOTE in abilities
            and any(
                h.is_pending and h.from_worker_id == request.user.pk and not h.outgoing_note_at
                for h in handovers
            ),
            "to_read": Can.TAKE_UP_HANDOVER in abilities
            and any(h.is_pending and h.to_worker_id == request.user.pk for h in handovers),
        },
    )


@access.form_page(Can.WRITE_HANDOVER_NOTE)
def handover_note(request, person_id):
    person = get_person_for(request, person_id, what="their handover note")
    handover = actions.note_waiting_for(request.user, person)
    if handover is None:
        messages.info(request, _("There is no handover note for you to write here."))
        return redirect("handover_detail", person.pk)
    notes = (
        access.notes_visible_to(request.user, person)
        .filter(withheld_reason="")
        .order_by("-happened_at", "-id")[:20]
    )
    form = OutgoingNoteForm(
        request.POST if request.method == "POST" else None,
        notes=person.notes.filter(pk__in=[n.pk for n in notes]).order_by("-happened_at", "-id"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.write_outgoing_note(
                request.user,
                handover,
                form.cleaned_data["text"],
                form.cleaned_data["shared_note"],
            )
        except ActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _("Your note is saved. {name} and their new worker can read it.").format(
                    name=person.preferred_name
                ),
            )
            return redirect("handover_detail", person.pk)
    return render(
        request,
        "casework/handover/note_form.html",
        {"person": person, "handover": handover, "form": form},
    )


@access.action(Can.TAKE_UP_HANDOVER)
def handover_read(request, person_id):
    person = get_person_for(request, person_id, what="their handover")
    handover = actions.handover_to_read(request.user, person)
    if handover is None:
        messages.info(request, _("There is no handover waiting for you here."))
    else:
        actions.mark_read(request.user, handover)
        messages.success(request, _("Marked as read. The handover is done."))
    return redirect("person_detail", person.pk)


@access.form_page(Can.RESPOND_TO_HANDOVER)
def my_handover(request):
    person = get_own_person(request, what="your change of worker")
    handovers = list(
        person.handovers.select_related("from_worker", "to_worker", "shared_note")
        .prefetch_related("responses")
        .order_by("-created_at", "-id")
    )
    latest = handovers[0] if handovers else None
    can_respond = latest is not None and access.may(request.user, person, Can.RESPOND_TO_HANDOVER)
    form = ResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if latest is None:
            messages.info(request, _("There has been no change of worker to answer."))
            return redirect("me_handover")
        if form.is_valid():
            actions.respond(
                request.user, latest, form.cleaned_data["feeling"], form.cleaned_data["words"]
            )
            messages.success(
                request, _("Thank you. Your new worker and their supervisor will read this.")
            )
            return redirect("me_handover")
    return render(
        request,
        "casework/me/handover.html",
        {
            "person": person,
            "handovers": handovers,
            "latest": latest,
            "summary": summary.for_person(person) if latest else None,
            "form": form if can_respond else None,
        },
    )
