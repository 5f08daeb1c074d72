"""One way to set up a crispy form: the template owns the <form> tag and its CSRF token."""

from crispy_forms.helper import FormHelper


def form_helper() -> FormHelper:
    """A crispy ``FormHelper`` that renders fields only (no <form>, no second CSRF token)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper
