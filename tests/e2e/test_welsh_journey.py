"""A person reads their space in Welsh: switches to Cymraeg, reads their plan and a shared note,
signs out, and finds Welsh waiting at their next sign-in (the choice is kept on their login).

Chris (a demo person) is used, and switched back to English at the end, so other journeys
see the English they expect. Also takes the Welsh screenshot for docs/guide-person.md.
"""

import pytest

from tests.e2e.conftest import PASSWORD, axe_violations
from tests.e2e.test_screenshots import SHOTS

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}


def _sign_in(page, live_url, username_label, password_label, button):
    page.goto(f"{live_url}/accounts/login/")
    page.get_by_label(username_label).fill("chris")
    page.get_by_label(password_label).fill(PASSWORD)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def _own_words(page, selector):
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def test_a_person_reads_their_plan_and_a_note_in_welsh(browser, live_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _sign_in(page, live_url, "Username", "Password", "Sign in")
    assert page.locator("html").get_attribute("lang") == "en-gb"

    # Their own words, read in English first, to compare.
    page.goto(f"{live_url}/me/plan/")
    plan_words = _own_words(page, ".plan-text")
    page.goto(f"{live_url}/me/notes/")
    page.locator("a", has_text="Open this note").first.click()
    page.wait_for_load_state()
    note_url = page.url
    note_words = _own_words(page, "main div[dir=auto]")
    assert note_words, "the demo person should have a shared note"

    # The switcher is in every footer: a plain button, named in its own language.
    page.goto(f"{live_url}/me/")
    switch = page.get_by_role("button", name="Cymraeg")
    assert switch.get_attribute("lang") == "cy"
    box = switch.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    switch.click()
    page.wait_for_load_state()
    assert page.url.endswith("/me/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Helo, ")
    assert page.get_by_role("button", name="Allgofnodi").is_visible()
    assert axe_violations(page) == [], page.url

    # The plan: Welsh around it, their words as they wrote them.
    page.get_by_role("link", name="Fy nghynllun adfer").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Fy nghynllun adfer"
    assert page.get_by_role("heading", name="Cytuno ar y cynllun").is_visible()
    assert _own_words(page, ".plan-text") == plan_words
    assert axe_violations(page) == [], page.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "person-plan-cymraeg-phone.png", full_page=False)

    # A shared note: the headings in Welsh, the worker's words unchanged.
    page.goto(note_url)
    assert page.get_by_role("heading", name="Beth wnaethon ni siarad amdano").is_visible()
    assert _own_words(page, "main div[dir=auto]") == note_words
    assert axe_violations(page) == [], page.url

    # Signing out: the sign-in page stays in Welsh.
    page.get_by_role("button", name="Allgofnodi").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Mewngofnodi"
    context.close()

    # Another day, another browser: no cookie, but the login remembers Cymraeg.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _sign_in(page, live_url, "Username", "Password", "Sign in")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Helo, ")

    # Back to English, so the other journeys find chris as they expect.
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en-gb"
    context.close()
