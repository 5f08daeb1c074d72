"""A worker signs in, opens their caseload and a person; both pages pass axe-core."""

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_worker_opens_caseload_and_a_person(page, live_url, sign_in):
    sign_in(page, "sam")
    assert page.get_by_role("heading", level=1).inner_text() == "The people I work with"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Alex", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Alex")
    assert "joiner by trade" in page.content()
    assert axe_violations(page) == []


def test_skip_link_moves_focus_to_main(page, live_url, sign_in):
    sign_in(page, "sam")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_wrong_password_is_announced_plainly(page, live_url):
    page.goto(f"{live_url}/accounts/login/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    assert "correct username and password" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
