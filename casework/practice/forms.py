"""The supervision note form: people discussed are limited to the worker's caseload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.access import caseload_for
from casework.common.forms import form_helper
from casework.models import SupervisionNote


class SupervisionNoteForm(forms.ModelForm):
    class Meta:
        model = SupervisionNote
        fields = ["date", "went_well", "reflected_on", "agreed_actions", "people_discussed"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "went_well": forms.Textarea(attrs={"rows": 3}),
            "reflected_on": forms.Textarea(attrs={"rows": 3}),
            "agreed_actions": forms.Textarea(attrs={"rows": 3}),
            "people_discussed": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, worker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people_discussed"].queryset = caseload_for(worker).order_by(
            "preferred_name", "id"
        )
        self.fields["people_discussed"].label = _("People discussed (optional)")
        self.helper = form_helper()

    def clean(self):
        data = super().clean()
        texts = [
            data.get(name, "").strip() for name in ("went_well", "reflected_on", "agreed_actions")
        ]
        if not any(texts):
            raise forms.ValidationError(_("Write at least one of the three parts of the note."))
        return data
