"""The person's own appointments under /me/: upcoming and past, "I can't make this",
each appointment as a calendar file, and their private calendar link."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import access
from casework.access import Can, get_own_person
from casework.appointments import actions, reads
from casework.appointments.calendar import calendar_for
from casework.appointments.forms import AskToRearrangeForm
from casework.appointments.views import calendar_link_page, ics_response
from casework.common.errors import ActionRefused, show_refusal
from casework.common.forms import posted

# Earlier and cancelled appointments, a page at a time.
PAST_PAGE = 20

WHAT = "your appointments"


def _my_appointment(person, appointment_id):
    return get_object_or_404(reads.for_person(person), pk=appointment_id)


@access.reads()
def my_appointments(request):
    person = get_own_person(request, what=WHAT)
    now = timezone.now()
    return render(
        request,
        "casework/me/appointments.html",
        {
            "person": person,
            "upcoming": reads.upcoming_for_person(person, now),
            "past": Paginator(reads.past_for_person(person, now), PAST_PAGE).get_page(
                request.GET.get("page")
            ),
            "may_ask": access.may(request.user, person, Can.ASK_TO_REARRANGE),
        },
    )


@access.reads()
def my_appointment(request, appointment_id):
    person = get_own_person(request, what=WHAT)
    appointment = _my_appointment(person, appointment_id)
    return render(
        request,
        "casework/me/appointment.html",
        {
            "person": person,
            "appointment": appointment,
            "history": reads.history(appointment),
            "requests": list(appointment.rearrange_requests.select_related("answered_by")),
            "may_ask": access.may(request.user, person, Can.ASK_TO_REARRANGE),
            "now": timezone.now(),
        },
    )


@access.form_page(Can.ASK_TO_REARRANGE)
def my_appointment_ask(request, appointment_id):
    person = get_own_person(request, what=WHAT)
    appointment = _my_appointment(person, appointment_id)
    form = AskToRearrangeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.ask_to_rearrange(request.user, appointment, reason=form.cleaned_data["reason"])
        except ActionRefused as refusal:
            show_refusal(form, refusal)
        else:
            messages.success(
                request, _("Thank you. Your worker will see your request and answer it here.")
            )
            return redirect("me_appointment", appointment_id=appointment.pk)
    return render(
        request,
        "casework/me/appointment_ask.html",
        {
            "person": person,
            "appointment": appointment,
            "form": form,
            "already_asked": appointment.open_request_pk is not None,
            "back_url": reverse("me_appointment", args=[appointment.pk]),
        },
    )


@access.reads()
def my_appointment_ics(request, appointment_id):
    person = get_own_person(request, what=WHAT + " (calendar file)")
    appointment = _my_appointment(person, appointment_id)
    content = calendar_for([appointment], include_names=False, for_person=True, name="Appointment")
    return ics_response(content, f"appointment-{appointment.pk}.ics")


@access.form_page(Can.MANAGE_MY_CALENDAR)
def my_calendar_link(request):
    person = get_own_person(request, what=WHAT + " (calendar link)")
    return calendar_link_page(
        request,
        user=request.user,
        person=person,
        back_url=reverse("me_appointments"),
        template="casework/me/calendar_link.html",
    )
