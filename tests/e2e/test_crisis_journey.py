"""Crisis response on a phone: Alex checks in "Really struggling", sees his own plan and the
numbers on one screen; Sam sees it first on the caseload and says "I have seen this"; Alex sees
that Sam has seen it."""

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}


def _in_first_screen(page, locator):
    box = locator.first.bounding_box()
    scroll = page.evaluate("window.scrollY")
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 40) <= PHONE[
        "height"
    ], (box, scroll)


def _wait_until_scrolled(page):
    """Wait until the page has scrolled down and stayed still for five animation frames."""
    page.wait_for_function(
        """() => {
            const y = window.scrollY;
            window.__still = (window.__lastY === y) ? (window.__still || 0) + 1 : 0;
            window.__lastY = y;
            return y > 0 && window.__still >= 5;
        }"""
    )


def _no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_struggling_check_in_reaches_the_plan_the_numbers_and_the_worker(
    browser, live_url, sign_in
):
    alex_context = browser.new_context(viewport=PHONE)
    alex = alex_context.new_page()
    sign_in(alex, "alex")
    # The help link is in the header of every page of the space, and reachable by keyboard.
    help_link = alex.get_by_role("link", name="I need help now")
    assert help_link.is_visible()
    box = help_link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44

    alex.goto(f"{live_url}/me/check-in/")
    alex.get_by_label("Really struggling").check()
    alex.get_by_label("Anything you want to say").fill("I can't cope tonight.")
    alex.get_by_role("button", name="Send my check-in").click()
    alex.wait_for_load_state()
    # The page opens at #main, past the header; the browser scrolls there just after load,
    # smoothly (Bootstrap sets scroll-behavior: smooth), so measure once the scroll has settled.
    _wait_until_scrolled(alex)
    assert "/me/help-now/" in alex.url
    assert alex.get_by_role("heading", level=1).inner_text() == "I need help now"
    # Their own plan and the numbers, on the first screen, without scrolling.
    assert _in_first_screen(alex, alex.locator('a[href="tel:999"]'))[0]
    assert _in_first_screen(alex, alex.get_by_role("heading", name="My staying well plan"))[0]
    assert _in_first_screen(alex, alex.get_by_text("My early signs: I stop sleeping"))[0]
    for href in ("tel:111", "tel:116123", "sms:85258?body=SHOUT"):
        assert alex.locator(f'a[href="{href}"]').count() == 1
    assert "Gary" in alex.content()  # the person he chose to call in a crisis
    assert "900456" not in alex.content()  # Dean: "do not contact", details never shown
    assert "Your worker is" in alex.content()
    assert axe_violations(alex) == []
    assert _no_sideways_scroll(alex) <= 0

    staff = browser.new_context(viewport=PHONE)
    sam = staff.new_page()
    sign_in(sam, "sam")
    urgent = sam.locator("#urgent-check-ins")
    assert urgent.is_visible()
    first_card = sam.locator(".person-card").first.bounding_box()
    assert urgent.bounding_box()["y"] < first_card["y"]
    assert "Alex" in urgent.inner_text() and "Nobody has seen this yet." in urgent.inner_text()
    assert axe_violations(sam) == []
    # The list is oldest first: Alex's check-in of tonight is his last one there.
    tonight = urgent.locator("li", has_text="Alex").last
    assert "Really struggling" in tonight.inner_text()
    tonight.get_by_role("button", name="I have seen this").click()
    sam.wait_for_load_state()
    assert "Seen by Sam" in sam.locator("#urgent-check-ins").inner_text()
    staff.close()

    alex.goto(f"{live_url}/me/check-in/")
    assert "Sam has seen this at" in alex.content()
    alex.goto(f"{live_url}/me/")
    assert "Sam has seen this at" in alex.content()
    assert axe_violations(alex) == []
    alex_context.close()
