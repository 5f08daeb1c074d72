"""Forms for appointments. Templates own the <form>, its CSRF token and buttons.

Times are a day plus a start and end time (three plain inputs rather than one
``datetime-local``: easier to read aloud and to fill in at 320 px), made into
aware datetimes in the service's time zone.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from casework.appointments.models import REASON_LIMIT, Appointment, Kind, RearrangeRequest
from casework.common.forms import form_helper

FURTHEST_AHEAD = datetime.timedelta(days=366)
TOO_LONG = {
    "max_length": format_lazy(
        _(
            "This is longer than {limit} characters (it has %(show_value)d). "
            "Nothing has been saved: please shorten it."
        ),
        limit=f"{REASON_LIMIT:,}",
    )
}


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def aware(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


class TimesMixin(forms.Form):
    """Day, start and end, checked together; ``cleaned_data`` gains ``starts_at``/``ends_at``."""

    day = forms.DateField(label=_("Day"), widget=_date_input())
    starts = forms.TimeField(label=_("Starts"), widget=_time_input())
    ends = forms.TimeField(label=_("Ends"), widget=_time_input())

    def clean_times(self, cleaned, *, required=True):
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if not (day and starts and ends):
            return cleaned
        starts_at, ends_at = aware(day, starts), aware(day, ends)
        if ends_at <= starts_at:
            self.add_error("ends", _("The end time must be after the start time."))
        elif starts_at < timezone.now() - datetime.timedelta(minutes=5):
            self.add_error("day", _("Choose a time that has not passed yet."))
        elif starts_at > timezone.now() + FURTHEST_AHEAD:
            self.add_error("day", _("Choose a day within the next year."))
        else:
            cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
        return cleaned


def initial_times(appointment: Appointment | None = None) -> dict:
    if appointment is None:
        soon = timezone.localtime() + datetime.timedelta(days=1)
        start = soon.replace(hour=10, minute=0, second=0, microsecond=0)
        return {"day": start.date(), "starts": start.time(), "ends": datetime.time(11, 0)}
    starts, ends = (
        timezone.localtime(appointment.starts_at),
        timezone.localtime(appointment.ends_at),
    )
    return {"day": starts.date(), "starts": starts.time(), "ends": ends.time()}


class BookForm(TimesMixin):
    kind = forms.ChoiceField(label=_("How"), choices=Kind.choices, widget=forms.RadioSelect)
    place = forms.CharField(
        label=_("Where"),
        max_length=300,
        required=False,
        help_text=_("In plain words: an address, a room, or who calls whom."),
    )
    purpose = forms.CharField(
        label=_("What it is for"),
        max_length=REASON_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In plain words, as you would say it to the person. They see this."),
        error_messages=TOO_LONG,
    )
    workers = forms.ModelMultipleChoiceField(
        label=_("Who will be there from the service"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty to book it with just you."),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals it is about (optional)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, person, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        self.fields["workers"].queryset = workers
        self.fields["workers"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["goals"].queryset = person.goals.active()

    def clean(self):
        return self.clean_times(super().clean())


class MoveForm(TimesMixin):
    place = forms.CharField(
        label=_("Where"),
        max_length=300,
        required=False,
        help_text=_("Leave it empty to keep the place it has now."),
        error_messages=TOO_LONG,
    )
    reason = forms.CharField(
        label=_("Why it is moving"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person sees this, in the appointment's history."),
        error_messages={
            "required": _("Say why, in a few words. The person sees it."),
            **TOO_LONG,
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean(self):
        return self.clean_times(super().clean())


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is cancelled"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person sees this, in the appointment's history."),
        error_messages={
            "required": _("Say why, in a few words. The person sees it."),
            **TOO_LONG,
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happened"),
        choices=[c for c in Appointment.Outcome.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happened.")},
    )
    person_words = forms.CharField(
        label=_("In their words (optional)"),
        max_length=REASON_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the person said about it, as they said it."),
        error_messages=TOO_LONG,
    )
    worker_words = forms.CharField(
        label=_("In your words (optional)"),
        max_length=REASON_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Describe what happened, not the person. They can read this."),
        error_messages=TOO_LONG,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class AskToRearrangeForm(forms.ModelForm):
    class Meta:
        model = RearrangeRequest
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "reason": {
                "required": _("Please say a few words about why, or which times suit you better."),
                **TOO_LONG,
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[c for c in RearrangeRequest.Answer.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer.")},
    )
    day = forms.DateField(label=_("New day"), required=False, widget=_date_input())
    starts = forms.TimeField(label=_("Starts"), required=False, widget=_time_input())
    ends = forms.TimeField(label=_("Ends"), required=False, widget=_time_input())
    answer_text = forms.CharField(
        label=_("Your reply to them"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person sees this."),
        error_messages={
            "required": _("Write a short answer. The person sees it."),
            **TOO_LONG,
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") != RearrangeRequest.Answer.MOVED:
            return cleaned
        for field in ("day", "starts", "ends"):
            if not cleaned.get(field) and field not in self.errors:
                self.add_error(field, _("Give the new day and times to move it."))
        return TimesMixin.clean_times(self, cleaned)


class CalendarLinkForm(forms.Form):
    include_names = forms.BooleanField(
        label=_("Show names in the calendar"),
        required=False,
        help_text=_(
            "Off (safer): events say only the kind of appointment, like "
            "“Appointment: home visit”. On: anyone who sees your calendar sees the names."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
