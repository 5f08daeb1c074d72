"""Peak memory of the record download (``/me/download.json``) as notes grow.

    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/rp_mem \\
        python manage.py measure_download --notes 500 --notes 5000

For each size it makes (once, then reuses) a person with that many session
notes, in the database it runs against: use a scratch database, never a real
one. It then writes the whole file in a fresh child process, which reports its
peak resident set size (``resource.getrusage``, before and after) and, in a
second child, the Python heap peak (``tracemalloc``). A fresh process per
measurement keeps one size's peak from hiding the next. The file's bytes are
counted and thrown away, as the server throws them away once sent.
"""

from __future__ import annotations

import datetime
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from casework.demo.factories import PersonFactory, UserFactory
from casework.models import NoteAddendum, Person, SessionNote

TALKED = (
    "We talked about the week: the housing forms, the bus pass and how the new medication is "
    "settling. Sleep is better most nights. We went through what helped last time things got "
    "hard and wrote the two things that matter most on the card for the fridge. "
) * 2
GOING_WELL = "Walking to the allotment three mornings a week and seeing her sister on Sundays."
NEXT_STEPS = "Ring the housing officer by Friday; I will send the form to the GP surgery."


def _person_with_notes(n: int) -> Person:
    username = f"measure-download-{n}"
    person = Person.objects.filter(user__username=username).first()
    if person is not None:
        return person
    with transaction.atomic():
        author = UserFactory(username=f"{username}-worker")
        person = PersonFactory(user=UserFactory(username=username), preferred_name="Measure")
        start = timezone.now() - datetime.timedelta(days=4 * 365)
        notes = SessionNote.objects.bulk_create(
            [
                SessionNote(
                    person=person,
                    author=author,
                    happened_at=start + datetime.timedelta(hours=6 * i),
                    how="face_to_face",
                    duration_minutes=45,
                    talked_about=f"{i}: {TALKED}",
                    going_well=GOING_WELL,
                    next_steps=NEXT_STEPS,
                    withheld_reason="legal" if i % 33 == 0 else "",
                    withheld_explanation="A court order." if i % 33 == 0 else "",
                )
                for i in range(n)
            ],
            batch_size=500,
        )
        NoteAddendum.objects.bulk_create(
            [
                NoteAddendum(note=note, author=author, text="We also agreed to meet at the cafe.")
                for note in notes[::10]
            ],
            batch_size=500,
        )
    return person


def _rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _measure(person_id: int, trace: bool) -> dict:
    """In the child: write the file once, return what it cost."""
    from casework.export.record import stream_file

    person = Person.objects.get(pk=person_id)
    before = _rss_kib()
    if trace:
        tracemalloc.start()
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    started = time.monotonic()
    size = 0
    with connection.execute_wrapper(count):
        for piece in stream_file(person):
            size += len(piece.encode())
    seconds = time.monotonic() - started
    result = {"bytes": size, "seconds": round(seconds, 3), "queries": queries}
    if trace:
        result["python_heap_peak_kib"] = tracemalloc.get_traced_memory()[1] // 1024
        tracemalloc.stop()
    else:
        result |= {"rss_before_kib": before, "rss_peak_kib": _rss_kib()}
    return result


class Command(BaseCommand):
    help = "Measure peak memory of the record download at several note counts."
    requires_system_checks = []  # the checks import every URL module: noise in the baseline

    def add_arguments(self, parser):
        parser.add_argument("--notes", type=int, action="append", help="note counts (repeat)")
        parser.add_argument("--child", type=int, help=argparse_hidden())
        parser.add_argument("--trace", action="store_true", help=argparse_hidden())

    def handle(self, *args, notes=None, child=None, trace=False, **options):
        if child is not None:
            self.stdout.write(json.dumps(_measure(child, trace)))
            return
        if not notes:
            raise CommandError("Give one or more --notes N.")
        rows = []
        for n in notes:
            person = _person_with_notes(n)
            child_args = [
                sys.executable,
                sys.argv[0],
                "measure_download",
                "--child",
                str(person.pk),
            ]
            rss = self._run(child_args)
            heap = self._run([*child_args, "--trace"])
            rows.append((n, rss, heap))
        self.stdout.write(
            "| notes | file | time | queries | RSS before | peak RSS | growth | Python heap peak |"
        )
        self.stdout.write("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for n, rss, heap in rows:
            self.stdout.write(
                f"| {n:,} | {rss['bytes'] / 1024:,.0f} KiB | {rss['seconds']:.2f} s "
                f"| {rss['queries']} | {rss['rss_before_kib'] / 1024:.1f} MiB "
                f"| {rss['rss_peak_kib'] / 1024:.1f} MiB "
                f"| {(rss['rss_peak_kib'] - rss['rss_before_kib']) / 1024:.1f} MiB "
                f"| {heap['python_heap_peak_kib'] / 1024:.1f} MiB |"
            )

    def _run(self, args) -> dict:
        done = subprocess.run(args, capture_output=True, text=True, env=os.environ, check=False)  # noqa: S603
        if done.returncode:
            raise CommandError(done.stderr)
        return json.loads(done.stdout.strip().splitlines()[-1])


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS
