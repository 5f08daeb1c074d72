"""The header at common desktop widths, and the person's home on a phone (issue 21)."""

import pytest

pytestmark = pytest.mark.e2e

HEADER_ITEMS = ".site-header .nav-link, .site-header .navbar-brand, .site-header .signed-in a"


@pytest.mark.parametrize("username", ["sam", "morgan", "admin", "alex"])
def test_header_items_never_wrap_inside_their_words(browser, live_url, sign_in, username):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in(page, username)
    for width in (1024, 1280, 1440):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_url}/")
        # An item on one line is about one line-height tall, however many words it has.
        heights = page.eval_on_selector_all(
            HEADER_ITEMS,
            """els => els.map(e => {
                const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                return [e.textContent.trim(), r.height, parseFloat(s.lineHeight) || 0];
            })""",
        )
        assert heights
        for text, height, line_height in heights:
            assert height < 2 * max(line_height, 24), f"{username} at {width}px: {text!r}"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{username} at {width}px scrolls sideways by {overflow}px"
    context.close()


def test_staying_well_is_one_tap_from_home_above_the_fold_at_320_px(browser, live_url, sign_in):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    sign_in(page, "alex")
    page.goto(f"{live_url}/")
    link = page.get_by_role("link", name="My staying well plan")
    box = link.bounding_box()
    assert box["y"] + box["height"] <= 640, box
    assert box["height"] >= 44
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/me/plan/#staying-well")
    section = page.locator("section.plan-section:has(#staying-well)")
    assert "Staying well" in section.inner_text()
    page.goto(f"{live_url}/")
    page.get_by_role("link", name="Print my pocket card").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="My staying well pocket card").is_visible()
    assert page.get_by_role("heading", name="My early signs").is_visible()
    context.close()


def test_the_plans_print_heading_shows_only_on_paper(browser, live_url, sign_in):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in(page, "alex")
    page.goto(f"{live_url}/me/plan/")
    heading = page.get_by_text("printed on", exact=False)
    assert heading.count() == 1
    assert not heading.is_visible()
    page.emulate_media(media="print")
    assert heading.is_visible()
    context.close()
