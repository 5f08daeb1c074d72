"""Forms for adding a person and for their profile (staff and the person's own)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework import access
from casework.common.forms import form_helper
from casework.models import ContactMethod, Person, SupportContext, User
from casework.people.actions import PROFILE_FIELDS

# Inputs a browser leaves out when unticked: missing means "none", not "not sent".
TICK_FIELDS = {"contact_methods", "support_contexts", "needs_interpreter"}
# Sent with every profile form, so a missing tick field is known to be unticked.
FORM_MARKER = "profile_form"

# The person's own form speaks in "my" and "I".
MY_LABELS = {
    "preferred_name": _("The name I like to be called"),
    "pronouns": _("My pronouns"),
    "about_me": _("About me, in my words"),
    "identity": _("Who I am"),
    "valued_roles": _("Roles that matter to me"),
    "contact_methods": _("How I like to be contacted"),
    "contact_notes": _("More about getting in touch with me"),
    "language": _("The language I prefer"),
    "needs_interpreter": _("I would like an interpreter"),
    "accessibility_needs": _("What helps me take part"),
}
MY_HELP = {
    "identity": _("Only what you choose to share: identity, culture, faith, background."),
    "valued_roles": _("For example parent, carer, volunteer, footballer, friend."),
    "contact_notes": _("Best times, numbers or addresses to avoid, anything else."),
    "accessibility_needs": _("For example large print, easy read, step-free access, more time."),
}
REMOVE_DOB_HELP = _("To remove the date of birth, tick “Remove the date of birth”.")


class ProfileForm(forms.ModelForm):
    """The profile fields the signed-in user may change (``fields`` from the actions)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    remove_date_of_birth = forms.BooleanField(label=_("Remove the date of birth"), required=False)

    class Meta:
        model = Person
        fields = PROFILE_FIELDS
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "about_me": forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
            "identity": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            "valued_roles": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            "contact_notes": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        }

    contact_methods = forms.MultipleChoiceField(
        label=_("Ways to get in touch"),
        choices=ContactMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    support_contexts = forms.MultipleChoiceField(
        label=_("Support with"),
        choices=SupportContext.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, editable: tuple[str, ...], mine: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in set(PROFILE_FIELDS) - set(editable):
            del self.fields[name]
        if "date_of_birth" not in self.fields or not (
            self.instance and self.instance.date_of_birth
        ):
            del self.fields["remove_date_of_birth"]
        if not self.is_bound:
            self.initial["version"] = self.instance.profile_version
        if mine:
            for name, label in MY_LABELS.items():
                if name in self.fields:
                    self.fields[name].label = label
                    self.fields[name].help_text = MY_HELP.get(name, "")
        self.helper = form_helper()

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        stored = self.instance.date_of_birth if self.instance.pk else None
        # A browser sends an impossible date (30 February) as empty: never let that
        # clear the stored one unless the user chose to.
        if value is None and stored and not self.data.get("remove_date_of_birth"):
            raise ValidationError(
                _("The date of birth was empty or not a real date, so it was not changed.")
                + " "
                + REMOVE_DOB_HELP
            )
        return value

    def submitted_values(self) -> dict:
        """Cleaned values for the fields the browser actually sent (missing ones stay as they are)."""
        sent = {}
        for name in self.fields:
            if name not in PROFILE_FIELDS:
                continue
            present = name in self.data or (name in TICK_FIELDS and FORM_MARKER in self.data)
            if present:
                sent[name] = self.cleaned_data[name]
        return sent

    def _post_clean(self):
        # The action function validates and saves; the form never writes the instance.
        pass


class AddPersonForm(ProfileForm):
    """Intake: the profile, the team and the lead worker."""

    team = forms.ModelChoiceField(queryset=None, label=_("Team"), empty_label=None)
    lead_worker = forms.ModelChoiceField(
        queryset=None,
        label=_("Lead worker"),
        empty_label=None,
        help_text=_("You, if you work in the team. You can choose someone else in the team."),
    )
    this_is_someone_new = forms.BooleanField(
        required=False,
        label=_("I have checked: this is a different person, add a new record"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, editable=PROFILE_FIELDS, instance=Person(), **kwargs)
        del self.fields["version"]
        teams = access.teams_that_may_add_people(user)
        self.fields["team"].queryset = teams
        choices = access.lead_worker_choices(teams)
        self.fields["lead_worker"].queryset = _lead_users(choices)
        self.fields["lead_worker"].choices = _grouped_by_team(choices)
        mine = choices.filter(user=user).first()
        if mine and not self.is_bound:
            self.initial.update(team=mine.team_id, lead_worker=user.pk)
        self.fields["email"].help_text = _("Only if they want their sign-in link sent by email.")

    def clean(self):
        cleaned = super().clean()
        team, lead = cleaned.get("team"), cleaned.get("lead_worker")
        if team and lead and not access.lead_worker_choices([team]).filter(user=lead).exists():
            self.add_error("lead_worker", _("Choose a practitioner in the team you chose."))
        return cleaned

    def profile_values(self) -> dict:
        return {f: self.cleaned_data[f] for f in PROFILE_FIELDS if f in self.cleaned_data}


def _lead_users(memberships):
    return User.objects.filter(pk__in=memberships.values("user_id"))


def _grouped_by_team(memberships) -> list:
    groups: dict[str, list] = {}
    for m in memberships:
        groups.setdefault(m.team.name, []).append((m.user_id, m.user.display_name()))
    return list(groups.items())
