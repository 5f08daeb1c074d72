"""Sessions: a new key at sign-in, timeouts, cookie flags, signing out (everywhere)."""

import time

import pytest
from django.urls import reverse

from casework import security

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _sign_in(client, username="alice"):
    return client.post(LOGIN, {"username": username, "password": "recovery-demo"})


def _age_session(client, *, idle=0, since_sign_in=0):
    session = client.session
    now = int(time.time())
    session[security.LAST_SEEN_AT] = now - idle
    session[security.SIGNED_IN_AT] = now - since_sign_in
    session.save()


def test_signing_in_gives_a_new_session_key(client, worker):
    client.get(LOGIN)
    session = client.session
    session["before"] = "sign-in"
    session.save()
    before = session.session_key
    assert _sign_in(client).status_code == 302
    assert client.session.session_key != before
    # A key planted before sign-in (session fixation) is no longer a session.
    from django.contrib.sessions.backends.db import SessionStore

    assert not SessionStore().exists(before)


def test_idle_session_is_signed_out_with_a_plain_message(client_for, worker, settings, person):
    client = client_for(worker)
    _age_session(client, idle=settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 + 5)
    url = reverse("person_detail", args=[person.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 30 minutes without activity" in page


def test_activity_keeps_a_session_alive(client_for, worker, settings):
    client = client_for(worker)
    _age_session(client, idle=settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 - 60)
    assert client.get(reverse("home")).status_code == 200
    # The request counted as activity: the idle clock starts again.
    assert int(time.time()) - client.session[security.LAST_SEEN_AT] < 5


def test_idle_timeout_comes_from_the_setting(client_for, worker, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 5
    client = client_for(worker)
    _age_session(client, idle=5 * 60 + 5)
    assert client.get(reverse("home")).status_code == 302


def test_absolute_lifetime_ends_even_an_active_session(client_for, worker, settings):
    client = client_for(worker)
    _age_session(client, idle=10, since_sign_in=settings.SESSION_COOKIE_AGE + 1)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had been signed in for a long time" in page


def test_an_htmx_request_after_timeout_is_sent_to_sign_in(client_for, worker, settings):
    client = client_for(worker)
    _age_session(client, idle=settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 + 5)
    response = client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_the_idle_setting_is_read_strictly(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from recovery_practice.env import env_int

    monkeypatch.setenv("SESSION_IDLE_TIMEOUT_MINUTES", "thirty")
    with pytest.raises(ImproperlyConfigured):
        env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30, minimum=1)


def test_session_cookie_flags_in_production(client, worker, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.post(LOGIN, {"username": "alice", "password": "recovery-demo"}, secure=True)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    csrf = (
        client.get(LOGIN, secure=True).cookies.get(settings.CSRF_COOKIE_NAME)
        or (client.cookies[settings.CSRF_COOKIE_NAME])
    )
    assert csrf["secure"]
    assert csrf["samesite"] == "Lax"


def test_production_settings_make_cookies_secure():
    # Read from the settings module as loaded (DEBUG off), not a test override.
    import recovery_practice.settings as project

    assert project.DEBUG is False
    assert project.SESSION_COOKIE_SECURE and project.CSRF_COOKIE_SECURE
    assert project.SESSION_COOKIE_HTTPONLY
    assert project.SESSION_COOKIE_SAMESITE == project.CSRF_COOKIE_SAMESITE == "Lax"


def test_signing_out_ends_the_session_on_the_server(client, worker):
    _sign_in(client)
    stolen_key = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    from django.test import Client

    thief = Client()
    thief.cookies["sessionid"] = stolen_key
    response = thief.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_out_everywhere_ends_the_other_sessions(client_for, worker):
    here, laptop, phone = client_for(worker), client_for(worker), client_for(worker)
    response = here.post(reverse("sign_out_everywhere"))
    assert response.status_code == 302
    assert here.get(reverse("home")).status_code == 200
    for other in (laptop, phone):
        response = other.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_sign_out_everywhere_leaves_other_users_alone(client_for, worker, other_worker):
    bobs = client_for(other_worker)
    client_for(worker).post(reverse("sign_out_everywhere"))
    assert bobs.get(reverse("home")).status_code == 200


def test_sign_out_everywhere_needs_a_post(client_for, worker):
    assert client_for(worker).get(reverse("sign_out_everywhere")).status_code == 405


def test_state_changing_posts_need_the_csrf_token(worker):
    # ASVS V4.2.2: another site cannot make a signed-in browser act (sign-out
    # everywhere stands for every POST form: the check is site-wide middleware).
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(worker)
    assert client.post(reverse("sign_out_everywhere")).status_code == 403
    page = client.get(reverse("security"))
    token = page.context["csrf_token"]
    response = client.post(reverse("sign_out_everywhere"), {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
