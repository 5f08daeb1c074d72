"""Strict readers for settings that come from the environment.

A misspelt value fails loudly at start-up with a message that says which
variable is wrong and what it accepts; nothing silently falls back to a default.
"""

import email.utils
import os
import urllib.parse

from django.core.exceptions import ImproperlyConfigured, ValidationError

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


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not understood. Use one of: {', '.join(choices)}."
        )
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
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**config.get("OPTIONS", {}), **sqlite_options()}
    else:
        config["OPTIONS"] = postgresql_options(config.get("OPTIONS", {}))
    return config


# Session settings the app's own PostgreSQL connections start with, unless
# DATABASE_URL's ``options`` sets the same one (see postgresql_options).
POSTGRESQL_SESSION_SETTINGS = {
    "jit": "off",
    "random_page_cost": "1.1",
}


def postgresql_options(options: dict) -> dict:
    """Connection options for PostgreSQL: planner settings for short web requests.

    * ``jit=off``: PostgreSQL compiles a query to machine code once its estimated
      cost passes ``jit_above_cost``; at 50,000 people the note search and the
      supervisor's home crossed it, and compiling took 60-70 ms of an 80 ms query,
      on every request (docs/performance.md, "Round 3"). A web request's queries
      are short: the compiler never pays for itself here.
    * ``random_page_cost=1.1``: the default of 4 assumes spinning disks. A
      region's records fit in memory (the ``large`` seed is 1.9 GB), and at 4 the
      planner read the whole people table to find a team's 250 people rather than
      look each up by key (docs/performance.md, "Round 5").

    A setting named in DATABASE_URL's ``options`` wins
    (``?options=-c%20random_page_cost%3D4``); other options there are kept.
    """
    given = options.get("options", "")
    ours = " ".join(
        f"-c {name}={value}"
        for name, value in POSTGRESQL_SESSION_SETTINGS.items()
        if f"{name}=" not in given
    )
    return {**options, "options": f"{given} {ours}".strip()}


# How long a writer waits for another writer's lock before SQLite gives up
# ("database is locked"). Writers queue; a few seconds covers any one request.
SQLITE_BUSY_TIMEOUT_SECONDS = 20


def sqlite_options() -> dict:
    """SQLite set up for several writers at once (docs/operations.md, "SQLite").

    * WAL: readers never wait for a writer and a writer never waits for readers.
    * ``transaction_mode`` IMMEDIATE: a transaction takes the write lock when it
      begins, so two writers queue on the busy timeout instead of both reading,
      then one failing at once with "database is locked" when it tries to write
      (a deferred transaction cannot wait: its snapshot would be stale).
    * ``timeout``: the busy timeout, how long a writer queues for the lock.
    * ``synchronous=NORMAL``: in WAL mode a commit survives an application
      crash; only a power cut can lose the last commits, never corrupt the file.
    """
    return {
        "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        "transaction_mode": "IMMEDIATE",
        "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"),
    }


_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
_SMTP_PORTS = {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}
# Without a timeout a mail server that stops answering holds the request forever.
_SMTP_TIMEOUT_SECONDS = 10
_EMAIL_URL_EXAMPLE = (
    "Expected smtp://user:password@host:port, smtp+tls://..., smtp+ssl://..., "
    "console://, locmem:// or file:///absolute/path"
)


def email_from_url(url: str) -> dict:
    """Parse EMAIL_URL into Django's EMAIL_* settings.

    Messages never repeat the URL: it usually holds the mail server's password.
    """
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL has an unknown scheme ({scheme or 'none'!r}). {_EMAIL_URL_EXAMPLE}."
        )
    config = {"EMAIL_BACKEND": _EMAIL_BACKENDS[scheme]}
    if scheme == "file":
        if parts.netloc or not parts.path.startswith("/") or parts.path == "/":
            raise ImproperlyConfigured(
                "EMAIL_URL file:// needs an absolute folder: file:///var/mail/recovery"
            )
        config["EMAIL_FILE_PATH"] = parts.path
    if scheme in _SMTP_PORTS:
        config.update(_smtp_settings(scheme, parts))
    elif parts.query:
        raise ImproperlyConfigured(f"EMAIL_URL {scheme}:// takes no options.")
    return config


def _smtp_settings(scheme: str, parts: urllib.parse.SplitResult) -> dict:
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
    if not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL has no mail server host. {_EMAIL_URL_EXAMPLE}.")
    options = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    unknown = set(options) - {"timeout"}
    if unknown:
        raise ImproperlyConfigured(
            f"EMAIL_URL has options it does not understand ({', '.join(sorted(unknown))}); "
            "the only one is ?timeout=seconds."
        )
    timeout = options.get("timeout", [str(_SMTP_TIMEOUT_SECONDS)])[-1]
    if not timeout.isdigit() or int(timeout) < 1:
        raise ImproperlyConfigured("EMAIL_URL ?timeout= must be a whole number of seconds.")
    return {
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or _SMTP_PORTS[scheme],
        "EMAIL_HOST_USER": urllib.parse.unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": urllib.parse.unquote(parts.password or ""),
        "EMAIL_USE_TLS": scheme == "smtp+tls",
        "EMAIL_USE_SSL": scheme == "smtp+ssl",
        "EMAIL_TIMEOUT": int(timeout),
    }


_SMS_BACKENDS = {
    "console": "casework.reminders.sms.ConsoleBackend",
    "locmem": "casework.reminders.sms.LocmemBackend",
    "file": "casework.reminders.sms.FileBackend",
}


def sms_from_url(url: str) -> dict:
    """Parse SMS_URL (console://, locmem://, file:///absolute/folder) into SMS_* settings."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _SMS_BACKENDS:
        raise ImproperlyConfigured(
            f"SMS_URL has an unknown scheme ({scheme or 'none'!r}). "
            "Expected console://, locmem:// or file:///absolute/folder."
        )
    config = {"SMS_BACKEND": _SMS_BACKENDS[scheme]}
    if scheme == "file":
        if not parts.path.startswith("/") or parts.netloc:
            raise ImproperlyConfigured(
                "SMS_URL file:// needs an absolute folder: file:///var/spool/recovery-sms"
            )
        config["SMS_FILE_PATH"] = parts.path
    return config


def email_address(name: str, raw: str) -> str:
    """A From address, bare or with a display name ("Service <notes@example.org>")."""
    from django.core.validators import validate_email

    _, address = email.utils.parseaddr(raw)
    try:
        validate_email(address)
    except ValidationError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not an email address (e.g. Recovery practice <notes@example.org>)."
        ) from None
    return raw
