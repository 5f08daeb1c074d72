"""Run the reminder scan once, now, and send what is due in this process.

The task workers do this on a schedule (docs/operations.md); this command is for
a check by hand and the browser tests. ``--at`` pretends the clock says another
time (ISO 8601, local time if no offset), to see what would be due then.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from casework.reminders.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders and notices that are due (once each), in this process."

    def add_arguments(self, parser):
        parser.add_argument("--at", help="Act as if it were this time (2026-12-15T09:30).")

    def handle(self, *args, at=None, **options):
        now = timezone.now()
        if at:
            try:
                now = datetime.datetime.fromisoformat(at)
            except ValueError:
                raise CommandError(
                    f"--at {at!r} is not a date and time like 2026-12-15T09:30"
                ) from None
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        queued = send_due_reminders(now, inline=True)
        self.stdout.write(f"{queued} new message(s) written and sent.")
