"""The handover forms: the whole-caseload form, the outgoing worker's note, the person's answer."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.common.errors import ActionRefused
from casework.common.forms import form_helper
from casework.handover.actions import CONFLICT, Choice, check_dates
from casework.handover.models import NOTE_LIMIT, RESPONSE_LIMIT, HandoverResponse
from casework.models import CaseAssignment

AS_ABOVE = ""
KEEP = "keep"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HandoverForm(forms.Form):
    """Hand some or all of one worker's people to new workers, with one end date.

    One row per assignment (``to_<assignment id>``); "Hand everyone over to" fills
    every row left as it is. Worker choices are read once for the whole form.
    """

    from_worker = forms.IntegerField(widget=forms.HiddenInput)
    starts_on = forms.DateField(
        label=_("The new worker starts on"),
        widget=DATE_INPUT,
        help_text=_("From this day the new worker can open the record."),
    )
    ends_on = forms.DateField(
        label=_("The old worker's access ends on"),
        widget=DATE_INPUT,
        help_text=_(
            "From this day the old worker can no longer open the record. "
            "The same day or later than the new worker's first day."
        ),
    )
    to_all = forms.ChoiceField(label=_("Hand everyone over to"), required=False)

    def __init__(self, *args, from_worker, assignments, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.from_worker = from_worker
        self.assignments = list(assignments)
        self.workers = {str(w.pk): w for w in workers}
        names = [(pk, w.display_name()) for pk, w in self.workers.items()]
        self.fields["from_worker"].initial = from_worker.pk
        self.fields["to_all"].choices = [("", _("Choose for each person below")), *names]
        stays = _("Not now: stays with {name}").format(name=from_worker.display_name())
        for a in self.assignments:
            field = forms.ChoiceField(
                label=_("New worker for {name}").format(name=a.person.preferred_name),
                required=False,
                choices=[(AS_ABOVE, _("As chosen above")), (KEEP, stays), *names],
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            field.assignment = a
            self.fields[f"to_{a.pk}"] = field

    def rows(self):
        return [
            (self.fields[f"to_{a.pk}"].assignment, self[f"to_{a.pk}"]) for a in self.assignments
        ]

    def clean_from_worker(self):
        value = self.cleaned_data["from_worker"]
        if value != self.from_worker.pk:
            raise forms.ValidationError(_("Choose the worker again."))
        return value

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on:
            try:
                check_dates(starts_on, ends_on)
            except ActionRefused as refused:
                self.add_error("ends_on" if ends_on < starts_on else "starts_on", str(refused))
        everyone = data.get("to_all") or ""
        choices = []
        for a in self.assignments:
            value = data.get(f"to_{a.pk}") or AS_ABOVE
            if value == KEEP or (value == AS_ABOVE and not everyone):
                continue
            chosen = everyone if value == AS_ABOVE else value
            choices.append(Choice(assignment_id=a.pk, to_worker=self.workers[chosen]))
        self._check_none_gone(everyone)
        if not choices and not self.errors:
            raise forms.ValidationError(
                _("Choose a new worker for at least one person, or for everyone above.")
            )
        data["choices"] = choices
        return data

    def _check_none_gone(self, everyone: str) -> None:
        """A row posted for someone no longer on the list: handed over meanwhile by someone
        else (two supervisors at once). Say so, rather than quietly doing less."""
        posted = {
            int(m.group(1))
            for key, value in self.data.items()
            if (m := ROW.fullmatch(key)) and (value or everyone) and value != KEEP
        }
        gone = posted - {a.pk for a in self.assignments}
        if not gone:
            return
        for a in CaseAssignment.objects.filter(pk__in=gone, worker=self.from_worker).select_related(
            "person"
        ):
            self.add_error(
                None,
                CONFLICT.format(
                    name=a.person.preferred_name, worker=self.from_worker.display_name()
                ),
            )


ROW = re.compile(r"to_(\d{1,18})")


class OutgoingNoteForm(forms.Form):
    text = forms.CharField(
        label=_("What you are passing on"),
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A short note in plain words. The person reads it, like any shared note, "
            "and so does their new worker. Up to 2,000 characters."
        ),
    )
    shared_note = forms.ModelChoiceField(
        label=_("The session where you talked about it (optional)"),
        queryset=None,
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args, notes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_note"].queryset = notes
        self.fields["shared_note"].label_from_instance = lambda n: n.happened_at.strftime(
            "%d %B %Y"
        )
        self.helper = form_helper()


class ResponseForm(forms.ModelForm):
    class Meta:
        model = HandoverResponse
        fields = ["feeling", "words"]
        widgets = {
            "feeling": forms.RadioSelect,
            "words": forms.Textarea(attrs={"rows": 4, "maxlength": RESPONSE_LIMIT}),
        }
        labels = {
            "feeling": _("How do you feel about the change?"),
            "words": _("Anything you want to say about it (optional)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feeling"].choices = HandoverResponse.Feeling.choices  # no "---------"
        self.helper = form_helper()
