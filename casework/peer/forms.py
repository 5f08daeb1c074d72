"""Forms for the person's choice about what their peer support worker may read."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.common.forms import form_helper

ALLOW_CHOICES = [
    ("no", _("No. They read only the notes they wrote themselves.")),
    ("yes", _("Yes. They may also read the notes other workers have shared with me.")),
]


ALERT_CHOICES = [
    ("no", _("No.")),
    (
        "yes",
        _("Yes. They may read the alerts I have been told about (never ones kept from me)."),
    ),
]
CHECK_IN_CHOICES = [
    ("no", _("No.")),
    ("yes", _("Yes. They may read my check-ins.")),
]


def _yes_no(label, choices, *, required=True):
    # Not answered (an older form, say) is "no": nothing is shared unless the person says so.
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        required=required,
        empty_value=False,
        error_messages={"required": _("Choose yes or no.")},
    )


class PeerSharingForm(forms.Form):
    """The person's one choice about their peer supporter: notes, alerts, check-ins."""

    allow = _yes_no(_("May your peer support worker read your other session notes?"), ALLOW_CHOICES)
    alerts = _yes_no(
        _("May your peer support worker read the alerts on your record?"),
        ALERT_CHOICES,
        required=False,
    )
    check_ins = _yes_no(
        _("May your peer support worker read your check-ins?"), CHECK_IN_CHOICES, required=False
    )

    def __init__(self, *args, in_the_room_of: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if in_the_room_of:
            who = _("%(name)s's peer support worker") % {"name": in_the_room_of}
            self.fields["allow"].label = _("May %(who)s read their other session notes?") % {
                "who": who
            }
            self.fields["alerts"].label = _(
                "May %(who)s read the alerts %(in_the_room_of)s was told about?"
            ) % {"who": who, "in_the_room_of": in_the_room_of}
            self.fields["check_ins"].label = _(
                "May %(who)s read %(in_the_room_of)s's check-ins?"
            ) % {"who": who, "in_the_room_of": in_the_room_of}
            self.fields["in_the_room"] = forms.BooleanField(
                label=_("%(in_the_room_of)s is here with me and made this choice")
                % {"in_the_room_of": in_the_room_of},
                error_messages={
                    "required": _(
                        "Only record this with %(in_the_room_of)s in the room. Otherwise they can choose from their own space."
                    )
                    % {"in_the_room_of": in_the_room_of}
                },
            )
        self.helper = form_helper()

    def initial_from(self, choice):
        for field in ("allow", "alerts", "check_ins"):
            self.initial[field] = "yes" if choice and getattr(choice, field) else "no"
        return self
