"""The error page when the database is away: 503, plain words, what was typed given back.

Django calls ``handler500`` for any exception a view or middleware did not
handle, inside the ``except`` block, so the exception is still at hand. A lost
or refused database connection (``OperationalError``, ``InterfaceError``: a
restart, a failover, a killed connection, SQLite busy past its timeout) is not a
bug in the page but a moment to wait, so it answers 503 with ``Retry-After``
instead of 500. The page is rendered without a request context: context
processors would ask the database who is signed in. Django still logs the error
with its traceback for the operators; the page shows none.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

DATABASE_AWAY = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
# Never echoed back: secrets and the form's own machinery.
_NOT_GIVEN_BACK = ("password", "token", "otp", "csrf", "secret", "code")


def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_AWAY):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request):
    response = HttpResponse(
        loader.render_to_string("503.html", {"typed": typed_text(request)}), status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def typed_text(request) -> list[tuple[str, str]]:
    """What the person sent, so a failed save does not lose it: (label, text) pairs.

    Kept whole (nothing cut); anything secret is left out.
    """
    if request.method != "POST":
        return []
    return [
        (name.replace("_", " ").capitalize(), value)
        for name, value in request.POST.items()
        if value.strip() and not any(word in name.lower() for word in _NOT_GIVEN_BACK)
    ]
