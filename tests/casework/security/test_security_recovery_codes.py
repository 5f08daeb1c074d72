"""Recovery codes (a lost phone does not lock a supervisor out) and TOTP keys encrypted at rest."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken

from casework.models import AuthenticatorDevice, RecoveryCodes
from casework.security.models import RECOVERY_CODE_COUNT, make_recovery_codes

pytestmark = pytest.mark.django_db

CODE = re.compile(r"<code class=\"fs-5\">([a-z2-7]{5}-[a-z2-7]{5})</code>")


def _device_for(user):
    device = AuthenticatorDevice(user=user, name="Phone", confirmed=True)
    device.set_key()
    device.save()
    return device


def _code(device):
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits).token()).zfill(6)


def _at_the_verify_step(user):
    """A client past the password, asked for the second step."""
    client = Client()
    response = client.post(
        reverse("login"), {"username": user.username, "password": "recovery-demo"}
    )
    assert response.status_code == 302
    assert client.get("/")["Location"].startswith(reverse("two_factor_verify"))
    return client


def _unthrottle(user):
    # A refused code makes the next try wait a second (django-otp's throttling).
    RecoveryCodes.objects.filter(user=user).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def _use(client, code):
    return client.post(reverse("two_factor_verify"), {"recovery_code": code, "next": "/"})


def test_setting_up_shows_the_codes_once(supervisor):
    client = Client()
    client.force_login(supervisor)
    assert client.get(reverse("two_factor_setup")).status_code == 200
    device = AuthenticatorDevice.objects.get(user=supervisor)
    response = client.post(reverse("two_factor_setup"), {"otp_token": _code(device)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = CODE.findall(response.content.decode())
    assert len(codes) == RECOVERY_CODE_COUNT == len(set(codes))
    assert "the only time these codes are shown" in response.content.decode()
    # Afterwards the page says how many are left, never the codes.
    page = client.get(reverse("recovery_codes")).content.decode()
    assert f"<strong>{RECOVERY_CODE_COUNT}</strong>" in page
    assert not any(code in page for code in codes)
    assert not any(code in client.get(reverse("security")).content.decode() for code in codes)


def test_a_code_works_once_at_the_verify_step(supervisor, person):
    _device_for(supervisor)
    code, other = make_recovery_codes(supervisor)[:2]
    client = _at_the_verify_step(supervisor)
    response = _use(client, code.upper().replace("-", " "))  # as people type it
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("person_detail", args=[person.pk])).status_code == 200
    assert RecoveryCodes.objects.get(user=supervisor).codes_left() == RECOVERY_CODE_COUNT - 1

    again = _at_the_verify_step(supervisor)
    refused = _use(again, code)
    assert refused.status_code == 200
    assert "That recovery code did not work" in refused.content.decode()
    assert again.get("/")["Location"].startswith(reverse("two_factor_verify"))
    _unthrottle(supervisor)
    assert _use(again, other).status_code == 302


def test_new_codes_replace_the_old_ones(supervisor):
    _device_for(supervisor)
    old = make_recovery_codes(supervisor)
    client = Client()
    client.force_login(supervisor)
    from tests.conftest import verify_second_factor

    verify_second_factor(client, supervisor)
    wrong = client.post(reverse("recovery_codes"), {"password": "not it"})
    assert "That is not your current password." in wrong.content.decode()
    assert not set(CODE.findall(wrong.content.decode()))
    response = client.post(reverse("recovery_codes"), {"password": "recovery-demo"})
    new = CODE.findall(response.content.decode())
    assert len(new) == RECOVERY_CODE_COUNT and not set(new) & set(old)
    assert RecoveryCodes.objects.filter(user=supervisor).count() == 1

    stale = _at_the_verify_step(supervisor)
    assert _use(stale, old[0]).status_code == 200
    _unthrottle(supervisor)
    assert _use(stale, new[0]).status_code == 302


def test_codes_are_not_stored_in_clear(supervisor):
    codes = make_recovery_codes(supervisor)
    stored = list(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == RECOVERY_CODE_COUNT
    for code in codes:
        assert code not in stored and code.replace("-", "") not in stored
    # The stored value itself is not a code: typing it is refused.
    _device_for(supervisor)
    assert _use(_at_the_verify_step(supervisor), stored[0]).status_code == 200


def test_wrong_codes_are_throttled(supervisor):
    _device_for(supervisor)
    code = make_recovery_codes(supervisor)[0]
    client = _at_the_verify_step(supervisor)
    for _ in range(3):
        assert _use(client, "aaaaa-aaaaa").status_code == 200
    response = _use(client, code)  # right, but too soon after the wrong ones
    assert "Too many wrong codes" in response.content.decode()


def test_the_authenticator_key_is_not_in_clear_in_the_database(supervisor):
    device = _device_for(supervisor)
    key_hex = device.bin_key.hex()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT encrypted_key FROM {AuthenticatorDevice._meta.db_table} WHERE id = %s",
            [device.pk],
        )
        (stored,) = cursor.fetchone()
    assert key_hex not in stored.lower()
    assert device.bin_key not in stored.encode()
    assert AuthenticatorDevice.objects.get(pk=device.pk).bin_key.hex() == key_hex


def test_the_phone_code_still_works_at_the_verify_step(supervisor):
    device = _device_for(supervisor)
    client = _at_the_verify_step(supervisor)
    response = client.post(reverse("two_factor_verify"), {"otp_token": _code(device), "next": "/"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_turning_two_step_off_removes_the_codes(worker):
    from tests.conftest import verify_second_factor

    _device_for(worker)
    make_recovery_codes(worker)
    client = Client()
    client.force_login(worker)
    verify_second_factor(client, worker)
    client.post(reverse("two_factor_disable"), {"password": "recovery-demo"})
    assert not RecoveryCodes.objects.filter(user=worker).exists()
    assert not StaticToken.objects.exists()


def test_a_key_encrypted_with_a_retired_key_still_works(supervisor, settings):
    from cryptography.fernet import Fernet

    device = _device_for(supervisor)
    raw = device.bin_key
    settings.OTP_KEY_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.OTP_KEY_ENCRYPTION_KEYS,
    ]
    assert AuthenticatorDevice.objects.get(pk=device.pk).bin_key == raw
    settings.OTP_KEY_ENCRYPTION_KEYS = settings.OTP_KEY_ENCRYPTION_KEYS[:1]
    with pytest.raises(ValueError, match="OTP_KEY_ENCRYPTION_KEY"):
        _ = AuthenticatorDevice.objects.get(pk=device.pk).bin_key
