"""Forms for the person's own account and their check-ins."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from casework.accounts.actions import (
    link_goes_only_to_the_person,
    username_is_free,
    validate_username,
)
from casework.common.forms import form_helper
from casework.models import CheckIn, Person, User


class ActivationForm(forms.Form):
    """Choose a username (new accounts only) and a password."""

    username = forms.CharField(
        label=_("Choose a username"),
        max_length=150,
        help_text=_("You will use this to sign in. Letters, numbers and . @ + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    new_password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. A few words you will remember works well."),
    )
    new_password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.existing_user = person.user if person.user_id else None
        if self.existing_user:
            del self.fields["username"]
        self.helper = form_helper()

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        try:
            validate_username(username)
        except ValidationError:
            raise ValidationError(
                _("Use only letters, numbers and the signs . @ + - _ (no spaces).")
            ) from None
        if not username_is_free(username):
            raise ValidationError(_("Someone already has that username. Please choose another."))
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error(
                "new_password2", _("The two passwords are different. Please type them again.")
            )
            return cleaned
        if first:
            user = self.existing_user or User(
                username=cleaned.get("username", ""),
                first_name=self.person.preferred_name,
                last_name=self.person.full_name,
            )
            try:
                password_validation.validate_password(first, user)
            except ValidationError as errors:
                self.add_error("new_password1", errors)
        return cleaned


class InviteForm(forms.Form):
    send_email = forms.BooleanField(required=False)

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        # Not a choice for an existing login: the link always goes to the email.
        self.goes_only_to_the_person = link_goes_only_to_the_person(person)
        if person.email and not self.goes_only_to_the_person:
            self.fields["send_email"].label = f"Also email the link to {person.email}"
        else:
            del self.fields["send_email"]
        self.helper = form_helper()


class CheckInForm(forms.ModelForm):
    class Meta:
        model = CheckIn
        fields = ["feeling", "words", "wants_to_talk"]
        labels = {
            "feeling": _("How are you doing?"),
            "words": _("Anything you want to say (you can leave this empty)"),
        }
        widgets = {
            "feeling": forms.RadioSelect,
            "words": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feeling"].choices = CheckIn.Feeling.choices
        self.fields["feeling"].error_messages["required"] = _("Choose how you are doing.")
        # The person's words are kept exactly as they wrote them, spaces and all.
        self.fields["words"].strip = False
        self.helper = form_helper()
