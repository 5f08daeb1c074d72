"""Forms for alerts. Templates own the <form> tag, its CSRF token and buttons.

The forms give the plain messages next to each field; the action functions in
``casework.alerts.actions`` check the same rules again for any other caller.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from casework.alerts.actions import (
    NOT_TOLD_EXPLANATION_REQUIRED,
    NOT_TOLD_REASON_REQUIRED,
    REASON_REQUIRED,
    TOLD_HOW_REQUIRED,
    WORDING_REQUIRED,
)
from casework.alerts.models import (
    MAX_REVIEW_DAYS,
    Alert,
    AlertResponse,
    AlertReview,
    check_plain_text,
    check_review_date,
)
from casework.common.concurrency import VersionedForm
from casework.common.forms import form_helper

REVIEW_DATE_REQUIRED = _("Enter a review date.")


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _review_date_range(field):
    # A hint for the browser's date picker; the server checks the same range.
    today = timezone.localdate()
    field.widget.attrs["min"] = today.isoformat()
    field.widget.attrs["max"] = (today + datetime.timedelta(days=MAX_REVIEW_DAYS)).isoformat()


class AlertForm(forms.ModelForm):
    person_told = forms.TypedChoiceField(
        label=_("Have they been told about this alert?"),
        choices=[
            ("yes", _("Yes, they know about it")),
            ("no", _("No, not yet")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether they have been told about this alert.")},
    )

    class Meta:
        model = Alert
        fields = [
            "wording",
            "reason",
            "review_by",
            "person_told",
            "told_how",
            "not_told_reason",
            "not_told_explanation",
        ]
        widgets = {
            "wording": forms.TextInput(),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "review_by": _date_widget(),
            "not_told_reason": forms.RadioSelect,
        }
        labels = {
            "told_how": _("If yes: how were they told?"),
            "not_told_reason": _("If not: why have they not been told yet?"),
            "not_told_explanation": _("If not: a short explanation"),
        }
        help_texts = {
            "review_by": format_lazy(
                _(
                    "Alerts are never kept without a review: at most {days} days (six months) from today."
                ),
                days=MAX_REVIEW_DAYS,
            ),
        }
        error_messages = {
            "wording": {"required": WORDING_REQUIRED},
            "reason": {"required": REASON_REQUIRED},
            "review_by": {
                "required": REVIEW_DATE_REQUIRED,
                "invalid": _("Enter a real date."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["not_told_reason"].choices = Alert.NotToldReason.choices
        self.fields["told_how"].choices = [("", _("Choose how")), *Alert.ToldHow.choices]
        _review_date_range(self.fields["review_by"])
        self.helper = form_helper()

    def clean_wording(self):
        return check_plain_text(self.cleaned_data.get("wording"), WORDING_REQUIRED)

    def clean_reason(self):
        return check_plain_text(self.cleaned_data.get("reason"), REASON_REQUIRED)

    def clean_review_by(self):
        value = self.cleaned_data.get("review_by")
        check_review_date(value)
        return value

    def clean(self):
        data = super().clean()
        told = data.get("person_told")
        if told is True:
            if not data.get("told_how"):
                self.add_error("told_how", TOLD_HOW_REQUIRED)
            data["not_told_reason"], data["not_told_explanation"] = "", ""
        elif told is False:
            if not data.get("not_told_reason"):
                self.add_error("not_told_reason", NOT_TOLD_REASON_REQUIRED)
            if not (data.get("not_told_explanation") or "").strip():
                self.add_error("not_told_explanation", NOT_TOLD_EXPLANATION_REQUIRED)
            data["told_how"] = ""
        return data


class ReviewForm(VersionedForm, forms.ModelForm):
    """Carries the alert's version (``versioned_by=alert``): two reviews at once never overwrite."""

    class Meta:
        model = AlertReview
        fields = ["outcome", "new_review_by", "note"]
        widgets = {
            "outcome": forms.RadioSelect,
            "new_review_by": _date_widget(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"note": _("What you decided and why")}
        error_messages = {
            "outcome": {"required": _("Choose whether to keep the alert or end it.")},
            "note": {"required": _("Say what you decided and why.")},
            "new_review_by": {"invalid": _("Enter a real date.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = AlertReview.Outcome.choices
        _review_date_range(self.fields["new_review_by"])
        self.helper = form_helper()

    def clean_note(self):
        return check_plain_text(self.cleaned_data.get("note"), _("Say what you decided and why."))

    def clean(self):
        data = super().clean()
        if data.get("outcome") == AlertReview.Outcome.KEEP:
            try:
                check_review_date(data.get("new_review_by"))
            except ValidationError as error:
                self.add_error("new_review_by", error)
        elif data.get("outcome") == AlertReview.Outcome.END:
            data["new_review_by"] = None
        return data


class ToldForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Alert
        fields = ["told_on", "told_how"]
        widgets = {"told_on": _date_widget()}
        labels = {
            "told_on": _("When were they told?"),
            "told_how": _("How were they told?"),
        }
        error_messages = {
            "told_on": {
                "required": _("Enter the date they were told."),
                "invalid": _("Enter a real date."),
            },
            "told_how": {"required": TOLD_HOW_REQUIRED},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["told_on"].required = True
        self.fields["told_how"].required = True
        self.fields["told_how"].choices = [("", _("Choose how")), *Alert.ToldHow.choices]
        self.initial.setdefault("told_on", timezone.localdate())
        self.helper = form_helper()

    def clean_told_on(self):
        value = self.cleaned_data.get("told_on")
        if value and value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        if value and value < timezone.localtime(self.instance.added_at).date():
            raise ValidationError(_("The date cannot be before the alert was added."))
        return value


class ResponseForm(forms.ModelForm):
    class Meta:
        model = AlertResponse
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": _("I see this differently. This is how I see it:")}
        error_messages = {"text": {"required": _("Write how you see it.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean_text(self):
        return check_plain_text(self.cleaned_data.get("text"), _("Write how you see it."))


class ReplyForm(VersionedForm, forms.ModelForm):
    """Carries the alert's version (``versioned_by=alert``): one reply, never two over each other."""

    class Meta:
        model = AlertResponse
        fields = ["reply"]
        widgets = {"reply": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"reply": {"required": _("Write your reply.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reply"].required = True
        self.helper = form_helper()

    def clean_reply(self):
        return check_plain_text(self.cleaned_data.get("reply"), _("Write your reply."))
