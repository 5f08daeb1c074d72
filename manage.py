#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_practice.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Load settings first so a bad environment variable is reported plainly
        # (Django's own loader would swallow it and fail later, less clearly).
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A setting is wrong: say which, plainly, without a traceback.
        sys.stderr.write(f"Configuration problem: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
