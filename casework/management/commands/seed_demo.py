"""Load the demo organisation, its staff and the people they support. Idempotent."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casework.demo.people import seed_demo
from casework.demo.security import DEMO_TOTP_KEY_BASE32, give_demo_staff_two_step


class Command(BaseCommand):
    help = "Create demo teams, staff accounts and people (safe to run more than once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=12, help="Extra people spread over the caseloads."
        )
        parser.add_argument(
            "--sessions-per-person",
            type=int,
            default=10,
            help="Session notes per demo person (about this many; topped up, never duplicated).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on live data)."
        )

    def handle(self, *args, people, sessions_per_person, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo adds demo accounts with a known password, so it only runs with "
                "DEBUG=1. Use --force if you really mean to load demo data here."
            )
        if people < 0 or people > 5000:
            raise CommandError("--people must be between 0 and 5000.")
        if sessions_per_person < 0 or sessions_per_person > 200:
            raise CommandError("--sessions-per-person must be between 0 and 200.")
        with transaction.atomic():
            summary = seed_demo(
                extra_people=people,
                password=settings.DEMO_PASSWORD,
                sessions_per_person=sessions_per_person,
            )
            give_demo_staff_two_step()
        self.stdout.write(self.style.SUCCESS(summary))
        self.stdout.write(
            "morgan, lee and admin use two-step sign-in: add the key "
            f"{DEMO_TOTP_KEY_BASE32} to an authenticator app for their codes."
        )
