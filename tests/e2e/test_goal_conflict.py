"""Sam and Alex change the same goal at once: Alex sees both wordings and combines them."""

import re

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_two_people_change_the_same_goal(browser, live_url, sign_in):
    sam_context, alex_context = browser.new_context(), browser.new_context()
    sam, alex = sam_context.new_page(), alex_context.new_page()
    try:
        # Alex opens one of his goals first, so his form carries the version before Sam's save.
        sign_in(alex, "alex")
        alex.goto(f"{live_url}/me/goals/")
        alex.get_by_role("link", name=re.compile(r"^Change")).first.click()
        alex.wait_for_load_state()
        goal_id = re.search(r"/me/goals/(\d+)/$", alex.url).group(1)
        alex_box = alex.get_by_label("My goal, in my own words")

        sign_in(sam, "sam")
        sam.get_by_role("link", name="Alex", exact=True).click()
        sam.wait_for_load_state()
        person_id = re.search(r"/people/(\d+)/", sam.url).group(1)
        sam.goto(f"{live_url}/people/{person_id}/goals/{goal_id}/edit/")
        sam.get_by_label("in the person's own words").fill("Get back into cooking, with Sam")
        sam.get_by_role("button", name="Save").click()
        sam.wait_for_load_state()
        assert "Get back into cooking, with Sam" in sam.locator("main").inner_text()

        alex_box.fill("Cook a meal for my sister")
        alex.get_by_role("button", name="Save").click()
        alex.wait_for_load_state()
        assert alex.get_by_role("heading", level=1).inner_text() == (
            "Two changes were made at the same time"
        )
        conflict = alex.locator("section.edit-conflict").inner_text()
        assert "Cook a meal for my sister" in conflict  # his words, not lost
        assert "Get back into cooking, with Sam" in conflict  # Sam's saved words
        assert "Sam" in conflict  # who saved them
        assert axe_violations(alex) == []

        # The form is at the new version: Alex writes one wording from both and saves it.
        combine = alex.locator("form input[name=in_their_words]")
        assert combine.input_value() == "Get back into cooking, with Sam"
        combine.fill("Get back into cooking: a meal for my sister")
        alex.get_by_role("button", name="Save the combined version").click()
        alex.wait_for_load_state()
        assert alex.url.endswith("/me/goals/")
        assert "Get back into cooking: a meal for my sister" in alex.locator("main").inner_text()

        alex.goto(f"{live_url}/me/goals/{goal_id}/history/")
        history = alex.locator("main").inner_text()
        assert "cooking, with Sam" in history and "a meal for my sister" in history
        assert axe_violations(alex) == []
    finally:
        sam_context.close()
        alex_context.close()
