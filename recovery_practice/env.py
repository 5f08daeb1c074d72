"""Strict readers for settings that come from the environment.

A misspelt value fails loudly at start-up with a message that says which
variable is wrong and what it accepts; nothing silently falls back to a default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not understood. Use one of: 1, true, yes, on, 0, false, no, off."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum} (it is {value}).")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def database_from_url(url: str, *, conn_max_age: int) -> dict:
    """Parse DATABASE_URL, refusing anything but PostgreSQL or SQLite."""
    import dj_database_url

    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL could not be read ({exc}). Expected something like "
            "postgres://user:password@host:5432/dbname or sqlite:////absolute/path.db"
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured(
            f"DATABASE_URL uses an unsupported database ({engine or 'unknown'}). "
            "Use postgres://... or sqlite:///..."
        )
    if not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL has no database name.")
    return config
