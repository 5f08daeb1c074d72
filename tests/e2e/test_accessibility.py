"""Every page reachable from each role's navigation, checked in a real browser.

For each demo role, a crawler follows same-site links from the home page (the
Django admin excepted: its markup is Django's own) and on every page checks, at
desktop width (1280 px) and again at phone width (320 px): axe-core WCAG 2.x
A/AA (2.2 AA's target size included) with zero violations; and once: exactly
one h1, no horizontal scrolling at 320 px wide, and a label for every form
control. The raw HTML of every page is then validated with the Nu Html Checker
(vnu.jar from npm).
"""

import json
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, axe_violations

pytestmark = pytest.mark.e2e

ROLES = ["sam", "morgan", "alex", "admin", "priya", "lee", "chris", "rob"]
MAX_PAGES = 40
SKIP_PREFIXES = ("/admin/", "/static/", "/accounts/logout/")
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHECKED: dict[str, int] = {}


def _same_site_links(page, base):
    # Links marked `download` fetch a file (the record export), not a page.
    hrefs = page.eval_on_selector_all(
        "a[href]:not([download])", "els => els.map(e => e.getAttribute('href'))"
    )
    found = []
    for href in hrefs:
        url = urllib.parse.urljoin(page.url, href)
        parts = urllib.parse.urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != base or parts.fragment and parts.path == "":
            continue
        if parts.path.startswith(SKIP_PREFIXES):
            continue
        query = urllib.parse.parse_qs(parts.query)
        if "page" in query and query["page"] != ["1"]:
            continue  # one page of each list is enough; later pages share the template
        found.append(
            urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
        )
    return found


DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 640}


def _page_problems(page):
    problems = [f"axe at 1280px: {v}" for v in axe_violations(page)]
    h1s = page.locator("h1").count()
    if h1s != 1:
        problems.append(f"{h1s} h1 elements (expected exactly one)")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
        .filter(e => e.type !== 'hidden' && e.type !== 'submit' && e.type !== 'button')
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                     && !e.getAttribute('aria-labelledby'))
        .map(e => e.name || e.id)"""
    )
    if unlabelled:
        problems.append(f"form controls without a label: {unlabelled}")
    page.set_viewport_size(PHONE)
    problems.extend(f"axe at 320px: {v}" for v in axe_violations(page))
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"scrolls sideways by {overflow}px at 320px wide")
    page.set_viewport_size(DESKTOP)
    return problems


@pytest.fixture(scope="module")
def html_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("html")


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_can_reach_is_accessible(browser, live_url, sign_in, username, html_dir):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, username)
    to_visit, seen, problems = [page.url], set(), {}
    while to_visit and len(seen) < MAX_PAGES:
        url = to_visit.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        assert response.status < 400, f"{username}: {url} answered {response.status}"
        found = _page_problems(page)
        if found:
            problems[url] = found
        raw = page.request.get(url).text()
        (html_dir / f"{username}-{len(seen):03d}.html").write_text(raw)
        to_visit.extend(link for link in _same_site_links(page, live_url) if link not in seen)
    context.close()
    CHECKED[username] = len(seen)
    print(f"\n{username}: checked {len(seen)} pages")
    assert not problems, json.dumps(problems, indent=2)


def test_every_crawled_page_is_valid_html(html_dir):
    """Runs after the crawls above (same module, defined later): one JVM for all pages."""
    if not any(html_dir.iterdir()):
        pytest.fail("no pages were crawled")
    if not VNU.exists():
        pytest.fail("vnu.jar is missing: run make install (npm ci)")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(html_dir),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)


def test_record_navigation_wraps_at_320_px_and_shows_focus(browser, live_url, sign_in):
    """The record's sub-navigation: every item on screen at 320 px, focus visible, current marked."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    sign_in(page, "sam")
    page.goto(f"{live_url}/people/1/goals/")
    nav = page.get_by_role("navigation", name="Record of Alex")
    links = nav.get_by_role("link")
    assert links.count() == 9
    assert nav.locator("[aria-current=page]").inner_text() == "Goals"
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, links.nth(i).inner_text()
    page.locator("#main").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return [e.textContent.trim(), s.outlineStyle, s.outlineWidth]; })()"
    )
    assert focused[0] == "Overview"
    assert focused[1] != "none" and focused[2] != "0px", focused
    assert (
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )
    context.close()
