"""Forms for session notes. Templates own the <form>, its CSRF token and buttons."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from casework.appointments.models import Kind
from casework.common.concurrency import VersionedForm
from casework.common.forms import form_helper
from casework.models import (
    NOTE_TEXT_HELP,
    NOTE_TEXT_LIMIT,
    CorrectionRequest,
    NoteAddendum,
    SessionFeedback,
    SessionNote,
)

NEXT_APPOINTMENT_FIELDS = (
    "next_contact_time",
    "next_contact_minutes",
    "next_contact_kind",
    "next_contact_place",
)
LATEST_SESSION_AHEAD = datetime.timedelta(days=1)
EARLIEST_SESSION_BACK = datetime.timedelta(days=366 * 5)
LATEST_NEXT_CONTACT_AHEAD = datetime.timedelta(days=366)
# The whole text comes back in the form with this error: nothing is cut.
TOO_LONG = {
    "max_length": format_lazy(
        _(
            "This is longer than {limit} characters (it has %(show_value)d). "
            "Nothing has been cut or saved: please shorten it, or put the rest in an addendum."
        ),
        limit=f"{NOTE_TEXT_LIMIT:,}",
    )
}


def _suggest_while_typing(field: forms.Field) -> None:
    """Ask for language suggestions as the worker types (htmx; without JS, they come on save)."""
    field.widget.attrs.update(
        {
            "data-hx-post": reverse("language_suggestions"),
            "data-hx-trigger": "keyup changed delay:700ms",
            "data-hx-target": "#language-suggestions",
            "data-hx-swap": "outerHTML",
            "data-hx-include": "closest form",
            "rows": 5,
        }
    )


def _circle_label(member) -> str:
    """Their name with the person's own choice about involving them, wherever they appear."""
    return f"{member.name} ({member.get_involvement_display().lower()})"


class SessionNoteForm(forms.ModelForm):
    suggested_terms = forms.CharField(required=False, widget=forms.HiddenInput)
    # Issue 20: a time turns the next contact into an appointment the person sees, with
    # its place and who. Without a time it stays a bare date, as before. Offered only to
    # those who may book appointments (``may_book``).
    next_contact_time = forms.TimeField(
        label=_("Next contact time (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_(
            "Give a time to book the next contact as an appointment. "
            "The person sees it in their space, with where and who."
        ),
    )
    next_contact_minutes = forms.IntegerField(
        label=_("Appointment length (minutes)"),
        required=False,
        min_value=5,
        max_value=720,
        initial=60,
    )
    next_contact_kind = forms.ChoiceField(
        label=_("How you will meet"),
        choices=Kind.choices,
        required=False,
        initial=Kind.OFFICE,
    )
    next_contact_place = forms.CharField(label=_("Where"), max_length=300, required=False)

    class Meta:
        model = SessionNote
        fields = [
            "happened_at",
            "how",
            "duration_minutes",
            "person_present",
            "circle_present",
            "other_professionals",
            "talked_about",
            "going_well",
            "next_steps",
            "goals_touched",
            "next_contact_on",
            "next_contact_time",
            "next_contact_minutes",
            "next_contact_kind",
            "next_contact_place",
            "no_next_contact_planned",
            "withheld_reason",
            "withheld_explanation",
        ]
        widgets = {
            "happened_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "next_contact_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "goals_touched": forms.CheckboxSelectMultiple,
            "circle_present": forms.CheckboxSelectMultiple,
        }
        error_messages = dict.fromkeys(("talked_about", "going_well", "next_steps"), TOO_LONG)
        help_texts = {
            "withheld_explanation": _(
                "Needed only if you do not share the note. "
                "This stays on the record; the person sees only the reason above."
            ),
        }

    def __init__(self, *args, person=None, may_book=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        if not may_book:
            for name in NEXT_APPOINTMENT_FIELDS:
                del self.fields[name]
        # Only this person's own goals and circle can be chosen; none without a person.
        self.fields["goals_touched"].queryset = (
            person.goals.active() if person else self.fields["goals_touched"].queryset.none()
        )
        self.fields["circle_present"].queryset = (
            person.circle.active() if person else self.fields["circle_present"].queryset.none()
        )
        self.fields["circle_present"].label_from_instance = _circle_label
        self.fields["withheld_reason"].choices = [
            ("", _("Share with the person (usual)")),
            *SessionNote.WithheldReason.choices,
        ]
        self.fields["withheld_reason"].label = _("Sharing")
        self.fields["duration_minutes"].widget.attrs.update({"min": 1, "max": 600})
        for name in ("talked_about", "going_well", "next_steps"):
            _suggest_while_typing(self.fields[name])
        if not self.is_bound and "happened_at" not in self.initial:
            self.initial["happened_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def clean_happened_at(self):
        value = self.cleaned_data["happened_at"]
        now = timezone.now()
        if value > now + LATEST_SESSION_AHEAD:
            raise forms.ValidationError(
                _(
                    "A session note is for a session that has happened. "
                    "Choose a date no later than tomorrow."
                )
            )
        if value < now - EARLIEST_SESSION_BACK:
            raise forms.ValidationError(
                _("That date is more than five years ago. Please check it.")
            )
        return value

    def clean_next_contact_on(self):
        value = self.cleaned_data.get("next_contact_on")
        if value and value > timezone.localdate() + LATEST_NEXT_CONTACT_AHEAD:
            raise forms.ValidationError(_("Choose a next contact date within the next year."))
        return value

    def clean(self):
        cleaned = super().clean()
        happened = cleaned.get("happened_at")
        next_on = cleaned.get("next_contact_on")
        if happened and next_on and next_on < timezone.localdate(happened):
            self.add_error("next_contact_on", _("The next contact cannot be before this session."))
        if cleaned.get("next_contact_time") and not next_on:
            self.add_error(
                "next_contact_on", _("Give the day of the next contact, or clear the time.")
            )
        elif next_on and cleaned.get("next_contact_time"):
            self._next_appointment(cleaned, next_on)
        if next_on and cleaned.get("no_next_contact_planned"):
            self.add_error(
                "no_next_contact_planned",
                _("Either give the next contact date or tick “no next contact planned”, not both."),
            )
        if cleaned.get("withheld_reason") and not (cleaned.get("withheld_explanation") or ""):
            self.add_error(
                "withheld_explanation",
                _("Say briefly why this note is not shared. It stays on the record."),
            )
        return cleaned

    def validate_unique(self):
        """Unique fields only: the note's check constraints are asked once, by
        ``actions.record_session`` when it saves (``clean`` above says the same rules in
        plain words first), and the view shows anything it refuses on this form."""
        try:
            self.instance.validate_unique(exclude=self._get_validation_exclusions())
        except ValidationError as error:
            self._update_errors(error)

    def _next_appointment(self, cleaned, next_on):
        """``cleaned["next_appointment"]``: the booking the note's next contact asks for."""
        starts_at = timezone.make_aware(
            datetime.datetime.combine(next_on, cleaned["next_contact_time"])
        )
        if starts_at < timezone.now():
            self.add_error("next_contact_time", _("That time has passed. Choose a later one."))
            return
        minutes = cleaned.get("next_contact_minutes") or 60
        cleaned["next_appointment"] = {
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(minutes=minutes),
            "kind": cleaned.get("next_contact_kind") or Kind.OFFICE,
            "place": cleaned.get("next_contact_place") or "",
        }


class TypoCorrectionForm(forms.ModelForm):
    class Meta:
        model = SessionNote
        fields = ["talked_about", "going_well", "next_steps"]
        error_messages = dict.fromkeys(fields, TOO_LONG)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class AddendumForm(forms.ModelForm):
    class Meta:
        model = NoteAddendum
        fields = ["text"]
        labels = {"text": _("Your addendum")}
        error_messages = {"text": TOO_LONG}
        help_texts = {
            "text": format_lazy(
                "{} {}",
                _(
                    "A correction or something to add. It is shown under the original note, "
                    "with your name and the time."
                ),
                NOTE_TEXT_HELP,
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        _suggest_while_typing(self.fields["text"])


class WithholdForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is this note not shared?"),
        choices=SessionNote.WithheldReason.choices,
        widget=forms.RadioSelect,
        help_text=_("The person will see that a note exists, its date and this reason."),
    )
    explanation = forms.CharField(
        label=_("Explain briefly, for the record"),
        max_length=500,
        help_text=_("Up to 500 characters. Not shown to the person."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class ShareAgainForm(forms.Form):
    explanation = forms.CharField(
        label=_("Why can it be shared now?"),
        max_length=500,
        help_text=_("Up to 500 characters. Kept in the note's sharing history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class LanguageCheckForm(forms.Form):
    """What the suggestions endpoint reads: the note's text fields, nothing else."""

    talked_about = forms.CharField(required=False, max_length=NOTE_TEXT_LIMIT * 2)
    going_well = forms.CharField(required=False, max_length=NOTE_TEXT_LIMIT * 2)
    next_steps = forms.CharField(required=False, max_length=NOTE_TEXT_LIMIT * 2)
    text = forms.CharField(required=False, max_length=NOTE_TEXT_LIMIT * 2)
    suggested_terms = forms.CharField(required=False, max_length=1000)


# --- The person's own space: my view, corrections, feedback -----------------------------


class PersonViewForm(VersionedForm, forms.Form):
    """A plain form: ``SessionNote.person_view`` is not editable through staff ModelForms.

    Built with ``versioned_by=note``: it carries ``person_view_version``, so a view
    written on a second device never replaces the first unseen.
    """

    version_field = "person_view_version"

    text = forms.CharField(
        label=_("My view of this session"),
        max_length=NOTE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "In your own words. If you write it again later, the new words are shown "
            "and the old ones are kept in the record."
        ),
        error_messages={"required": _("Write your view, or go back without saving.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class CorrectionRequestForm(forms.ModelForm):
    class Meta:
        model = CorrectionRequest
        fields = ["what_is_wrong", "what_it_should_say"]
        labels = {
            "what_is_wrong": _("What is wrong or missing?"),
            "what_it_should_say": _("What should it say? (you can leave this empty)"),
        }
        widgets = {
            "what_is_wrong": forms.Textarea(attrs={"rows": 4}),
            "what_it_should_say": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {"what_is_wrong": {"required": _("Say what is wrong or missing.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class CorrectionResponseForm(forms.Form):
    ADD, DECLINE = "add", "decline"
    outcome = forms.ChoiceField(
        label=_("What will you do?"),
        choices=[
            (
                ADD,
                _("Add a correction to the note (an addendum; the original stays as written)"),
            ),
            (DECLINE, _("Keep the note as it is, and explain why")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to add a correction.")},
    )
    text = forms.CharField(
        label=_("The correction, or why the note stays as it is"),
        max_length=NOTE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The person will read this."),
        error_messages={"required": _("Write the correction or your explanation.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class SessionFeedbackForm(forms.ModelForm):
    class Meta:
        model = SessionFeedback
        fields = ["listened_to", "talked_about_what_matters", "comment"]
        labels = {
            "listened_to": _("Did you feel listened to?"),
            "talked_about_what_matters": _("Did we talk about what matters to you?"),
            "comment": _("Anything to add? (you can leave this empty)"),
        }
        widgets = {
            "listened_to": forms.RadioSelect,
            "talked_about_what_matters": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("listened_to", "talked_about_what_matters"):
            self.fields[name].choices = SessionFeedback.Scale.choices
            self.fields[name].error_messages["required"] = _("Choose one answer.")
        self.helper = form_helper()
