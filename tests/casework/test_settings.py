"""Settings read from the environment fail loudly and plainly when wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
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


def test_production_settings_are_safe():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS > 0, s.ALLOWED_HOSTS)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "ALLOWED_HOSTS"}}
    env.update(SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="recovery_practice.settings")
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False True True True True []", result.stderr
