"""Pasting a long text into a note: nothing is cut, a live count says it is too long,
and the server gives it all back with a field error (issue 17, silent data losses)."""

import pytest

pytestmark = pytest.mark.e2e
PASTED = "Every word matters. " * 999 + "Every word matters!!"  # 20,000 characters


def test_a_long_paste_is_counted_kept_and_refused_not_cut(page, live_url, sign_in):
    sign_in(page, "sam")
    page.get_by_role("link", name="Alex", exact=True).click()
    page.get_by_role("link", name="Record a session with Alex").click()
    field = page.get_by_label("What we talked about")
    assert field.get_attribute("maxlength") is None
    count = page.locator("#id_talked_about-count")
    assert count.inner_text() == "0 of 10,000 characters"

    field.fill(PASTED)  # as a paste: the whole value at once
    assert len(field.input_value()) == 20_000  # the browser cut nothing
    assert count.inner_text() == "20,000 of 10,000 characters"
    warning = page.locator("#id_talked_about-too-long")
    assert "10,000 characters too long" in warning.inner_text()
    assert warning.get_attribute("role") == "status"

    page.get_by_label("How we met").select_option("phone")
    page.get_by_label("How long (minutes)").fill("45")
    page.get_by_role("button", name="Save the note").click()
    page.locator("#error_1_id_talked_about").get_by_text("Nothing has been cut").wait_for(
        timeout=10_000
    )
    field = page.get_by_label("What we talked about")
    assert len(field.input_value()) == 20_000  # all of it back in the form

    field.fill("A shorter note about the week.")
    assert page.locator("#id_talked_about-too-long").inner_text() == ""
    page.get_by_role("button", name="Save the note").click()
    page.get_by_text("session notes.").first.wait_for(timeout=10_000)
