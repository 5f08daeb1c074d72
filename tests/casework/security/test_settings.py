"""Settings read from the environment fail loudly and plainly when wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


# Each test says what it sets; nothing leaks in from the environment of this run.
_FROM_THE_TEST_RUN = {
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
}
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 50,
    "EMAIL_URL": "smtp+tls://mailer:s3cret@mail.example.org:587",
    "DEFAULT_FROM_EMAIL": "Recovery practice <notes@example.org>",
}


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in _FROM_THE_TEST_RUN}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_refuses_to_start_without_secret_key():
    result = _manage("check", DEBUG="0")
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_mode_runs_with_the_dev_key():
    result = _manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["maybe", "ture", "2"])
def test_misspelt_boolean_fails_loudly(value):
    result = _manage("check", DEBUG=value)
    assert result.returncode == 2
    assert f"DEBUG={value!r} is not understood" in result.stderr


@pytest.mark.parametrize(
    "url",
    ["mysql2://nowhere/db", "not a url", "postgres://postgres@127.0.0.1:5432/"],
)
def test_bad_database_url_gets_a_clear_message(url):
    result = _manage("check", DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def _settings(*names, **env):
    """The named settings as loaded in a fresh process with ``env`` (and nothing from this run)."""
    code = f"from django.conf import settings as s; print(*(getattr(s, n) for n in {names!r}), sep='|')"
    result = _manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().split("|")


def test_production_settings_are_safe():
    values = _settings(
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "ALLOWED_HOSTS",
        **PRODUCTION,
    )
    assert values == ["False", "True", "True", "True", "31536000", "[]"]


# --- email ----------------------------------------------------------------------


def _one_line_refusal(result, *expected):
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for text in expected:
        assert text in result.stderr


def test_production_mode_refuses_to_start_without_an_email_backend():
    # Activation links must never go to the console (and so the server log) in production.
    env = {**PRODUCTION}
    del env["EMAIL_URL"]
    _one_line_refusal(_manage("check", **env), "EMAIL_URL is not set")


def test_production_mode_refuses_to_start_without_a_from_address():
    env = {**PRODUCTION}
    del env["DEFAULT_FROM_EMAIL"]
    _one_line_refusal(_manage("check", **env), "DEFAULT_FROM_EMAIL is not set")


def test_a_from_address_that_is_not_an_email_address_is_refused():
    result = _manage("check", **{**PRODUCTION, "DEFAULT_FROM_EMAIL": "notes at example"})
    _one_line_refusal(result, "DEFAULT_FROM_EMAIL")


@pytest.mark.parametrize(
    "url",
    [
        "smtps://mailer:s3cret@mail.example.org",  # a scheme we do not read
        "mail.example.org",
        "smtp://mailer:s3cret@mail.example.org:notaport",
        "smtp://mailer:s3cret@:25",  # no host
        "smtp://mailer:s3cret@mail.example.org?tls=ture",  # unknown option
        "file://relative/path",
    ],
)
def test_a_bad_email_url_gets_a_one_line_message_without_the_password(url):
    result = _manage("check", **{**PRODUCTION, "EMAIL_URL": url})
    _one_line_refusal(result, "EMAIL_URL")
    assert "s3cret" not in result.stderr


def test_debug_mode_prints_emails_to_the_console_by_default():
    (backend,) = _settings("EMAIL_BACKEND", DEBUG="1")
    assert backend == "django.core.mail.backends.console.EmailBackend"


def test_production_settings_read_the_email_url():
    values = _settings(
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
        "DEFAULT_FROM_EMAIL",
        **PRODUCTION,
    )
    assert values == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "587",
        "mailer",
        "s3cret",
        "True",
        "False",
        "Recovery practice <notes@example.org>",
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://relay.internal",
            {"EMAIL_HOST": "relay.internal", "EMAIL_PORT": 25, "EMAIL_HOST_USER": ""},
        ),
        (
            # Reserved characters in the user name and password are percent-encoded.
            "smtp+tls://notes%40example.org:p%40ss%3Aword@mail.example.org",
            {
                "EMAIL_HOST_USER": "notes@example.org",
                "EMAIL_HOST_PASSWORD": "p@ss:word",
                "EMAIL_PORT": 587,
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        (
            "smtp+ssl://u:p@mail.example.org?timeout=30",
            {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False, "EMAIL_TIMEOUT": 30},
        ),
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        ("locmem://", {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}),
        (
            "file:///var/mail/recovery",
            {
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": "/var/mail/recovery",
            },
        ),
    ],
)
def test_email_urls_are_read_into_django_settings(url, expected):
    from recovery_practice.env import email_from_url

    config = email_from_url(url)
    assert {key: config[key] for key in expected} == expected


def test_the_address_sign_in_limit_may_not_be_below_the_username_limit():
    result = _manage("check", DEBUG="1", AXES_FAILURE_LIMIT="5", AXES_ADDRESS_FAILURE_LIMIT="3")
    _one_line_refusal(result, "AXES_ADDRESS_FAILURE_LIMIT must be at least 5")


def test_sqlite_is_set_up_for_several_writers_by_default_and_from_a_url():
    from recovery_practice.env import database_from_url, sqlite_options

    wanted = sqlite_options()
    assert wanted["transaction_mode"] == "IMMEDIATE" and wanted["timeout"] >= 5
    assert "journal_mode=WAL" in wanted["init_command"]
    (default,) = _settings("DATABASES", DEBUG="1")
    assert "'transaction_mode': 'IMMEDIATE'" in default
    assert database_from_url("sqlite:////tmp/x.sqlite3", conn_max_age=0)["OPTIONS"] == wanted
    assert "OPTIONS" not in database_from_url("postgres://u@h:5432/db", conn_max_age=0) or (
        "transaction_mode"
        not in database_from_url("postgres://u@h:5432/db", conn_max_age=0)["OPTIONS"]
    )


def test_postgresql_connections_set_the_planner_for_web_requests_unless_the_url_says():
    from recovery_practice.env import database_from_url

    ours = "-c jit=off -c random_page_cost=1.1"
    options = database_from_url("postgres://u@h:5432/db", conn_max_age=0)["OPTIONS"]
    assert options["options"] == ours
    given = "postgres://u@h:5432/db?options=-c%20statement_timeout%3D5000"
    assert database_from_url(given, conn_max_age=0)["OPTIONS"]["options"] == (
        f"-c statement_timeout=5000 {ours}"
    )
    chosen = "postgres://u@h:5432/db?options=-c%20jit%3Don"
    assert database_from_url(chosen, conn_max_age=0)["OPTIONS"]["options"] == (
        "-c jit=on -c random_page_cost=1.1"
    )
    chosen = "postgres://u@h:5432/db?options=-c%20random_page_cost%3D4%20-c%20jit%3Don"
    assert database_from_url(chosen, conn_max_age=0)["OPTIONS"]["options"] == (
        "-c random_page_cost=4 -c jit=on"
    )


@pytest.mark.django_db
def test_the_live_postgresql_connection_has_the_planner_settings():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def test_retention_settings_have_defaults_and_refuse_a_misspelt_action():
    assert _settings("RETENTION_YEARS", "RETENTION_ACTION", DEBUG="1") == ["8", "delete"]
    assert _settings("RETENTION_ACTION", DEBUG="1", RETENTION_ACTION="Anonymise") == ["anonymise"]
    result = _manage("check", DEBUG="1", RETENTION_ACTION="shred")
    assert result.returncode == 2
    assert "RETENTION_ACTION='shred' is not understood" in result.stderr
