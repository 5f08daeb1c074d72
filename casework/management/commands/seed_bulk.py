"""Create a large organisation quickly, for benchmarks: ``seed_bulk --preset medium``."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from casework.demo.bulk import BENCH_ORGANISATION, PRESETS, BulkContext, seed_bulk
from casework.models import Organisation


class Command(BaseCommand):
    help = "Load a large synthetic organisation with bulk inserts (for make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), help="small, medium or large")
        parser.add_argument("--people", type=int)
        parser.add_argument("--notes-per-person", type=int)
        parser.add_argument("--workers", type=int)
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, preset, people, notes_per_person, workers, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_bulk creates accounts with a known password: use DEBUG=1 or --force."
            )
        if Organisation.objects.filter(name=BENCH_ORGANISATION).exists():
            raise CommandError(f"'{BENCH_ORGANISATION}' already exists; use a fresh database.")
        values = dict(PRESETS[preset or "small"])
        for key, value in (
            ("people", people),
            ("notes_per_person", notes_per_person),
            ("workers", workers),
        ):
            if value is not None:
                if value < 1:
                    raise CommandError(f"--{key.replace('_', '-')} must be at least 1.")
                values[key] = value
        self.stdout.write(
            f"Seeding {values['people']:,} people, {values['notes_per_person']} notes each, "
            f"{values['workers']:,} workers ..."
        )
        ctx = BulkContext(password=settings.DEMO_PASSWORD, report=self.stdout.write, **values)
        with transaction.atomic():
            seed_bulk(ctx)
