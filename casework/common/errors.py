"""One error for "the rules refuse this change", which views show as a form error."""

from django.core.exceptions import ValidationError


class ActionRefused(Exception):
    """An action function refuses a change its rules do not allow, in words for the user.

    Views catch it around the action and show it at the top of the form with
    ``show_refusal`` (never a 500, never a silent no-op).
    """


def show_refusal(form, error: Exception) -> None:
    """Put an ``ActionRefused`` (or a model ``ValidationError``) at the top of ``form``."""
    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
    for message in messages:
        form.add_error(None, message)
