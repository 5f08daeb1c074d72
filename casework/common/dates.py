"""Optional dates that an empty form field never clears by itself.

A browser sends an impossible date typed into ``<input type="date">`` (30 February)
as an empty value, so the server cannot tell "I typed a bad date" from "clear it".
Forms with an optional stored date therefore refuse an empty field with a plain
error and keep the stored value; clearing is a separate, explicit checkbox.
"""

from django import forms

INVALID_DATE = (
    "That is not a real date, so nothing was changed. Enter a real date, for example 28 February."
)


def _empty_message(clear_label: str) -> str:
    return (
        "The date was empty or not a real date, so nothing was changed. "
        f"Enter a real date, or tick “{clear_label}” to clear it."
    )


class DateClearedOnlyByChoice:
    """Form mixin: each date in ``clearable_dates`` gets a ``clear_<name>`` checkbox after it.

    ``clearable_dates`` maps a date field to the checkbox's label. An empty date is
    refused while one is stored (or always, with ``empty_date_refused_always``, for a
    form whose only purpose is that date). The checkbox is taken out of
    ``cleaned_data`` and the date set to ``None`` when it is ticked.
    """

    clearable_dates: dict[str, str] = {}
    empty_date_refused_always = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for name, field in self.fields.items():
            fields[name] = field
            if name in self.clearable_dates:
                field.error_messages["invalid"] = INVALID_DATE
                fields[f"clear_{name}"] = forms.BooleanField(
                    label=self.clearable_dates[name], required=False
                )
        self.fields = fields

    def clean(self):
        cleaned = super().clean()
        for name, clear_label in self.clearable_dates.items():
            clearing = cleaned.pop(f"clear_{name}", False)
            if name in self._errors:
                continue  # already refused (an impossible date sent as text)
            value = cleaned.get(name)
            stored = getattr(getattr(self, "instance", None), name, None)
            if clearing and value:
                self.add_error(name, f"Either enter a date or tick “{clear_label}”, not both.")
            elif not clearing and not value and (stored or self.empty_date_refused_always):
                self.add_error(name, _empty_message(clear_label))
        return cleaned
