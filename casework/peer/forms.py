"""Forms for the person's choice about what their peer support worker may read."""

from django import forms

from casework.common.forms import form_helper

ALLOW_CHOICES = [
    ("no", "No. They read only the notes they wrote themselves."),
    ("yes", "Yes. They may also read the notes other workers have shared with me."),
]


class PeerSharingForm(forms.Form):
    allow = forms.TypedChoiceField(
        label="May your peer support worker read your other session notes?",
        choices=ALLOW_CHOICES,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )

    def __init__(self, *args, in_the_room_of: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if in_the_room_of:
            self.fields[
                "allow"
            ].label = f"May {in_the_room_of}'s peer support worker read their other session notes?"
            self.fields["in_the_room"] = forms.BooleanField(
                label=f"{in_the_room_of} is here with me and made this choice",
                error_messages={
                    "required": f"Only record this with {in_the_room_of} in the room. "
                    "Otherwise they can choose from their own space."
                },
            )
        self.helper = form_helper()

    def initial_from(self, choice):
        self.initial["allow"] = "yes" if choice and choice.allow else "no"
        return self
