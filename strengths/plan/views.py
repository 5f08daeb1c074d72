"""Recovery plan pages. Each view is thin: reach the person through ``casework.access``,
reach plan items through the person's plan, call one action in ``strengths.plan.actions``, render.

Staff views take ``person_id``; the person's own views (under ``/me/plan/``) take
none and use ``get_own_person``. Both sides share the ``_…`` functions below, so
the same rules, concurrency and history apply whoever writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import access
from casework.access import Can, get_own_person, get_person_for
from casework.common.counting import AskedTogether
from casework.common.errors import show_refusal
from casework.common.forms import posted
from casework.common.htmx import is_htmx
from strengths.plan import actions
from strengths.plan.forms import (
    AgreementForm,
    DifferenceForm,
    ResolutionForm,
    ReviewDateForm,
    SectionForm,
)
from strengths.plan.live import LIVE_FOR_SECTION, live_parts
from strengths.plan.models import PlanSectionRevision
from strengths.plan.reads import (
    agreement_status,
    differences_by_section,
    section_differences,
    sections_for_page,
    whose_words,
    word_diff,
)

WHAT = "their recovery plan"


@dataclass(frozen=True)
class Side:
    """Which side a plan page is shown on: staff (with a person id) or the person's own."""

    person_id: int | None
    can_write: bool

    @property
    def mine(self) -> bool:
        return self.person_id is None

    def url(self, name="", **kwargs) -> str:
        url_name = "plan" + (f"_{name}" if name else "")
        if self.mine:
            return reverse(f"me_{url_name}", kwargs=kwargs)
        return reverse(url_name, kwargs={"person_id": self.person_id, **kwargs})


# --- Reaching the person, the plan and its parts ------------------------------------


def _staff(request, person_id):
    person = get_person_for(request, person_id, what=WHAT)
    return person, Side(person.pk, access.may(request.user, person, Can.EDIT_PLAN))


def _own(request):
    person = get_own_person(request, what="your recovery plan")
    can_write = access.may(request.user, person, Can.EDIT_PLAN)
    if request.access_need != Can.READ and not can_write:
        # A closed case: the plan stays readable, its forms say why they are not offered.
        raise access.RecordClosed(person)
    return person, Side(None, can_write)


def _plan(person, side):
    """The current plan; started on first visit by someone who may write, else 404."""
    plan = actions.get_or_create_plan(person) if side.can_write else actions.current_plan(person)
    if plan is None:
        raise Http404("No such record.")
    return plan


def _section(plan, section_id):
    return get_object_or_404(plan.sections, pk=section_id)


def _decorate(sections, person, plan, side, *, live=None, differences=None, asked=None):
    """Attach what each section shows: whose words, its live list, open differences."""
    live = live_parts(person) if live is None else live
    if differences is None:
        differences = differences_by_section(plan, asked=asked)
    for section in sections:
        section.whose = whose_words(section, person, mine=side.mine)
        kind = LIVE_FOR_SECTION.get(section.key)
        section.live_kind = kind[0] if kind else ""
        section.live_items = live.get(section.key, [])
        section.open_differences = differences.get(section.pk, [])
    return sections


def _one_section(person, side, plan, section_id):
    section = sections_for_page(plan).get(pk=section_id)
    kind = LIVE_FOR_SECTION.get(section.key)
    live = {section.key: kind[1](person)} if kind else {}
    return _decorate([section], person, plan, side, live=live)[0]


def _context(person, side, plan, **extra):
    return {"person": person, "side": side, "plan": plan, **extra}


# --- The plan page, print and easy read -----------------------------------------------


def _plan_page(request, person, side, template="strengths/plan.html"):
    plan = actions.get_or_create_plan(person) if side.can_write else actions.current_plan(person)
    if plan is None:
        return render(request, "strengths/plan_not_started.html", {"person": person, "side": side})
    # Open differences and versions marked ready to agree are often none: one query asks.
    asked = AskedTogether(differences=section_differences(plan), versions=plan.versions.all())
    sections = _decorate(list(sections_for_page(plan)), person, plan, side, asked=asked)
    return render(
        request,
        template,
        _context(
            person,
            side,
            plan,
            sections=sections,
            status=agreement_status(plan, asked),
            today=timezone.localdate(),
        ),
    )


@access.reads()
def plan_page(request, person_id):
    return _plan_page(request, *_staff(request, person_id))


@access.reads()
def plan_print(request, person_id):
    person, side = _staff(request, person_id)
    return _plan_page(request, person, side, "strengths/plan_print.html")


@access.reads()
def plan_easy_read(request, person_id):
    person, side = _staff(request, person_id)
    return _plan_page(request, person, side, "strengths/plan_easy_read.html")


@access.reads()
def me_plan(request):
    return _plan_page(request, *_own(request))


@access.reads()
def me_plan_print(request):
    return _plan_page(request, *_own(request), "strengths/plan_print.html")


@access.reads()
def me_plan_easy_read(request):
    return _plan_page(request, *_own(request), "strengths/plan_easy_read.html")


# --- One section: show, edit (with compare-and-swap), history, restore ---------------


def _render_section(request, person, side, plan, section_id, status=200, saved_heading=""):
    section = _one_section(person, side, plan, section_id)
    return render(
        request,
        "strengths/plan.html#section",
        _context(person, side, plan, section=section, saved_heading=saved_heading),
        status=status,
    )


def _section_view(request, person, side, section_id):
    plan = _plan(person, side)
    section = _section(plan, section_id)
    if is_htmx(request):
        return _render_section(request, person, side, plan, section.pk)
    return redirect(f"{side.url()}#section-{section.pk}")


@access.reads()
def plan_section(request, person_id, section_id):
    return _section_view(request, *_staff(request, person_id), section_id)


@access.reads()
def me_plan_section(request, section_id):
    return _section_view(request, *_own(request), section_id)


def _edit_response(request, person, side, plan, section, form, status=200):
    context = _context(person, side, plan, section=section, form=form)
    template = "strengths/plan_section_edit.html"
    if is_htmx(request):
        template += "#form"
    return render(request, template, context, status=status)


def _conflict_response(request, person, side, plan, result):
    section = result.section
    combined = "\n\n".join(t for t in (section.text.strip(), result.conflict.text.strip()) if t)
    form = SectionForm(
        initial={"heading": result.conflict.heading, "text": combined, "version": section.version},
        section=section,
    )
    form.fields["text"].label = _("Both texts together, to edit and save")
    context = _context(person, side, plan, section=section, kept=result.conflict, form=form)
    template = "strengths/plan_conflict.html" + ("#conflict" if is_htmx(request) else "")
    return render(request, template, context, status=409)


def _section_edit(request, person, side, section_id):
    plan = _plan(person, side)
    section = _section(plan, section_id)
    if request.method != "POST":
        form = SectionForm(instance=section, initial={"version": section.version}, section=section)
        return _edit_response(request, person, side, plan, section, form)
    form = SectionForm(request.POST, section=section)
    if not form.is_valid():
        return _edit_response(request, person, side, plan, section, form, status=400)
    result = actions.save_section(
        request.user,
        person,
        section,
        heading=form.cleaned_data["heading"],
        text=form.cleaned_data["text"],
        based_on_version=form.cleaned_data["version"],
    )
    if not result.saved:
        return _conflict_response(request, person, side, plan, result)
    if is_htmx(request):
        return _render_section(
            request, person, side, plan, section.pk, saved_heading=result.section.heading
        )
    messages.success(request, _("Saved “%(heading)s”.") % {"heading": result.section.heading})
    return redirect(f"{side.url()}#section-{section.pk}")


@access.form_page(Can.EDIT_PLAN)
def plan_section_edit(request, person_id, section_id):
    return _section_edit(request, *_staff(request, person_id), section_id)


@access.form_page(Can.EDIT_PLAN)
def me_plan_section_edit(request, section_id):
    return _section_edit(request, *_own(request), section_id)


def _revision_choice(revisions, value, default):
    by_id = {str(r.pk): r for r in revisions}
    return by_id.get(value or "", default)


def _section_history(request, person, side, section_id):
    plan = _plan(person, side)
    section = _section(plan, section_id)
    revisions = list(section.revisions.select_related("author", "recorded_by"))
    versions = [r for r in revisions if r.kind != PlanSectionRevision.Kind.CONFLICT_KEPT]
    newer = _revision_choice(revisions, request.GET.get("to"), versions[0] if versions else None)
    older = _revision_choice(
        revisions, request.GET.get("from"), versions[1] if len(versions) > 1 else None
    )
    diff = word_diff(older.text if older else "", newer.text if newer else "") if newer else []
    resolved = differences_by_section(plan, resolved=True).get(section.pk, [])
    return render(
        request,
        "strengths/plan_section_history.html",
        _context(
            person,
            side,
            plan,
            section=section,
            revisions=revisions,
            older=older,
            newer=newer,
            diff=diff,
            resolved=resolved,
        ),
    )


@access.reads()
def plan_section_history(request, person_id, section_id):
    return _section_history(request, *_staff(request, person_id), section_id)


@access.reads()
def me_plan_section_history(request, section_id):
    return _section_history(request, *_own(request), section_id)


def _revision_restore(request, person, side, section_id, revision_id):
    plan = _plan(person, side)
    section = _section(plan, section_id)
    revision = get_object_or_404(section.revisions.select_related("author"), pk=revision_id)
    error = ""
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
            actions.restore_revision(
                request.user, person, section, revision, based_on_version=version
            )
        except ValueError:
            error = _("This form did not say which version it was opened at. Nothing was changed.")
        except actions.PlanError as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _("The earlier text of “%(heading)s” is back.") % {"heading": revision.heading},
            )
            return redirect(f"{side.url()}#section-{section.pk}")
    return render(
        request,
        "strengths/plan_revision_restore.html",
        _context(person, side, plan, section=section, revision=revision, error=error),
        status=409 if error else 200,
    )


@access.form_page(Can.EDIT_PLAN)
def plan_revision_restore(request, person_id, section_id, revision_id):
    person, side = _staff(request, person_id)
    return _revision_restore(request, person, side, section_id, revision_id)


@access.form_page(Can.EDIT_PLAN)
def me_plan_revision_restore(request, section_id, revision_id):
    return _revision_restore(request, *_own(request), section_id, revision_id)


# --- Where we see it differently ------------------------------------------------------


def _see_differently(request, person, side, section_id):
    plan = _plan(person, side)
    section = _section(plan, section_id)
    form = DifferenceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        actions.see_differently(request.user, person, section, wording=form.cleaned_data["wording"])
        messages.success(request, _("Your view is on the plan, next to the section."))
        return redirect(f"{side.url()}#section-{section.pk}")
    return render(
        request,
        "strengths/plan_see_differently.html",
        _context(person, side, plan, section=section, form=form),
        status=400 if form.errors else 200,
    )


@access.form_page(Can.EDIT_PLAN)
def plan_see_differently(request, person_id, section_id):
    return _see_differently(request, *_staff(request, person_id), section_id)


@access.form_page(Can.EDIT_PLAN)
def me_plan_see_differently(request, section_id):
    return _see_differently(request, *_own(request), section_id)


def _difference_resolve(request, person, side, difference_id):
    plan = _plan(person, side)
    difference = get_object_or_404(
        plan.differences.select_related("raised_by").prefetch_related("resolutions__resolved_by"),
        pk=difference_id,
    )
    section = _section(plan, difference.target_id)
    form = ResolutionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.resolve_difference(
                request.user, person, difference, note=form.cleaned_data["note"]
            )
        except actions.PlanError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Marked resolved from your side."))
            return redirect(f"{side.url()}#section-{section.pk}")
    return render(
        request,
        "strengths/plan_difference_resolve.html",
        _context(person, side, plan, section=section, difference=difference, form=form),
        status=400 if form.errors else 200,
    )


@access.form_page(Can.EDIT_PLAN)
def plan_difference_resolve(request, person_id, difference_id):
    return _difference_resolve(request, *_staff(request, person_id), difference_id)


@access.form_page(Can.EDIT_PLAN)
def me_plan_difference_resolve(request, difference_id):
    return _difference_resolve(request, *_own(request), difference_id)


# --- Agreement and review -------------------------------------------------------------


@access.form_page(Can.EDIT_PLAN)
def plan_ready(request, person_id):
    person, side = _staff(request, person_id)
    plan = _plan(person, side)
    if request.method == "POST":
        actions.mark_ready_to_agree(request.user, person, plan)
        messages.success(
            request,
            _("The plan is ready for %(person)s to agree.") % {"person": person.preferred_name},
        )
        return redirect(side.url())
    return render(
        request,
        "strengths/plan_ready.html",
        _context(person, side, plan, status=agreement_status(plan)),
    )


def _agree(request, person, side):
    plan = _plan(person, side)
    status = agreement_status(plan)
    in_the_room = not side.mine
    form = AgreementForm(
        posted(request),
        in_the_room=in_the_room,
        initial={"plan_version": status.ready.pk if status.ready else None},
    )
    http_status = 200
    if request.method == "POST" and form.is_valid():
        ready = plan.versions.filter(pk=form.cleaned_data["plan_version"]).first()
        try:
            if ready is None:
                raise actions.PlanError(
                    _("That version of the plan was not found. Please try again.")
                )
            actions.record_agreement(
                request.user,
                person,
                ready,
                answer=form.cleaned_data["answer"],
                detail=form.cleaned_data["detail"],
            )
        except actions.PlanError as exc:
            show_refusal(form, exc)
            http_status = 409
        else:
            messages.success(request, _("The answer is saved with this version of the plan."))
            return redirect(side.url())
    elif form.errors:
        http_status = 400
    sections = _decorate(list(sections_for_page(plan)), person, plan, side)
    return render(
        request,
        "strengths/plan_agree.html",
        _context(
            person, side, plan, status=status, form=form, in_the_room=in_the_room, sections=sections
        ),
        status=http_status,
    )


@access.form_page(Can.EDIT_PLAN)
def plan_agree(request, person_id):
    return _agree(request, *_staff(request, person_id))


@access.form_page(Can.EDIT_PLAN)
def me_plan_agree(request):
    return _agree(request, *_own(request))


@access.form_page(Can.EDIT_PLAN)
def plan_review(request, person_id):
    person, side = _staff(request, person_id)
    plan = _plan(person, side)
    form = ReviewDateForm(posted(request), instance=plan)
    if request.method == "POST" and form.is_valid():
        actions.set_review_date(request.user, person, plan, form.cleaned_data["review_due"])
        messages.success(request, _("The review date is saved."))
        return redirect(side.url())
    return render(
        request,
        "strengths/plan_review.html",
        _context(person, side, plan, form=form),
        status=400 if form.errors else 200,
    )
