"""The language switcher: one plain form in every page's footer.

Signed out, the choice lives in Django's language cookie (``set_language``);
signed in, it is also kept on the login (``User.interface_language``), so it is
remembered at the next sign-in and on another device
(``recovery_practice.middleware.UserLanguageMiddleware`` applies it).
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def remember_language(user, code: str) -> None:
    """Keep ``code`` as ``user``'s language; an unknown code changes nothing."""
    if code in LANGUAGE_CODES and user.interface_language != code:
        user.interface_language = code
        user.save(update_fields=["interface_language"])


@login_not_required
@require_POST
def choose_language(request):
    """Set the cookie (and the login's choice) and go back to the page the form was on."""
    response = set_language(request)
    if request.user.is_authenticated:
        remember_language(request.user, request.POST.get("language", ""))
    return response
