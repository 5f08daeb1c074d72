"""Site-wide security middleware: every page gets these, including pages added later.

* ``SecurityHeadersMiddleware``: Permissions-Policy, Cross-Origin-Resource-Policy,
  and no caching of anything shown to a signed-in user;
* ``SessionTimeoutMiddleware``: signs a session out after inactivity and after an
  absolute lifetime counted from sign-in;
* ``UserLanguageMiddleware``: a signed-in user's own choice of language (kept on
  their login) is the language of every page they see;
* ``TwoFactorMiddleware``: a sign-in with a TOTP device reaches nothing until the
  code is given; a supervisor or administrator without one reaches only set-up;
* ``RecordAccessMiddleware``: writes the access event for every response that
  showed record content, whatever the method.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from casework import access, security


def _is_signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}={allow}" for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if _is_signed_in(request):
            # Pages for a signed-in user hold personal data: never keep them in a
            # browser or proxy cache, where the next user of the computer could
            # find them with the back button (ASVS V8.2.1).
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response


def _send_to(request, url):
    # Read the header directly: these run before django-htmx's middleware, so
    # casework.common.htmx.is_htmx() would always say False here.
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


class UserLanguageMiddleware:
    """After sign-in, the user's stored language (``User.interface_language``) wins.

    ``LocaleMiddleware`` has already chosen from the language cookie or the
    browser; a choice made with the switcher while signed in is kept on the login,
    so it follows the user to another device and to their next sign-in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_signed_in(request):
            chosen = request.user.interface_language
            if chosen and translation.check_for_language(chosen):
                translation.activate(chosen)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Idle timeout (SESSION_IDLE_TIMEOUT_MINUTES) and absolute lifetime (SESSION_COOKIE_AGE).

    The last-seen time is written at most once a minute, so a busy page does not
    save the session on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_signed_in(request):
            expired = self._expired(request)
            if expired:
                return self._sign_out(request, expired)
        return self.get_response(request)

    @staticmethod
    def _expired(request) -> str:
        session = request.session
        now = int(time.time())
        signed_in_at = session.setdefault(security.SIGNED_IN_AT, now)
        last_seen_at = session.setdefault(security.LAST_SEEN_AT, now)
        if now - signed_in_at > settings.SESSION_COOKIE_AGE:
            return "absolute"
        if now - last_seen_at > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
            return "idle"
        if now - last_seen_at >= 60:
            session[security.LAST_SEEN_AT] = now
        return ""

    @staticmethod
    def _sign_out(request, why):
        security.log_event(request, f"session ended ({why})")
        logout(request)
        if why == "idle":
            text = (
                f"You were signed out after {settings.SESSION_IDLE_TIMEOUT_MINUTES} minutes "
                "without activity, to keep the records safe. Please sign in again."
            )
        else:
            text = "You were signed out because you had been signed in for a long time. "
            text += "Please sign in again."
        messages.info(request, text)
        login_url = redirect_to_login(request.get_full_path())["Location"]
        return _send_to(request, login_url)


# Pages a sign-in may reach before its second step, by URL name: signing in and
# out, the health check, account activation (its token is the key), a private
# calendar feed (its token is the key, and it shows nothing of the session), and what the
# second step itself needs. Decided by name, never by a view's ``login_required``
# flag: a page open to signed-out visitors can still show a record to a signed-in
# one (the new-note page, open so that a signed-out draft can be kept, issue 15).
# Anything not named here, including every page added later, waits for the code.
_OPEN_BEFORE_SECOND_STEP = {
    "login",
    "logout",
    "set_language",
    "healthz",
    "activate_account",
    "activate_account_form",
    "calendar_feed",
}
_OPEN_BEFORE_TWO_FACTOR = {
    "verify": _OPEN_BEFORE_SECOND_STEP | {"two_factor_verify"},
    "set_up": _OPEN_BEFORE_SECOND_STEP | {"security", "two_factor_setup"},
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _is_signed_in(request):
            return None  # signed-out visitors are LoginRequiredMiddleware's business
        state = security.two_factor_state(request)
        if state in ("verified", "none"):
            return None
        if request.resolver_match.view_name in _OPEN_BEFORE_TWO_FACTOR[state]:
            return None
        if state == "verify":
            query = urlencode({"next": request.get_full_path()})
            return _send_to(request, f"{reverse('two_factor_verify')}?{query}")
        return _send_to(request, reverse("two_factor_setup"))


class RecordAccessMiddleware:
    """Logs every read of record content, whatever the HTTP method (ASVS V7.1.3, V8.3.5).

    ``casework.access`` notes each person a view reached; once the view has
    answered with content (any 2xx), the read is written to the access log. A
    redirect or an error shows nothing, so nothing is logged as read (a change
    is logged by the action that made it). It also turns ``RecordNotOnline``
    into the page that says how to ask for a copy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if 200 <= response.status_code < 300 and getattr(request, "_record_reads", None):
            access.log_reads(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, access.RecordNotOnline):
            request._record_reads = []
            return render(
                request, "casework/me/no_longer_online.html", {"person": exception.person}
            )
        return None
