"""Reminder pages: the person's choice and their list of messages; the lead worker's list."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casework import access
from casework.access import Can
from casework.common.forms import posted
from casework.people.models import Person
from casework.reminders.actions import preference_for, save_reminder_choice
from casework.reminders.forms import ReminderPreferenceForm

PAGE_SIZE = 25


def _sent_to(person: Person):
    """Messages that went to the person (not the notices to their workers), newest first."""
    return person.reminder_messages.filter(to_worker__isnull=True).order_by("-queued_at", "-id")


@access.form_page(Can.CHOOSE_MY_REMINDERS)
def my_reminders(request):
    person = access.get_own_person(request, what="your reminder choice")
    preference = preference_for(person)
    form = ReminderPreferenceForm(posted(request), instance=preference)
    if request.method == "POST" and form.is_valid():
        save_reminder_choice(person, request.user, form)
        messages.success(request, _("Your reminder choice is saved. It counts from now."))
        return redirect("me_reminders")
    return render(
        request,
        "casework/reminders/my_reminders.html",
        {
            "person": person,
            "form": form,
            "preference": preference,
            "can_choose": access.may(request.user, person, Can.CHOOSE_MY_REMINDERS),
            "recent": list(_sent_to(person)[:3]),
        },
    )


@access.reads(Can.READ)
def my_reminders_sent(request):
    person = access.get_own_person(request, what="the reminders sent to you")
    page = Paginator(_sent_to(person), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/reminders/my_sent.html", {"person": person, "page": page})


@access.reads(Can.READ_REMINDERS_SENT)
def reminders_sent(request, person_id):
    person = access.get_person_for(request, person_id, what="the reminders sent to them")
    page = Paginator(_sent_to(person), PAGE_SIZE).get_page(request.GET.get("page"))
    preference = preference_for(person)
    return render(
        request,
        "casework/reminders/person_sent.html",
        {"person": person, "page": page, "preference": preference},
    )
