"""Browser test fixtures: a real server on a free loopback port, and Debian's chromium.

The server runs against a fresh SQLite database with the demo data, so the
browser sees exactly what a newcomer sees after ``make run``.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PASSWORD = "recovery-demo"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class E2EServer:
    """The test server, its environment, and the folders its email and text messages go to."""

    url: str
    env: dict
    mail_dir: Path
    sms_dir: Path

    def manage(self, *args) -> str:
        """Run a management command against the server's database; returns what it printed."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout


@pytest.fixture(scope="session")
def e2e_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    db = folder / "e2e.sqlite3"
    mail_dir, sms_dir = folder / "mail", folder / "sms"
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY"}}
    env.update(
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{db}",
        DEMO_PASSWORD=PASSWORD,
        # Reminders are captured as files, for the journeys to read.
        EMAIL_URL=f"file://{mail_dir}",
        SMS_URL=f"file://{sms_dir}",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)  # noqa: S310 - loopback only
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("the test server did not start")
            time.sleep(0.3)
    yield E2EServer(url=url, env=env, mail_dir=mail_dir, sms_dir=sms_dir)
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def live_url(e2e_server):
    return e2e_server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make e2e` installs Debian's chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page; its console errors (CSP violations among them) are in ``page.errors``."""
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on(
        "response",
        lambda r: r.status >= 400 and page.errors.append(f"{r.status} {r.url}"),
    )
    yield page
    context.close()


def _demo_code(offset_steps=0) -> str:
    """The demo authenticator's current code (seed_demo's published key)."""
    from django_otp.oath import TOTP

    from casework.demo.security import DEMO_TOTP_KEY_HEX

    totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))
    totp.time += offset_steps * 30
    return str(totp.token()).zfill(6)


def _give_the_code(page):
    # A code works once: a second sign-in in the same 30 seconds waits for the next.
    for _ in range(3):
        page.get_by_label("6-digit code").fill(_demo_code())
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()
        if "/accounts/verify/" not in page.url:
            return
        time.sleep(31 - time.time() % 30)
    pytest.fail("the demo authenticator's code was not accepted")


@pytest.fixture
def sign_in(live_url):
    """Sign in as a demo account, giving the two-step code when it is asked for."""

    def _sign_in(page, username):
        page.goto(f"{live_url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if "/accounts/verify/" in page.url:
            _give_the_code(page)

    return _sign_in


def axe_violations(page):
    """Run axe-core (from npm, injected from disk) with WCAG 2.x A and AA rules."""
    # Evaluated through the browser's debugging protocol rather than added as a
    # <script> tag: the site's Content-Security-Policy rightly blocks inline scripts.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values:
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]
