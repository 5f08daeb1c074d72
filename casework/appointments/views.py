"""Appointment pages: the staff side of a record, the worker's diary, and calendar files.

Record pages declare their need (``Can.READ`` to read, ``Can.MANAGE_APPOINTMENTS``
to change), get the person through ``get_person_for`` and reach appointments
through them (``person.appointments``). The diary and its calendar link are the
signed-in staff member's own (``get_practising_self``). The subscription feed is
opened by its token alone, from a calendar app with no session: it is
``login_not_required``, answers 404 for an unknown or switched-off token, and
logs every use.
"""

from __future__ import annotations

import datetime
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from casework import access
from casework.access import Can, get_person_for
from casework.appointments import actions, reads
from casework.appointments.calendar import calendar_for
from casework.appointments.forms import (
    AnswerForm,
    BookForm,
    CalendarLinkForm,
    CancelForm,
    MoveForm,
    OutcomeForm,
    initial_times,
)
from casework.common.errors import ActionRefused, show_refusal
from casework.common.forms import posted
from casework.models import AccessEvent, CalendarSubscription, RearrangeRequest
from casework.security import client_ip

security_log = logging.getLogger("recovery_practice.security")

WHAT = actions.WHAT
# Earlier and cancelled appointments, a page at a time.
PAST_PAGE = 20
PAGE_SIZE = 25
FEED_PAST_DAYS = 90


def _may_manage(request, person) -> bool:
    return access.may(request.user, person, Can.MANAGE_APPOINTMENTS)


def _appointment(person, appointment_id):
    return get_object_or_404(
        reads.for_person(person).select_related("created_by", "outcome_recorded_by"),
        pk=appointment_id,
    )


def _detail_url(appointment) -> str:
    return reverse("appointment_detail", args=[appointment.person_id, appointment.pk])


@access.reads()
def appointment_list(request, person_id):
    person = get_person_for(request, person_id, what=WHAT)
    now = timezone.now()
    return render(
        request,
        "casework/appointments/list.html",
        {
            "person": person,
            "upcoming": reads.upcoming_for_person(person, now),
            "past": Paginator(reads.past_for_person(person, now), PAST_PAGE).get_page(
                request.GET.get("page")
            ),
            "can_manage": _may_manage(request, person),
        },
    )


@access.form_page(Can.MANAGE_APPOINTMENTS)
def appointment_book(request, person_id):
    person = get_person_for(request, person_id, what=WHAT)
    workers = actions.workers_who_may_attend(person)
    form = BookForm(
        posted(request),
        person=person,
        workers=workers,
        initial={**initial_times(), "kind": "office", "workers": [request.user.pk]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appointment = actions.book_appointment(
                request.user,
                person,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                kind=data["kind"],
                place=data["place"],
                purpose=data["purpose"],
                workers=data["workers"],
                goals=data["goals"],
            )
        except ActionRefused as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(
                request, _("Appointment booked. The person can see it in their space.")
            )
            return redirect(_detail_url(appointment))
    return render(
        request,
        "casework/appointments/form.html",
        {
            "person": person,
            "form": form,
            "title": _("Book an appointment with %(person)s") % {"person": person.preferred_name},
            "submit": _("Book it"),
            "cancel_url": reverse("appointment_list", args=[person.pk]),
        },
    )


@access.reads()
def appointment_detail(request, person_id, appointment_id):
    person = get_person_for(request, person_id, what=WHAT)
    appointment = _appointment(person, appointment_id)
    return render(
        request,
        "casework/appointments/detail.html",
        {
            "person": person,
            "appointment": appointment,
            "history": reads.history(appointment),
            "requests": list(appointment.rearrange_requests.select_related("answered_by")),
            "can_manage": _may_manage(request, person),
            "now": timezone.now(),
        },
    )


def _again_at_version(form, version: int):
    """The same posted words, bound again at the appointment's current version."""
    data = form.data.copy()
    data["version"] = str(version)
    again = type(form)(data, initial=form.initial)
    again.is_valid()
    return again


def _change_page(request, person_id, appointment_id, *, form_class, title, submit, apply, initial):
    """The shared flow of move, cancel and record-what-happened: form, action, back to detail."""
    person = get_person_for(request, person_id, what=WHAT)
    appointment = _appointment(person, appointment_id)
    form = form_class(
        posted(request), initial={**initial(appointment), "version": appointment.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            apply(appointment, form.cleaned_data)
        except ActionRefused as refusal:
            # Show the appointment as it is now, and keep what they typed, checked against
            # the version they now see: saving again is a choice made knowing the change.
            appointment = _appointment(person, appointment_id)
            form = _again_at_version(form, appointment.version)
            show_refusal(form, refusal)
        else:
            messages.success(request, _("Saved. The person sees the change and why."))
            return redirect(_detail_url(appointment))
    return render(
        request,
        "casework/appointments/form.html",
        {
            "person": person,
            "appointment": appointment,
            "form": form,
            "title": title,
            "submit": submit,
            "cancel_url": _detail_url(appointment),
        },
    )


@access.form_page(Can.MANAGE_APPOINTMENTS)
def appointment_move(request, person_id, appointment_id):
    def apply(appointment, data):
        actions.move_appointment(
            request.user,
            appointment,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            # An empty box keeps the place it has (MoveForm's help text says so).
            place=data["place"] or None,
            reason=data["reason"],
            version=data["version"],
        )

    return _change_page(
        request,
        person_id,
        appointment_id,
        form_class=MoveForm,
        title=_("Move this appointment"),
        submit=_("Move it"),
        apply=apply,
        initial=lambda a: {**initial_times(a), "place": a.place},
    )


@access.form_page(Can.MANAGE_APPOINTMENTS)
def appointment_cancel(request, person_id, appointment_id):
    def apply(appointment, data):
        actions.cancel_appointment(
            request.user, appointment, reason=data["reason"], version=data["version"]
        )

    return _change_page(
        request,
        person_id,
        appointment_id,
        form_class=CancelForm,
        title=_("Cancel this appointment"),
        submit=_("Cancel the appointment"),
        apply=apply,
        initial=lambda a: {},
    )


@access.form_page(Can.MANAGE_APPOINTMENTS)
def appointment_outcome(request, person_id, appointment_id):
    def apply(appointment, data):
        actions.record_outcome(
            request.user,
            appointment,
            outcome=data["outcome"],
            person_words=data["person_words"],
            worker_words=data["worker_words"],
            version=data["version"],
        )

    return _change_page(
        request,
        person_id,
        appointment_id,
        form_class=OutcomeForm,
        title=_("Record what happened"),
        submit=_("Save"),
        apply=apply,
        initial=lambda a: {
            "outcome": a.outcome or None,
            "person_words": a.outcome_person_words,
            "worker_words": a.outcome_worker_words,
        },
    )


@access.form_page(Can.MANAGE_APPOINTMENTS)
def rearrange_answer(request, person_id, appointment_id, request_id):
    person = get_person_for(request, person_id, what=WHAT)
    appointment = _appointment(person, appointment_id)
    asked = get_object_or_404(
        RearrangeRequest.objects.select_related("asked_by", "answered_by"),
        appointment=appointment,
        pk=request_id,
    )
    form = AnswerForm(
        posted(request), initial={**initial_times(appointment), "version": appointment.version}
    )
    if request.method == "POST" and not asked.is_open:
        # Someone answered first: say so, and give this answer's words back.
        form.is_valid()
        show_refusal(
            form,
            ActionRefused(
                _(
                    "This request has already been answered, so your answer was not sent. "
                    "Your words are below if you want to keep them."
                )
            ),
        )
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.answer_rearrange_request(
                request.user,
                asked,
                answer=data["answer"],
                answer_text=data["answer_text"],
                version=data["version"],
                starts_at=data.get("starts_at"),
                ends_at=data.get("ends_at"),
            )
        except ActionRefused as refusal:
            appointment = _appointment(person, appointment_id)
            form = _again_at_version(form, appointment.version)
            show_refusal(form, refusal)
        else:
            messages.success(request, _("Answered. The person sees your answer."))
            return redirect(_detail_url(appointment))
    return render(
        request,
        "casework/appointments/answer.html",
        {
            "person": person,
            "appointment": appointment,
            "asked": asked,
            "form": form,
            "cancel_url": _detail_url(appointment),
        },
    )


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access.reads()
def appointment_ics(request, person_id, appointment_id):
    person = get_person_for(request, person_id, what=WHAT + " (calendar file)")
    appointment = _appointment(person, appointment_id)
    content = calendar_for([appointment], include_names=False, for_person=False, name="Appointment")
    return ics_response(content, f"appointment-{appointment.pk}.ics")


# --- The worker's own diary ------------------------------------------------------------------


@require_safe
def diary(request):
    """The signed-in worker's booked appointments from today on, a page at a time."""
    user = access.get_practising_self(request)
    start, _end = reads.day_bounds(timezone.localdate())
    upcoming = reads.diary_for(user).filter(ends_at__gte=start)
    page = Paginator(upcoming, PAGE_SIZE).get_page(request.GET.get("page"))
    access.record_search_views(user, [a.person for a in page], what=WHAT + " (in the diary)")
    return render(
        request,
        "casework/appointments/diary.html",
        {"page": page, "link": _live_link(user, None)},
    )


def _live_link(user, person):
    return CalendarSubscription.objects.filter(
        owner=user, person=person, revoked_at__isnull=True
    ).first()


def calendar_link_page(request, *, user, person, back_url, template):
    """Make, remake or switch off a private calendar link (the worker's or the person's)."""
    form = CalendarLinkForm(posted(request))
    new_url = None
    if request.method == "POST":
        if request.POST.get("do") == "revoke":
            actions.revoke_calendar_links(user, person=person)
            messages.success(
                request, _("Calendar link switched off. The old link no longer works.")
            )
            return redirect(request.path)
        if form.is_valid() and request.POST.get("do") == "make":
            _link, token = actions.make_calendar_link(
                user, person=person, include_names=form.cleaned_data["include_names"]
            )
            new_url = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
        elif form.is_valid():
            form.add_error(None, _("Choose to make a link or to switch it off."))
    return render(
        request,
        template,
        {
            "form": form,
            "link": _live_link(user, person),
            "new_url": new_url,
            "back_url": back_url,
            "person": person,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def diary_calendar(request):
    user = access.get_practising_self(request)
    return calendar_link_page(
        request,
        user=user,
        person=None,
        back_url=reverse("diary"),
        template="casework/appointments/calendar_link.html",
    )


# --- The subscription feed: a calendar app, no session --------------------------------------


def _feed_appointments(subscription: CalendarSubscription):
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    owner = subscription.owner
    reach = access.calendar_feed_reach(owner, subscription.person)
    if reach is None:
        return None, []
    if subscription.person_id is not None:
        return reach, list(reads.for_person(subscription.person).filter(ends_at__gte=since))
    shown = list(reads.diary_for(owner).filter(ends_at__gte=since, person__in=reach))
    return list({a.person_id: a.person for a in shown}.values()), shown


@login_not_required
@require_safe
def calendar_feed(request, feed_token):
    """A private calendar subscription, by token: 404 unless it is live; every use is logged."""
    subscription = actions.subscription_for_token(feed_token)
    people, appointments = (None, []) if subscription is None else _feed_appointments(subscription)
    if people is None:
        security_log.warning(
            "calendar link refused: ip=%s (unknown or switched off)", client_ip(request)
        )
        raise Http404("No such calendar.")
    owner = subscription.owner
    security_log.info(
        "calendar link used: subscription_id=%s owner_id=%s ip=%s",
        subscription.pk,
        owner.pk,
        client_ip(request),
    )
    what = WHAT + " (private calendar link)"
    if subscription.person_id is not None:
        access.record_access(owner, subscription.person, AccessEvent.Action.VIEWED, what)
    else:
        access.record_search_views(owner, people, what=what)
    CalendarSubscription.objects.filter(pk=subscription.pk).update(last_used_at=timezone.now())
    content = calendar_for(
        appointments,
        include_names=subscription.include_names,
        for_person=subscription.person_id is not None,
        name="My appointments" if subscription.person_id else "My diary",
    )
    response = ics_response(content, "appointments.ics")
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    return response
