"""Two-step sign-in (TOTP): offered to everyone, required of supervisors and administrators."""

import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.oath import TOTP

from casework.models import AuthenticatorDevice
from tests.casework.access.test_access_matrix import (
    PERSON_FACING_PREFIX,
    SELF_SCOPED_PREFIX,
    SUPERVISOR_OWNED_PREFIX,
    _url,
    app_patterns,
)
from tests.conftest import verify_second_factor

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += offset * device.step
    return str(totp.token()).zfill(device.digits)


def _sign_in(username, next_url=""):
    client = Client()
    response = client.post(
        f"{LOGIN}?next={next_url}" if next_url else LOGIN,
        {"username": username, "password": "recovery-demo", "next": next_url},
    )
    assert response.status_code == 302, response.status_code
    return client, response


def _device_for(user):
    device = AuthenticatorDevice(user=user, name="Phone", confirmed=True)
    device.set_key()
    device.save()
    return device


# --- required for supervisors and administrators ---------------------------------


@pytest.mark.parametrize("role", ["supervisor", "org_admin"])
def test_without_a_device_they_can_only_reach_set_up(role, request, person):
    user = request.getfixturevalue(role)
    client, _ = _sign_in(user.username)
    for url in ("/", reverse("person_detail", args=[person.pk]), "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("two_factor_setup"), url
    assert client.get(reverse("two_factor_setup")).status_code == 200
    assert client.get(reverse("security")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_a_worker_without_a_device_is_not_asked(worker):
    client, response = _sign_in("alice")
    assert response["Location"] == reverse("home")
    assert client.get("/").status_code == 200


def test_with_a_device_the_code_is_asked_after_the_password(worker, person):
    device = _device_for(worker)
    target = reverse("person_detail", args=[person.pk])
    client, response = _sign_in("alice", next_url=target)
    page = client.get(response["Location"])
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("two_factor_verify"))
    # Nothing with personal data is reachable before the code.
    assert client.get(target).status_code == 302
    verify_url = page["Location"]
    form = client.get(verify_url)
    assert form.status_code == 200
    assert 'for="id_otp_token"' in form.content.decode()
    response = client.post(verify_url, {"otp_token": _code(device), "next": target})
    assert response.status_code == 302
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_a_wrong_code_is_refused_plainly(worker, caplog):
    caplog.set_level(logging.INFO, logger="recovery_practice.security")
    device = _device_for(worker)
    client, _ = _sign_in("alice")
    wrong = str((int(_code(device)) + 1) % 1_000_000).zfill(6)
    response = client.post(reverse("two_factor_verify"), {"otp_token": wrong})
    assert response.status_code == 200
    assert "That code did not work" in response.content.decode()
    assert client.get("/").status_code == 302
    assert any("two-factor code refused" in r.getMessage() for r in caplog.records)


def test_wrong_codes_slow_down_further_tries(worker):
    device = _device_for(worker)
    client, _ = _sign_in("alice")
    client.post(reverse("two_factor_verify"), {"otp_token": "000000"})
    client.post(reverse("two_factor_verify"), {"otp_token": "000001"})
    # Even the right code waits out the delay that wrong guesses have built up.
    response = client.post(reverse("two_factor_verify"), {"otp_token": _code(device)})
    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()


def test_a_code_works_only_once(worker):
    device = _device_for(worker)
    code = _code(device)
    first, _ = _sign_in("alice")
    assert first.post(reverse("two_factor_verify"), {"otp_token": code}).status_code == 302
    second, _ = _sign_in("alice")
    response = second.post(reverse("two_factor_verify"), {"otp_token": code})
    assert response.status_code == 200  # replayed: refused


def test_verify_does_not_redirect_off_site(worker):
    device = _device_for(worker)
    client, _ = _sign_in("alice")
    response = client.post(
        reverse("two_factor_verify"),
        {"otp_token": _code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")


# --- the admin needs a verified second factor (ASVS V4.3.1) ----------------------


def test_admin_needs_a_verified_session(org_admin):
    _device_for(org_admin)
    client, _ = _sign_in("olive")
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_admin_checks_verification_itself(org_admin, settings):
    # Even without the middleware, the admin site refuses an unverified session.
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "recovery_practice.middleware.TwoFactorMiddleware"
    ]
    client = Client()
    client.force_login(org_admin)
    assert client.get("/admin/", follow=True).status_code == 404
    verify_second_factor(client, org_admin)
    assert client.get("/admin/").status_code == 200


def test_admin_can_reset_a_lost_phone_but_not_read_keys(client_for, org_admin, worker):
    device = _device_for(worker)
    client = client_for(org_admin)
    url = reverse("admin:casework_authenticatordevice_change", args=[device.pk])
    body = client.get(url).content.decode()
    assert device.bin_key.hex() not in body and device.encrypted_key not in body
    delete = reverse("admin:casework_authenticatordevice_delete", args=[device.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not AuthenticatorDevice.objects.filter(pk=device.pk).exists()


# --- setting it up ------------------------------------------------------------------


def test_anyone_can_set_it_up_from_the_security_page(client_for, person, caplog):
    caplog.set_level(logging.INFO, logger="recovery_practice.security")
    client = client_for(person.user)
    assert "Set up two-step sign-in" in client.get(reverse("security")).content.decode()
    page = client.get(reverse("two_factor_setup"))
    body = page.content.decode()
    device = AuthenticatorDevice.objects.get(user=person.user, confirmed=False)
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    assert secret in body
    assert "otpauth://totp/" in body
    assert "<svg" in body and "data:" not in body
    assert " style=" not in body
    assert body.count("<h1") == 1

    wrong = client.post(reverse("two_factor_setup"), {"otp_token": "000000"})
    assert "That code did not work" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(reverse("two_factor_setup"), {"otp_token": _code(device)})
    assert response.status_code == 200  # the recovery codes, shown once
    assert "Your recovery codes" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200  # this session counts as verified
    assert any("two-factor turned on" in r.getMessage() for r in caplog.records)

    # From now on the code is asked at every sign-in.
    again, response = _sign_in("erin")
    assert again.get("/")["Location"].startswith(reverse("two_factor_verify"))


def test_setting_it_up_ends_other_sign_ins(client_for, worker):
    here, elsewhere = client_for(worker), client_for(worker)
    here.get(reverse("two_factor_setup"))
    device = AuthenticatorDevice.objects.get(user=worker)
    here.post(reverse("two_factor_setup"), {"otp_token": _code(device)})
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302


def test_supervisor_can_set_it_up_and_then_work(supervisor):
    client, _ = _sign_in("carol")
    client.get(reverse("two_factor_setup"))
    device = AuthenticatorDevice.objects.get(user=supervisor)
    response = client.post(reverse("two_factor_setup"), {"otp_token": _code(device)})
    assert response.status_code == 200  # the recovery codes, shown once
    assert client.get("/").status_code == 200


# --- turning it off ----------------------------------------------------------------


def test_turning_it_off_needs_the_password(client_for, worker):
    client = client_for(worker)
    _device_for(worker)
    client.post(reverse("two_factor_disable"), {"password": "not-my-password"})
    assert AuthenticatorDevice.objects.filter(user=worker).exists()
    client.post(reverse("two_factor_disable"), {"password": "recovery-demo"})
    assert not AuthenticatorDevice.objects.filter(user=worker).exists()


def test_a_supervisor_who_turns_it_off_must_set_it_up_again(client_for, supervisor):
    client = client_for(supervisor)
    response = client.post(reverse("two_factor_disable"), {"password": "recovery-demo"})
    assert response["Location"] == reverse("two_factor_setup")
    assert client.get("/")["Location"] == reverse("two_factor_setup")


def test_an_old_code_has_expired(worker):
    # ASVS V2.8.1: a code lives for one 30-second step (plus one step of clock drift).
    device = _device_for(worker)
    client, _ = _sign_in("alice")
    response = client.post(reverse("two_factor_verify"), {"otp_token": _code(device, offset=-3)})
    assert response.status_code == 200
    assert client.get("/").status_code == 302


# --- nothing with record content before the code (issue 15, finding 2) -----------


def test_the_new_note_page_waits_for_the_code(worker, person):
    # ``note_create`` is open to signed-out visitors (to rescue a draft), which once
    # let a password-only sign-in read the person's name, goals and circle there,
    # and save a note.
    _device_for(worker)
    client, _ = _sign_in("alice")
    url = reverse("note_create", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("two_factor_verify"))
    saved = client.post(url, {"talked_about": "Written before the code.", "how": "phone"})
    assert saved.status_code == 302
    assert saved["Location"].startswith(reverse("two_factor_verify"))
    assert not person.notes.exists()


# Every URL in the URLconf, so a page added later is covered without editing this
# test; one whose arguments cannot be filled fails (add them to ``record_kwargs``).
# Activation is two URLs (the link, then the tokenless form): a browser waiting for its code
# can still set up the person's account it was given a link for. The private calendar feed
# (issue 20) is opened by its token, not the session, and shows nothing of the session:
# tests/casework/appointments/test_calendar.py.
OPEN_BEFORE_THE_CODE = {
    "login",
    # The language switcher: a cookie and the login's own choice, nothing of the record.
    "set_language",
    "two_factor_verify",
    "logout",
    "healthz",
    "activate_account",
    "activate_account_form",
    "calendar_feed",
}
EVERY_METHOD = ("get", "head", "post", "put", "patch", "delete", "options")


def _whose(route, worker, person, supervisor):
    """The user who could open ``route`` once fully signed in."""
    if route.startswith(PERSON_FACING_PREFIX):
        return person.user
    if route.startswith(SUPERVISOR_OWNED_PREFIX) and not route.startswith(SELF_SCOPED_PREFIX):
        return supervisor
    return worker


def test_the_urls_open_before_the_code_exist():
    assert {name for _, name, _ in app_patterns()} >= OPEN_BEFORE_THE_CODE


@pytest.mark.parametrize(
    ("route", "name", "arg_names"), app_patterns(), ids=[p[1] for p in app_patterns()]
)
def test_before_the_code_every_url_but_sign_in_and_out_waits_for_it(
    route, name, arg_names, request, worker, person, supervisor
):
    user = _whose(route, worker, person, supervisor)
    _device_for(user)
    client, _ = _sign_in(user.username)
    url = _url(name, arg_names, request.getfixturevalue("record_kwargs"))
    to_verify = f"{reverse('two_factor_verify')}?{urlencode({'next': url})}"
    for method in EVERY_METHOD:
        response = getattr(client, method)(url)
        where = response.get("Location", "")
        if name in OPEN_BEFORE_THE_CODE:
            assert not where.startswith(reverse("two_factor_verify")), f"{method} {url}"
        else:
            assert (response.status_code, where) == (302, to_verify), f"{method} {url}"
