"""Screenshots of each role's main pages, desktop and phone, for the role guides in docs/.

Run by ``make e2e``; the pictures land in docs/screenshots/ and the guides
(docs/guide-*.md) show them, so the guides always show the current app.
"""

import pytest

from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.e2e

SHOTS = ROOT / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 667}}
PAGES = {
    "worker": (
        "sam",
        [
            ("caseload", "/"),
            ("person", "/people/1/"),
            ("goals", "/people/1/goals/"),
            ("sessions", "/people/1/notes/"),
            ("new-note", "/people/1/notes/new/"),
            ("diary", "/diary/"),
            ("appointments", "/people/1/appointments/"),
            ("reminders-sent", "/people/1/reminders/"),
        ],
    ),
    "person": (
        "alex",
        [
            ("home", "/"),
            ("plan", "/me/plan/"),
            ("pocket-card", "/me/staying-well/card/"),
            ("who-has-looked", "/me/who-has-looked/"),
            ("appointments", "/me/appointments/"),
            ("reminders", "/me/reminders/"),
        ],
    ),
    "supervisor": (
        "morgan",
        [
            ("home", "/"),
            ("person-read-only", "/people/1/"),
            ("handovers", "/handovers/"),
            ("handover-choose-worker", "/handovers/new/"),
        ],
    ),
    # jamie's worker is changing (the demo's handover, issue 21)
    "person-handover": ("jamie", [("change-of-worker", "/me/handover/")]),
    "admin": ("admin", [("home", "/")]),
}


@pytest.mark.parametrize("role", sorted(PAGES))
def test_screenshots(browser, live_url, sign_in, role):
    username, pages = PAGES[role]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size_name, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        sign_in(page, username)
        for name, path in pages:
            response = page.goto(f"{live_url}{path}")
            assert response.status == 200, f"{role} {path}: {response.status}"
            page.screenshot(path=SHOTS / f"{role}-{name}-{size_name}.png", full_page=False)
        context.close()
