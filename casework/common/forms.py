"""One way to set up a crispy form: the template owns the <form> tag and its CSRF token."""

from crispy_forms.helper import FormHelper


def form_helper() -> FormHelper:
    """A crispy ``FormHelper`` that renders fields only (no <form>, no second CSRF token)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def posted(request):
    """The submitted data on a POST, else ``None`` (an unbound form).

    Not ``request.POST or None``: a POST with every field left out is an empty,
    falsy QueryDict, and the form would come back unbound, without saying what is missing.
    """
    return request.POST if request.method == "POST" else None
