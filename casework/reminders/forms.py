"""The person's reminder choices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.common.forms import form_helper
from casework.reminders.models import Channel, ReminderPreference
from casework.reminders.sms import sms_available


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["channel", "email", "phone", "day_before", "two_hours_before", "name_the_service"]
        widgets = {"channel": forms.RadioSelect}
        labels = {"channel": _("How would you like to be reminded?")}
        help_texts = {
            "email": _("Only used for your reminders."),
            "phone": _("Only used for your reminders. Anyone who sees your phone may see them."),
        }

    forget = forms.BooleanField(
        label=_("Forget the email address or mobile number my reminders do not use"),
        required=False,
        help_text=_("An empty box keeps what you gave before. Tick this to remove it instead."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
        if not sms_available():
            self.fields["channel"].choices = [
                c for c in self.fields["channel"].choices if c[0] != Channel.SMS
            ]

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("channel")
        stored = self.instance
        # An empty box keeps the address already saved (nothing is cleared by accident).
        for field in ("email", "phone"):
            if not cleaned.get(field) and field not in self.errors:
                cleaned[field] = getattr(stored, field, "")
        if cleaned.get("forget"):
            # Only on request, and only what the chosen way of reminding does not need.
            for field, needs_it in (("email", Channel.EMAIL), ("phone", Channel.SMS)):
                if channel != needs_it:
                    cleaned[field] = ""
        if channel == Channel.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter the email address for your reminders."))
        if channel == Channel.SMS and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Enter the mobile number for your text reminders."))
        if (
            channel
            and channel != Channel.NONE
            and not (cleaned.get("day_before") or cleaned.get("two_hours_before"))
        ):
            self.add_error(
                "day_before",
                _(
                    "Choose when to be reminded: the day before, 2 hours before, or both. "
                    "Or choose no reminders."
                ),
            )
        return cleaned
