"""Signing in: lockout after repeated failures, neutral messages, the security log,
password rules and password change.

django-axes stays switched on for the whole suite; these tests drive it through
the real login form.
"""

import logging
import re

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
SECURITY_LOG = "recovery_practice.security"


def _without_csrf_tokens(response) -> str:
    return re.sub(
        r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", response.content.decode()
    )


def _fail(client, username, ip="10.0.0.1", password="wrong-password"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _failures_to_lockout(client, username, ip="10.0.0.1"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _fail(client, username, ip)
    return response


def test_five_failures_lock_the_account_even_with_the_right_password(client, worker):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _fail(client, "alice").status_code == 200
    locked = _fail(client, "alice")
    assert locked.status_code == 429
    right_password = client.post(
        LOGIN, {"username": "alice", "password": "recovery-demo"}, REMOTE_ADDR="10.0.0.1"
    )
    assert right_password.status_code == 429
    assert "_auth_user_id" not in client.session


def _sign_in(client, username, ip):
    return client.post(LOGIN, {"username": username, "password": "recovery-demo"}, REMOTE_ADDR=ip)


def test_failures_at_one_address_do_not_lock_the_account_elsewhere(client, worker):
    # Anyone who knows a worker's username could otherwise keep them out of work.
    _failures_to_lockout(client, "alice", ip="10.0.1.1")
    assert _sign_in(client, "alice", ip="10.0.1.2").status_code == 302
    client.post(reverse("logout"), REMOTE_ADDR="10.0.1.2")
    # Signing in elsewhere does not lift the lockout where the guessing happened.
    assert _sign_in(client, "alice", ip="10.0.1.1").status_code == 429


def test_one_locked_account_does_not_lock_the_address_for_others(client, worker, other_worker):
    _failures_to_lockout(client, "alice", ip="10.0.1.5")
    assert _sign_in(client, "bob", ip="10.0.1.5").status_code == 302


def test_the_lockout_is_per_address_across_accounts_at_a_higher_limit(client, worker, other_worker):
    assert settings.AXES_ADDRESS_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        assert _fail(client, f"guess{n}", ip="10.0.2.1").status_code == 200
    assert _fail(client, "one-guess-too-many", ip="10.0.2.1").status_code == 429
    assert _sign_in(client, "bob", ip="10.0.2.1").status_code == 429
    assert _sign_in(client, "bob", ip="10.0.2.2").status_code == 302


def test_signing_in_does_not_reset_the_count_for_the_address(client, worker, other_worker):
    # Otherwise someone guessing many accounts could clear the count with their own.
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        _fail(client, f"guess{n}", ip="10.0.2.5")
    assert _sign_in(client, "bob", ip="10.0.2.5").status_code == 302
    client.post(reverse("logout"), REMOTE_ADDR="10.0.2.5")
    assert _fail(client, "one-guess-too-many", ip="10.0.2.5").status_code == 429


def test_other_accounts_and_addresses_are_not_locked(client, worker, other_worker):
    _failures_to_lockout(client, "alice", ip="10.0.3.1")
    response = client.post(
        LOGIN, {"username": "bob", "password": "recovery-demo"}, REMOTE_ADDR="10.0.3.2"
    )
    assert response.status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, worker, settings):
    from axes.models import AccessAttempt

    _failures_to_lockout(client, "alice")
    # Age every counted failure beyond the cool-off instead of waiting 15 minutes.
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= settings.AXES_COOLOFF_TIME * 2
        attempt.save()
    response = client.post(
        LOGIN, {"username": "alice", "password": "recovery-demo"}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302


def test_the_lockout_page_is_the_same_whether_or_not_the_account_exists(client, worker):
    existing = _failures_to_lockout(client, "alice", ip="10.0.4.1")
    missing = _failures_to_lockout(client, "nobody-by-this-name", ip="10.0.4.2")
    assert existing.status_code == missing.status_code == 429
    assert _without_csrf_tokens(existing) == _without_csrf_tokens(missing)
    body = existing.content.decode()
    assert "too many attempts to sign in" in body
    assert "15 minutes" in body
    assert "alice" not in body
    assert body.count("<h1") == 1


def test_wrong_password_and_unknown_user_read_the_same(client, worker):
    wrong = _without_csrf_tokens(_fail(client, "alice", ip="10.0.5.1"))
    unknown = _without_csrf_tokens(_fail(client, "nobody", ip="10.0.5.2"))
    assert "Please enter a correct username and password" in wrong
    # The pages differ only in the username typed back into the form.
    assert wrong.replace('value="alice"', "") == unknown.replace('value="nobody"', "")


def test_sign_in_events_are_logged_without_secrets(client, worker, caplog):
    caplog.set_level(logging.INFO, logger=SECURITY_LOG)
    _fail(client, "alice", ip="10.0.6.1", password="my-secret-Passw0rd")
    client.post(LOGIN, {"username": "alice", "password": "recovery-demo"}, REMOTE_ADDR="10.0.6.1")
    client.post(reverse("logout"), REMOTE_ADDR="10.0.6.1")
    _failures_to_lockout(client, "alice", ip="10.0.6.1")
    messages = [r.getMessage() for r in caplog.records if r.name == SECURITY_LOG]
    text = "\n".join(messages)
    assert "sign-in failed: username=alice ip=10.0.6.1" in text
    assert f"signed in: user_id={worker.pk} username=alice ip=10.0.6.1" in text
    assert f"signed out: user_id={worker.pk} username=alice ip=10.0.6.1" in text
    assert "sign-in locked out: username=alice ip=10.0.6.1" in text
    # Each line holds an event name, then user id, username and IP address only.
    allowed = re.compile(r"^[a-z ()-]+: (user_id=\d+ )?username=\S* ip=\S*$")
    for message in messages:
        assert allowed.match(message), message
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert "my-secret-Passw0rd" not in everything
    assert "wrong-password" not in everything
    assert "recovery-demo" not in everything


def test_the_client_address_behind_a_proxy_is_the_last_forwarded_hop(rf, settings):
    from casework.security import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    settings.BEHIND_TLS_PROXY = False
    assert client_ip(request) == "10.0.0.2"  # a visitor cannot choose their own address
    settings.BEHIND_TLS_PROXY = True
    assert client_ip(request) == "203.0.113.9"


# --- password rules -----------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "short-pass1",  # 11 characters
        "123456789012345",  # numbers only
        "password1234",  # a common password seen in breaches
        "qwertyuiop123",
    ],
)
def test_weak_passwords_are_refused(password, worker):
    with pytest.raises(ValidationError):
        validate_password(password, worker)


def test_a_long_passphrase_is_accepted(worker):
    validate_password("kettle garden bicycle", worker)


def test_passwords_are_stored_with_a_slow_hash():
    # The suite swaps in a fast hasher; the project's own settings keep Django's
    # default, PBKDF2-SHA256 with Django 5.2's 1,000,000 iterations.
    from django.conf import global_settings
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    import recovery_practice.settings as project_settings

    assert not hasattr(project_settings, "PASSWORD_HASHERS")
    assert global_settings.PASSWORD_HASHERS[0].endswith("PBKDF2PasswordHasher")
    assert PBKDF2PasswordHasher.iterations >= 600_000


# --- password change ----------------------------------------------------------


def test_password_change_needs_the_current_password(client_for, worker):
    client = client_for(worker)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "not-my-password",
            "new_password1": "kettle garden bicycle",
            "new_password2": "kettle garden bicycle",
        },
    )
    assert response.status_code == 200
    worker.refresh_from_db()
    assert worker.check_password("recovery-demo")


def test_password_change_uses_the_password_rules(client_for, worker):
    client = client_for(worker)
    response = client.post(
        reverse("password_change"),
        {"old_password": "recovery-demo", "new_password1": "short1", "new_password2": "short1"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()


def test_password_change_keeps_this_sign_in_and_ends_the_others(client_for, worker, caplog):
    caplog.set_level(logging.INFO, logger=SECURITY_LOG)
    here, elsewhere = client_for(worker), client_for(worker)
    response = here.post(
        reverse("password_change"),
        {
            "old_password": "recovery-demo",
            "new_password1": "kettle garden bicycle",
            "new_password2": "kettle garden bicycle",
        },
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password("kettle garden bicycle")
    assert here.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home")).status_code == 302
    assert any("password changed" in r.getMessage() for r in caplog.records)


def test_password_change_page_is_in_our_layout(client_for, worker):
    body = client_for(worker).get(reverse("password_change")).content.decode()
    assert body.count("<h1") == 1
    for field in ("id_old_password", "id_new_password1", "id_new_password2"):
        assert f'for="{field}"' in body
