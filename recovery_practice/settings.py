"""Settings for the recovery practice project: one module, read from the environment.

Production-safe by default: DEBUG is off unless asked for, and then SECRET_KEY
and ALLOWED_HOSTS must be given. See docs/deployment.md for every variable.
"""

import base64
import hashlib
from datetime import timedelta
from pathlib import Path

from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from recovery_practice.env import (
    database_from_url,
    email_address,
    email_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    sms_from_url,
    sqlite_options,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

_DEV_SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random value, "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_q",
    "casework",
    "strengths",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Headers for every response this app renders (static files are served above).
    "csp.middleware.CSPMiddleware",
    "recovery_practice.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the switcher's cookie or the browser (after sessions, before common).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A signed-in user's own choice of language beats the cookie and the browser.
    "recovery_practice.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: a timed-out session is told why on the sign-in page.
    "recovery_practice.middleware.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "recovery_practice.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Logs each read of record content once the view has answered (casework.access).
    "recovery_practice.middleware.RecordAccessMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "recovery_practice.urls"
WSGI_APPLICATION = "recovery_practice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casework.context_processors.acting_role",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {
        "default": database_from_url(_database_url, conn_max_age=env_int("CONN_MAX_AGE", 60))
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": sqlite_options(),
        }
    }

AUTH_USER_MODEL = "casework.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's defaults: PBKDF2-SHA256 with Django 5.2's iteration count (ASVS V2.4).
# 12 characters for everyone (ASVS V2.1.1): three ordinary words make a passphrase
# that is long enough and easier to remember than symbols. There is no offline,
# well-kept breached-password library for Django, and the app must not call out
# to the network when someone sets a password, so CommonPasswordValidator's list
# of 20,000 passwords seen in breaches is the local check ASVS V2.1.7 allows.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes counts failed sign-ins first (its AxesStandaloneBackend, which lets
# server-side calls without a request through); then Django checks the password.
AUTHENTICATION_BACKENDS = [
    "casework.security.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
# Two counts, two limits (casework.security.AccountAtAddressHandler): a username
# is locked at the address it failed from, never everywhere, so nobody can keep a
# worker out by failing with their username; an address trying many usernames
# is locked at a higher limit. The handler reads the counts in this order.
AXES_HANDLER = "casework.security.AccountAtAddressHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
# Ours, not django-axes': read by the handler above.
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=AXES_FAILURE_LIMIT)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "casework.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Behind a TLS proxy the client address is the hop the proxy added to
# X-Forwarded-For (otherwise every visitor would share the proxy's address).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
AXES_CLIENT_IP_CALLABLE = "casework.security.client_ip"
# Only what is needed to investigate: never the request body.
# Our own security log records sign-ins (casework/security.py); axes keeps only
# the failure counts it needs, not a second log with browser details.
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["password", "token", "otp_token", "new_password1", "new_password2"]

# Two-factor sign-in (TOTP, django-otp). Required for supervisors and
# organisation administrators; anyone else may turn it on.
OTP_TOTP_ISSUER = "Recovery practice"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The authenticator keys are encrypted in the database (Fernet) and recovery codes
# kept as a keyed hash (casework/security/models.py), with OTP_KEY_ENCRYPTION_KEY:
# a Fernet key, or several separated by commas to rotate (the first encrypts, any
# decrypts). Required without DEBUG; a development key derived from SECRET_KEY otherwise.
OTP_KEY_ENCRYPTION_KEYS = env_list("OTP_KEY_ENCRYPTION_KEY", [])
if not OTP_KEY_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "OTP_KEY_ENCRYPTION_KEY is not set. Make one with: python -c "
            "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' "
            "(keep it apart from the database backups), or set DEBUG=1 for local development."
        )
    OTP_KEY_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(
            hashlib.sha256(b"otp-keys:" + SECRET_KEY.encode()).digest()
        ).decode()
    ]
for _key in OTP_KEY_ENCRYPTION_KEYS:
    try:
        Fernet(_key)
    except ValueError:
        raise ImproperlyConfigured(
            "OTP_KEY_ENCRYPTION_KEY is not a Fernet key (32 bytes, url-safe base64)."
        ) from None

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
# The languages of the interface (docs/architecture.md, "Languages"): English by
# default, Welsh for every page a person sees and the sign-in pages. A signed-in
# user's choice is kept on their login (User.interface_language); a signed-out
# visitor's in Django's language cookie.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap comes from the npm registry (package.json), served locally.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("STATIC_PLAIN", default=False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Long text gets a live count instead of a maxlength that cuts pastes silently.
FORM_RENDERER = "casework.common.rendering.FormRenderer"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# The absolute lifetime of a sign-in, counted from sign-in by SessionTimeoutMiddleware
# (the cookie age alone would be renewed by activity).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60, minimum=60)
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30, minimum=1)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Production-safe transport defaults; a local http run sets DEBUG=1.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: site behaviour lives in static files, and
# htmx reads its configuration from a <meta> tag (indicator styles turned off).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Powerful browser features this app never uses are switched off for every page.
PERMISSIONS_POLICY = dict.fromkeys(
    (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ),
    "()",
)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Emails hold activation links, names and addresses: with DEBUG off they go
# exactly where EMAIL_URL says (never to the console and so the server log by
# default), from an address the service chose. See docs/deployment.md.
_email_url = env_str("EMAIL_URL")
if not _email_url and not DEBUG:
    raise ImproperlyConfigured(
        "EMAIL_URL is not set. Set it to the mail server, e.g. smtp+tls://user:password@host:587, "
        "or set DEBUG=1 for local development."
    )
_email = email_from_url(_email_url or "console://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH")
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT")
_default_from_email = env_str("DEFAULT_FROM_EMAIL")
if not _default_from_email and not DEBUG:
    raise ImproperlyConfigured(
        "DEFAULT_FROM_EMAIL is not set. Set it to the address emails come from, "
        "e.g. Recovery practice <notes@example.org>."
    )
DEFAULT_FROM_EMAIL = email_address(
    "DEFAULT_FROM_EMAIL", _default_from_email or "recovery-practice@localhost"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Retention (casework/people/retention.py, `manage.py apply_retention`): a closed
# case's record is kept this many whole years after the day support ended, then
# deleted (everything but a stub row and the access log) or anonymised. Eight
# years is the usual period for adult health and care records in England; set
# what your service's records policy says. See docs/operations.md.
RETENTION_YEARS = env_int("RETENTION_YEARS", 8, minimum=1)
RETENTION_ACTION = env_choice("RETENTION_ACTION", "delete", ("delete", "anonymise"))

# Text messages (reminders) go where SMS_URL says: console:// (DEBUG's default),
# file:///folder, locmem:// (tests). Without it, and without DEBUG, text reminders
# are not offered. A provider is one class in casework/reminders/sms.py.
_sms_url = env_str("SMS_URL") or ("console://" if DEBUG else "")
_sms = sms_from_url(_sms_url) if _sms_url else {}
SMS_BACKEND = _sms.get("SMS_BACKEND")
SMS_FILE_PATH = _sms.get("SMS_FILE_PATH")

# Scheduled work (docs/operations.md, decision 0016): django-q2 with the database
# as its queue, so nothing else has to run beside the app and its database.
# `manage.py qcluster` is the worker process (`make run` starts one). A task that
# raises is not acknowledged: the queue hands it out again after `retry` seconds,
# up to `max_attempts` times, and each failure shows under "Failed tasks" in the admin.
Q_CLUSTER = {
    "name": "recovery_practice",
    "label": "Scheduled work",
    "orm": "default",
    "workers": env_int("TASK_WORKERS", 2, minimum=1),
    "timeout": 60,
    "retry": 120,
    "max_attempts": 4,
    "ack_failures": False,
    "save_limit": 500,
    # After the workers were stopped, a schedule runs once, not once per missed turn.
    "catch_up": False,
    "poll": 2,
    # Tests: anything queued runs at once, in the same process.
    "sync": env_bool("TASKS_INLINE", False),
}
# How often the reminder scan runs; a reminder goes at most this late.
REMINDER_SCAN_MINUTES = env_int("REMINDER_SCAN_MINUTES", 5, minimum=1)
# The retention task only reports what it would remove unless this is on (docs/operations.md).
RETENTION_APPLY_ON_SCHEDULE = env_bool("RETENTION_APPLY_ON_SCHEDULE", False)

# Demo data password (see README); only used by seed_demo.
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "recovery-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies can hold note text: never log them.
        "django.request": {"level": "ERROR", "propagate": True},
        # Sign-in, sign-out, failures, lockouts, two-factor and refused record
        # access: user id, username and IP address only (docs/security.md).
        "recovery_practice.security": {"level": "INFO", "propagate": True},
        # Retention runs: counts and internal ids only, never names or text.
        "casework.retention": {"level": "INFO", "propagate": True},
    },
}
