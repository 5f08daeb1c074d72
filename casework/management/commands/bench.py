"""``make bench``: seed a large organisation, serve it with gunicorn, measure key pages.

Prints and writes (docs/performance.md, docs/performance.json) a table of
p50/p95/p99 latency per page with its ratio to ``/healthz`` in the same run,
plus each page's query count and template rendering time from an in-process pass.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.access import caseload_for
from casework.demo.benchmark import BenchPage, Result, drive, markdown_table
from casework.demo.breakdown import Breakdown
from casework.demo.bulk import BENCH_TOTP_KEY_HEX, PRESETS, bench_seed_present
from casework.demo.scratch import copy_of_the_database, url_for
from casework.models import Person, User

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SEARCH_WORD = "housing"  # in the bulk seed's phrase lists (casework.demo.bulk.NEXT_STEPS)


_note_counter = itertools.count(1)


def note_form_data() -> dict:
    """A valid new session note, as the form posts it.

    Each one has its own words: the same words saved twice within minutes are
    asked about before saving (``actions.same_note_moments_ago``), which would
    answer 200 instead of the 302 of a save.
    """
    now = timezone.localtime()
    n = next(_note_counter)
    return {
        "happened_at": now.strftime("%Y-%m-%dT%H:%M"),
        "how": "phone",
        "duration_minutes": "30",
        "person_present": "on",
        "other_professionals": "",
        "talked_about": f"We talked about the week and the housing letter ({n}, {secrets.token_hex(4)}).",
        "going_well": "Kept every appointment.",
        "next_steps": "Ring the housing officer on Monday.",
        "next_contact_on": (now + datetime.timedelta(days=14)).strftime("%Y-%m-%d"),
        "withheld_reason": "",
        "withheld_explanation": "",
        "suggested_terms": "",
    }


def bench_pages() -> list[BenchPage]:
    """The key pages, as the bench users see them. Features add theirs here."""
    person = Person.objects.filter(user__username="bp1").first()
    people = f"/people/{person.pk}"
    # Notes are saved to someone else on bw1's caseload: bp1's record keeps the seed's
    # 500 notes however often the bench runs (its timeline and download are measured).
    worker = User.objects.filter(username="bw1").first()
    writes_to = caseload_for(worker).exclude(pk=person.pk).order_by("pk").first() or person
    pages = [
        BenchPage("healthz", "/healthz", None),
        BenchPage("worker caseload", "/", "bw1"),
        BenchPage("person overview", f"{people}/", "bw1"),
        BenchPage("person timeline (500 notes)", f"{people}/notes/", "bw1"),
        BenchPage("journey", f"{people}/journey/", "bw1"),
        BenchPage("recovery plan", f"{people}/plan/", "bw1"),
        BenchPage("record: goals", f"{people}/goals/", "bw1"),
        BenchPage("record: strengths & circle", f"{people}/strengths-and-circle/", "bw1"),
        BenchPage("worker's diary", "/diary/", "bw1"),
        BenchPage(
            "note save",
            f"/people/{writes_to.pk}/notes/new/",
            "bw1",
            method="POST",
            data=note_form_data,
            ok_statuses=(302,),
        ),
        BenchPage("search caseload notes", f"/notes/search/?q={SEARCH_WORD}", "bw1"),
        BenchPage("supervisor home", "/", "bs1", totp_key_hex=BENCH_TOTP_KEY_HEX),
        BenchPage("person's own home", "/", "bp1"),
        BenchPage("record download (json)", "/me/download.json", "bp1"),
    ]
    return pages


def _client_for(page: BenchPage) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    if page.username:
        user = User.objects.get(username=page.username)
        client.force_login(user)
        if page.totp_key_hex:
            # Mark this sign-in as past its two-step check, as django-otp's login does.
            from django_otp import DEVICE_ID_SESSION_KEY

            from casework.models import AuthenticatorDevice

            session = client.session
            device = AuthenticatorDevice.objects.get(user=user)
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


def measure_in_process(page: BenchPage, runs: int = 3) -> tuple[int, dict[str, float], int]:
    """Query count and where the time goes (``Breakdown`` parts, ms) for one request.

    The page is asked ``runs`` times by one signed-in client (the first also parses
    the templates); the run with the median total is reported. Returns the query
    count (as ``CaptureQueriesContext`` counts, like the budget tests), the parts
    with ``total`` added, and the status of the last answer.
    """
    client = _client_for(page)
    measured = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured, Breakdown() as breakdown:
            if page.method == "GET":
                response = client.get(page.path)
            else:
                response = client.post(page.path, page.data() if page.data else {})
            if response.streaming:
                b"".join(response.streaming_content)
        parts = breakdown.summary()
        parts["total"] = round(breakdown.total_ms, 2)
        measured.append((parts["total"], len(captured), parts))
    measured.sort(key=lambda m: m[0])
    _, queries, parts = measured[len(measured) // 2]
    return queries, parts, response.status_code


def fail_on_errors(results: list[Result]) -> None:
    """Errors fail the run (CI's smoke run relies on it); slowness never does."""
    failed = [f"{r.name} ({r.errors})" for r in results if r.errors]
    if failed:
        raise CommandError(f"Requests that failed (not the expected status): {', '.join(failed)}")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except OSError:
        mem = "unknown memory"
    return f"{os.cpu_count()} cores ({cpu}), {mem}, {platform.system()} {platform.release()}"


class Command(BaseCommand):
    help = "Benchmark key pages under gunicorn against /healthz (see docs/performance.md)."

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="medium")
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--requests", type=int, default=40, help="per client, per page")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
        parser.add_argument("--output", default="docs/performance.md")

    def handle(self, *args, preset, clients, requests, workers, output, **options):
        if not (1 <= clients <= 64 and 1 <= requests <= 1000):
            raise CommandError("--clients must be 1-64 and --requests 1-1000 (bounded load only).")
        vendor = connection.vendor
        if vendor != "postgresql":
            self.stderr.write("Warning: benchmarking on SQLite; budgets are set for PostgreSQL.")
        call_command("migrate", verbosity=0)
        people = PRESETS[preset]["people"]
        if not bench_seed_present(people):
            call_command("seed_bulk", preset=preset, force=True, stdout=self.stdout)
        else:
            self.stdout.write(f"Using the {preset} seed already in the database.")
        # Measured on a copy of the seeded database: nothing a run writes reaches the next.
        with copy_of_the_database() as copy:
            self._serve_and_measure(preset, clients, requests, workers, output, copy, vendor)

    def _serve_and_measure(self, preset, clients, requests, workers, output, copy, vendor):
        port = _free_port()
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            # The benchmarked pages send no email; production settings need somewhere for it.
            "EMAIL_URL": "locmem://",
            "DEFAULT_FROM_EMAIL": "notes@example.org",
            # The server decrypts the supervisors' authenticator keys this process wrote.
            "OTP_KEY_ENCRYPTION_KEY": ",".join(settings.OTP_KEY_ENCRYPTION_KEYS),
        }
        if copy:
            env["DATABASE_URL"] = url_for(os.environ["DATABASE_URL"], copy)
            self.stdout.write(f"Measuring a copy of the seeded database ({copy}), dropped after.")
        cmd = [
            sys.executable, "-m", "gunicorn", "recovery_practice.wsgi",
            "--workers", str(workers), "--worker-class", "sync",
            "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
        ]  # fmt: skip
        # Collect static files as production would (manifest storage needs DEBUG off).
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, check=True
        )
        config = f"gunicorn {workers} sync workers, {clients} concurrent clients, {requests} requests each per page, {vendor}, preset {preset}"
        self.stdout.write(f"Starting {config} on port {port}")
        server = subprocess.Popen(cmd, env=env)
        load_before = os.getloadavg()[0]
        try:
            self._wait_for(port, server)
            results = self._run(port, clients, requests)
        finally:
            server.terminate()
            server.wait(timeout=20)
        load = f"load average (1 min) {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
        self._write(results, f"{config}; {load}", output)
        fail_on_errors(results)

    def _wait_for(self, port, server):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("gunicorn stopped while starting")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
                return
            except OSError:
                time.sleep(0.3)
        raise CommandError("gunicorn did not answer within 60 s")

    def _run(self, port, clients, requests) -> list[Result]:
        results = []
        for page in bench_pages():
            result = drive(page, port, settings.DEMO_PASSWORD, clients, requests)
            result.queries, result.breakdown, status = measure_in_process(page)
            if status not in page.ok_statuses:
                result.errors += 1
                self.stderr.write(f"  {page.name}: the in-process request answered {status}")
            parts = result.breakdown
            self.stdout.write(
                f"  {page.name:<28} p50 {result.pct(50):7.1f} ms  p95 {result.pct(95):7.1f} ms  "
                f"errors {result.errors}  queries {result.queries}  in-process "
                f"{parts['total']:.0f} ms (SQL {parts['sql']:.0f}, template {parts['template']:.0f}, "
                f"forms {parts['forms']:.0f}, other {parts['other']:.0f})"
            )
            results.append(result)
        return results

    def _write(self, results, config, output):
        baseline = next(r for r in results if r.name == "healthz")
        table = markdown_table(results, baseline)
        stamp = timezone.now().strftime("%Y-%m-%d %H:%M %Z")
        block = f"{START}\nMeasured {stamp} on {machine()}.\n\nConfiguration: {config}.\n\n{table}\n{END}"
        self.stdout.write("\n" + table)
        path = Path(settings.BASE_DIR) / output
        text = path.read_text() if path.exists() else "# Performance\n\n"
        if START in text and END in text:
            text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
        else:
            text = text.rstrip() + "\n\n## Latest `make bench`\n\n" + block + "\n"
        path.write_text(text)
        data = {
            "measured_at": stamp,
            "machine": machine(),
            "configuration": config,
            "pages": [
                {
                    "name": r.name,
                    "requests": r.requests,
                    "errors": r.errors,
                    "p50_ms": round(r.pct(50), 2),
                    "p95_ms": round(r.pct(95), 2),
                    "p99_ms": round(r.pct(99), 2),
                    "rps": round(r.rps, 1),
                    "p50_ratio_to_healthz": round(r.pct(50) / baseline.pct(50), 2),
                    "p95_ratio_to_healthz": round(r.pct(95) / baseline.pct(95), 2),
                    "queries": r.queries,
                    "in_process_ms": r.breakdown,
                }
                for r in results
            ],
        }
        path.with_suffix(".json").write_text(json.dumps(data, indent=2) + "\n")
        self.stdout.write(f"\nWrote {output} and {path.with_suffix('.json').name}.")
