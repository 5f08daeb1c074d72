"""Sam and Alex edit the same plan section at once: Alex sees both texts, and nothing is lost."""

import re

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e

SECTION = "What we agreed for the next weeks"


def _section(page):
    heading = page.get_by_role("heading", name=SECTION, level=2)
    return page.locator("section.plan-section").filter(has=heading)


def _open_inline_editor(page):
    page.get_by_role("link", name=f"Edit {SECTION}").click()
    box = page.get_by_label(f"What this section says: {SECTION}")
    box.wait_for()
    return box


def test_two_people_edit_the_same_section(browser, live_url, sign_in):
    sam_context, alex_context = browser.new_context(), browser.new_context()
    sam, alex = sam_context.new_page(), alex_context.new_page()
    try:
        sign_in(sam, "sam")
        sam.get_by_role("link", name="Alex", exact=True).click()
        sam.get_by_role("link", name="Alex's recovery plan").click()
        sam.wait_for_load_state()
        assert sam.get_by_role("heading", level=1).inner_text() == "Alex's recovery plan"
        assert axe_violations(sam) == []

        # Alex opens the section first, so his form carries the version before Sam's save.
        sign_in(alex, "alex")
        alex.get_by_role("link", name="My recovery plan").click()
        alex.wait_for_load_state()
        alex_box = _open_inline_editor(alex)

        sam_box = _open_inline_editor(sam)
        sam_box.fill("Sam's note: Alex will ring the workshop on Monday.")
        sam.get_by_role("button", name="Save").click()
        _section(sam).get_by_text("ring the workshop on Monday").wait_for()
        assert "Edit" in _section(sam).inner_text()  # back to the section, not the form

        alex_box.fill("Alex's words: I'll visit the workshop myself on Tuesday.")
        alex.get_by_role("button", name="Save").click()
        conflict = alex.locator("section.plan-conflict")
        conflict.wait_for()
        text = conflict.inner_text()
        assert "was changed while you were writing" in text
        assert "visit the workshop myself on Tuesday" in text
        assert "ring the workshop on Monday" in text
        combined = alex.get_by_label("Both texts together, to edit and save").input_value()
        assert "Monday" in combined and "Tuesday" in combined
        assert axe_violations(alex) == []

        # Without JavaScript's help the same screen is a page of its own: check it too.
        alex.get_by_role("link", name="See every version of this section").click()
        alex.wait_for_load_state()
        assert re.search(r"/me/plan/sections/\d+/history/$", alex.url)
        history = alex.locator("main").inner_text()
        assert "ring the workshop on Monday" in history
        assert "visit the workshop myself on Tuesday" in history
        assert "Kept text from Alex" in history
        assert axe_violations(alex) == []
    finally:
        sam_context.close()
        alex_context.close()


def test_the_full_page_conflict_screen_is_accessible(page, live_url, sign_in):
    """The no-JavaScript conflict screen: a plain form post of a stale version gets a page."""
    sign_in(page, "alex")
    page.goto(f"{live_url}/me/plan/")
    edit = page.get_by_role("link", name="Edit About me and what matters to me")
    page.goto(live_url + edit.get_attribute("href"))  # the full-page editor, not the inline one
    assert page.get_by_role("heading", level=1).inner_text() == "Change a part of my plan"
    # Pretend the form was opened before someone else saved: post an older version.
    page.evaluate("document.querySelector('input[name=version]').value = '0'")
    page.get_by_label("What this section says: About me and what matters to me").fill(
        "Written on an old copy of the page."
    )
    # form.submit() skips the submit event, so htmx stays out of it: a plain browser post.
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        page.evaluate("document.querySelector('main form').submit()")
    assert info.value.status == 409
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Two changes were made at the same time"
    )
    assert "Written on an old copy of the page." in page.locator("main").inner_text()
    assert axe_violations(page) == []
