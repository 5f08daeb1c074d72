"""Remove the records of closed cases whose retention period has ended (dry run by default).

    manage.py apply_retention            # says what it would do, changes nothing
    manage.py apply_retention --apply    # does it

The period and what is done come from RETENTION_YEARS and RETENTION_ACTION
(docs/operations.md). Prints and logs counts and internal ids only.
"""

from django.core.management.base import BaseCommand

from casework.people.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Delete or anonymise closed cases' records after the retention period (dry run by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Act. Without it nothing is changed."
        )

    def handle(self, *args, apply, **options):
        summary = apply_retention(apply=apply)
        for line in summary.lines():
            self.stdout.write(line)
