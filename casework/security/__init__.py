"""Sign-in security shared by middleware, views and signals.

* ``client_ip``: the visitor's address, used by django-axes and the security log;
* ``AccountAtAddressHandler``: django-axes' failure counts, with one limit per
  username at an address and a higher one per address;
* ``lockout_response``: the page shown after too many failed sign-ins;
* ``two_factor_state``: whether this sign-in must still pass (or set up) TOTP;
* signal receivers that write the security log and stamp a sign-in's start.

The security log (logger ``recovery_practice.security``) holds user ids,
usernames and IP addresses only: never passwords, codes or record content.
"""

from __future__ import annotations

import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Sum
from django.dispatch import receiver
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone

from casework.models import StaffMembership

log = logging.getLogger("recovery_practice.security")

# Session keys: when this sign-in started and when it was last used (epoch seconds).
SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"
TWO_FACTOR_STATE = "two_factor_state"


def client_ip(request: HttpRequest) -> str:
    """The visitor's IP address; behind a TLS proxy, the hop the proxy appended."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


class SignInThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for sign-ins that come over HTTP.

    Axes refuses ``authenticate()`` calls without a request; those only come
    from code running on the server (a management command, the test client's
    ``login()``), which has no visitor address to count, so they pass on to
    the password check.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class AccountAtAddressHandler(AxesDatabaseHandler):
    """django-axes' database handler with a limit for each of its two counts.

    ``AXES_LOCKOUT_PARAMETERS`` counts failures for a username at one address,
    then for the address whatever the username. The username is locked at that
    address after ``AXES_FAILURE_LIMIT`` failures; the address, for everyone,
    after the higher ``AXES_ADDRESS_FAILURE_LIMIT``. Axes has one limit, so
    ``get_failures`` reports an address over its own limit as at axes' limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        username_here, address = (
            attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(username_here, settings.AXES_FAILURE_LIMIT)
        return username_here

    def reset_user_attempts(self, request, credentials=None) -> int:
        # Signing in clears that username's failures at this address only: clearing
        # the address's count too would let someone guessing many usernames reset
        # it with an account of their own.
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """Too many failed sign-ins: the same neutral page whether or not the account exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# --- two-factor sign-in -------------------------------------------------------


def two_factor_required(user) -> bool:
    """Supervisors and organisation administrators must use a second factor."""
    if user.is_superuser or user.is_org_admin:
        return True
    return StaffMembership.objects.filter(user=user, role=StaffMembership.Role.SUPERVISOR).exists()


def has_two_factor(user) -> bool:
    from casework.security.models import AuthenticatorDevice

    return AuthenticatorDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_state(request) -> str:
    """ "verified", "verify" (has a device, code not given yet), "set_up" (must add one) or "none".

    Worked out once per sign-in and kept in the session, so most requests cost
    no query; a sign-in that changes the answer (adding or removing a device)
    updates it through ``remember_two_factor_state``.
    """
    if request.user.is_verified():
        return "verified"
    state = request.session.get(TWO_FACTOR_STATE)
    if state is None:
        state = remember_two_factor_state(request)
    return state


def remember_two_factor_state(request, user=None) -> str:
    user = user or request.user
    if has_two_factor(user):
        state = "verify"
    elif two_factor_required(user):
        state = "set_up"
    else:
        state = "none"
    request.session[TWO_FACTOR_STATE] = state
    return state


# --- the security log ---------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="security_log_signed_in")
def _signed_in(sender, request, user, **kwargs):
    if request is None:
        return
    now = int(timezone.now().timestamp())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now
    remember_two_factor_state(request, user)
    log.info("signed in: user_id=%s username=%s ip=%s", user.pk, user.username, client_ip(request))


@receiver(user_logged_out, dispatch_uid="security_log_signed_out")
def _signed_out(sender, request, user, **kwargs):
    if request is None or user is None:
        return
    log.info("signed out: user_id=%s username=%s ip=%s", user.pk, user.username, client_ip(request))


@receiver(user_login_failed, dispatch_uid="security_log_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # ``credentials`` has the password masked by Django; take the username only.
    username = str(credentials.get("username", ""))[:150]
    ip = client_ip(request) if request is not None else ""
    log.warning("sign-in failed: username=%s ip=%s", username, ip)


def _locked_out(sender, request, username, ip_address, **kwargs):
    log.warning("sign-in locked out: username=%s ip=%s", (username or "")[:150], ip_address)


def log_event(request, event: str) -> None:
    """Log a security event about the signed-in user (two-factor, password, sessions)."""
    user = request.user
    log.info("%s: user_id=%s username=%s ip=%s", event, user.pk, user.username, client_ip(request))


def connect_signals():
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="security_log_locked_out")
