"""The project's settings for the test server, with the suite's fast password hashing.

Everything else (the databases and their options above all) is the project's own.
"""

from recovery_practice.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
