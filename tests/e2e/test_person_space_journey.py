"""Alex uses his own space on a phone: plan, goals, notes, corrections, access log, download."""

import json
import re
from pathlib import Path

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}


def _check(page):
    assert axe_violations(page) == [], page.url
    assert page.locator("h1").count() == 1, page.url
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def _home(page):
    page.get_by_role("link", name="Home").first.click()
    page.wait_for_load_state()


def test_alex_works_on_his_own_record(browser, live_url, sign_in):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    sign_in(page, "alex")
    _check(page)

    # Read the plan and change a section in his own words (no JavaScript needed).
    page.get_by_role("link", name="My recovery plan").click()
    page.wait_for_load_state()
    _check(page)
    page.get_by_role("link", name=re.compile("^Edit About me")).click()
    page.wait_for_load_state()
    box = page.get_by_label(re.compile("What this section says"))
    box.fill("I'm a joiner. Mia comes first. I'm proud of keeping my flat this year.")
    page.get_by_role("button", name="Save").click()
    # With JavaScript the section is swapped in place; wait for the saved words.
    page.locator("main").get_by_text("proud of keeping my flat this year").first.wait_for()

    # Add a goal in his own words.
    _home(page)
    page.get_by_role("link", name="My goals").click()
    page.wait_for_load_state()
    _check(page)
    page.get_by_label("My goal, in my own words").fill(
        "I want to take Mia to the seaside in the summer"
    )
    page.get_by_label("Life area").first.select_option(label="Relationships and family")
    page.get_by_role("button", name="Add").click()
    page.locator("main").get_by_text("take Mia to the seaside").first.wait_for()

    # Reply to a note and ask for a correction.
    _home(page)
    page.get_by_role("link", name="Notes shared with me").first.click()
    page.wait_for_load_state()
    _check(page)
    page.locator("main a[href^='/me/notes/']").first.click()
    page.wait_for_load_state()
    _check(page)
    page.get_by_label("My view of this session").fill("It helped to plan the week out loud.")
    page.get_by_role("button", name="Save my view").click()
    page.locator("main").get_by_text("plan the week out loud").first.wait_for()
    page.get_by_role("link", name="Ask for something in this note to be put right").click()
    page.wait_for_load_state()
    _check(page)
    page.get_by_label("What is wrong or missing?").fill("It says Tuesday but we met on Wednesday.")
    page.get_by_role("button", name="Send to my worker").click()
    page.locator("main").get_by_text("we met on Wednesday").first.wait_for()

    # Who has looked, and a copy of everything.
    _home(page)
    page.get_by_role("link", name="Who has seen my record").click()
    page.wait_for_load_state()
    _check(page)
    _home(page)
    page.get_by_role("link", name="Download my record").click()
    page.wait_for_load_state()
    _check(page)
    with page.expect_download() as info:
        page.locator("a[href$='download.json']").first.click()
    data = json.loads(Path(info.value.path()).read_text())
    assert "take Mia to the seaside" in json.dumps(data)
    context.close()
