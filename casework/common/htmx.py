"""One way to ask "is this an htmx request?" (django-htmx sets ``request.htmx``)."""


def is_htmx(request) -> bool:
    """True for a request htmx made; False without JavaScript, or before HtmxMiddleware ran."""
    return bool(getattr(request, "htmx", False))
