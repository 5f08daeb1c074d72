"""A person's first steps, on a phone: invited by sam, sets up an account, uses their space."""

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
NEW_PASSWORD = "harbour lights at dawn"


def _no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _check(page):
    assert axe_violations(page) == [], page.url
    assert page.locator("h1").count() == 1, page.url
    assert _no_sideways_scroll(page) <= 0, page.url


def test_invited_person_sets_up_account_and_uses_their_space(browser, live_url, sign_in):
    staff = browser.new_context(viewport=PHONE)
    sam = staff.new_page()
    sign_in(sam, "sam")
    sam.get_by_role("link", name="Dani", exact=True).click()
    sam.wait_for_load_state()
    # The account is a page of the record: its sub-navigation leads there.
    sam.get_by_role("navigation", name="Record of Dani").get_by_role("link", name="Account").click()
    sam.wait_for_load_state()
    assert "has no account yet" in sam.content()
    _check(sam)
    sam.get_by_role("button", name="Make a link to set up an account").click()
    sam.wait_for_load_state()
    _check(sam)
    link = sam.locator("#invitation-link").get_attribute("href")
    assert "/accounts/activate/" in link
    staff.close()

    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Set up your account"
    _check(page)
    assert page.get_by_label("Choose a username").input_value() == "dani"
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("Type the password again").fill("short")
    page.get_by_role("button", name="Set up my account").click()
    page.wait_for_load_state()
    assert "too short" in page.content()
    _check(page)
    page.get_by_label("Choose a password").fill(NEW_PASSWORD)
    page.get_by_label("Type the password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set up my account").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hello, Dani")
    assert "My next appointment" in page.content()
    _check(page)

    page.get_by_role("link", name="Who has seen my record").click()
    page.wait_for_load_state()
    assert "Sam Okafor, lead worker, looked at your overview" in page.content()
    _check(page)

    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Check in").click()
    page.wait_for_load_state()
    _check(page)
    page.get_by_label("Okay").check()
    page.get_by_label("Anything you want to say").fill("Climbing went well this week.")
    page.get_by_label("I'd like to talk to my worker soon").check()
    page.get_by_role("button", name="Send my check-in").click()
    page.wait_for_load_state()
    # Asking to talk soon goes straight to "I need help now" (issue 17).
    assert page.get_by_role("heading", level=1).inner_text() == "I need help now"
    assert "and asked to talk soon" in page.content()
    _check(page)

    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Download my record").click()
    page.wait_for_load_state()
    _check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as a file (JSON)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("my-record-")
    data = json.loads(Path(download.path()).read_text())
    assert data["profile"]["preferred_name"] == "Dani"
    assert data["check_ins"][0]["what_i_said"] == "Climbing went well this week."
    context.close()
