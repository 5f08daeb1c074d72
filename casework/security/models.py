"""Two-step sign-in devices: the authenticator app (key encrypted) and recovery codes (hashed).

Both are django-otp devices, so ``django_otp.login``, ``user.is_verified()`` and
the throttling after wrong codes work as for django-otp's own.

* ``AuthenticatorDevice``: django-otp's TOTP device, but its key is kept
  encrypted (Fernet, with ``settings.OTP_KEY_ENCRYPTION_KEYS``) rather than as
  the clear hex ``TOTPDevice.key`` holds. The TOTP arithmetic (checking a code,
  the drift, refusing a code already used) is django-otp's own: the methods are
  ``TOTPDevice``'s, unchanged; only where the key comes from differs.
* ``RecoveryCodes``: django-otp's static device (``StaticDevice`` with a
  ``StaticToken`` per code, each deleted when used) holding a keyed hash of
  each code rather than the code itself (``StaticToken.token`` is clear text
  in django-otp). A proxy model: the tables are django-otp's.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models, transaction
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

KEY_BYTES = 20  # RFC 4226's recommended length, django-otp's default


def _fernet() -> MultiFernet:
    # The first key encrypts; every key listed decrypts (so a key can be rotated).
    return MultiFernet([Fernet(key) for key in settings.OTP_KEY_ENCRYPTION_KEYS])


def encrypt_key(raw: bytes) -> str:
    return _fernet().encrypt(raw).decode()


def decrypt_key(token: str) -> bytes:
    try:
        return _fernet().decrypt(token.encode())
    except InvalidToken as error:
        raise ValueError(
            "A two-step sign-in key cannot be decrypted: is OTP_KEY_ENCRYPTION_KEY the key "
            "it was encrypted with (or listed after the new one)?"
        ) from error


class AuthenticatorDevice(TimestampMixin, ThrottlingMixin, Device):
    """An authenticator app (TOTP, RFC 6238); its key is encrypted in the database."""

    encrypted_key = models.TextField(editable=False)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = "two-step sign-in device"

    def set_key(self, raw: bytes | None = None) -> None:
        """Give the device ``raw`` (or a new random key), encrypted."""
        self.encrypted_key = encrypt_key(raw if raw is not None else secrets.token_bytes(KEY_BYTES))

    @property
    def bin_key(self) -> bytes:
        return decrypt_key(self.encrypted_key)

    # django-otp's TOTP device, reused as it is: each reads the key through ``bin_key``.
    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings


# --- Recovery codes -------------------------------------------------------------------------

RECOVERY_CODE_COUNT = 10


def _code_hashes(code: str) -> list[str]:
    """The stored form of ``code`` under each configured key (the first one is stored).

    HMAC-SHA256 keyed with a key derived from the encryption key, cut to 96 bits
    (16 characters, the size of ``StaticToken.token``): someone holding only the
    database cannot test guesses, and codes are random, so no salt is needed.
    """
    normal = normalise_code(code).encode()
    hashes = []
    for key in settings.OTP_KEY_ENCRYPTION_KEYS:
        mac_key = hashlib.sha256(b"recovery-codes:" + key.encode()).digest()
        digest = hmac.new(mac_key, normal, hashlib.sha256).digest()[:12]
        hashes.append(base64.b64encode(digest).decode())
    return hashes


def normalise_code(code: str) -> str:
    """What people type: any case, with or without the dash and spaces."""
    return "".join(ch for ch in str(code).lower() if ch.isalnum())


def _new_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()[:10]  # 50 random bits
    return f"{raw[:5]}-{raw[5:]}"


class RecoveryCodes(StaticDevice):
    """One person's recovery codes: each works once, in place of a code from the phone."""

    class Meta:
        proxy = True
        verbose_name = "recovery codes"
        verbose_name_plural = "recovery codes"

    def verify_token(self, token) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        with transaction.atomic():
            match = self.token_set.select_for_update().filter(token__in=_code_hashes(token)).first()
            if match is None:
                self.throttle_increment()
                return False
            match.delete()
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        return True

    def codes_left(self) -> int:
        return self.token_set.count()


def make_recovery_codes(user) -> list[str]:
    """New recovery codes for ``user``; any old ones stop working. Returns the codes, to show once."""
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        RecoveryCodes.objects.filter(user=user).delete()
        device = RecoveryCodes.objects.create(user=user, name="Recovery codes", confirmed=True)
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=_code_hashes(code)[0]) for code in codes
        )
    return codes


def recovery_codes_for(user) -> RecoveryCodes | None:
    return RecoveryCodes.objects.filter(user=user, confirmed=True).first()
