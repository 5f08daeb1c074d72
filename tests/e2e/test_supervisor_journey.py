"""Morgan reviews the team's practice, drills into a figure, reads a record, writes supervision.

Alex then sees in "who has seen my record" that the supervisor looked.
"""

import re

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_supervisor_reviews_practice_and_the_person_sees_the_view(browser, live_url, sign_in):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, "morgan")
    page.get_by_role("link", name="Practice review").first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    assert "How this is worked out" in page.content()

    # Drill from a figure to the people behind it, then into a record, read only.
    page.get_by_role("link", name=re.compile("^The people behind")).first.click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.locator("main a[href^='/people/']").first.click()
    page.wait_for_load_state()
    assert "reading this record as a supervisor" in page.content()
    opened = page.get_by_role("heading", level=1).inner_text().split(" (")[0]

    # A reflective supervision note with Sam.
    page.goto(f"{live_url}/practice/")
    page.get_by_role("link", name="Sam Okafor").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name=re.compile("Supervision notes with")).click()
    page.wait_for_load_state()
    page.get_by_label("What went well").fill("Sam's notes are written with people, in their words.")
    page.get_by_label("What we reflected on").fill("Keeping plans moving when contact drops off.")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_load_state()
    assert "in their words" in page.content()
    assert axe_violations(page) == []
    context.close()

    # The person whose record was opened sees the supervisor's look in their log.
    if opened == "Alex":
        person = browser.new_context().new_page()
        sign_in(person, "alex")
        person.get_by_role("link", name="Who has seen my record").click()
        person.wait_for_load_state()
        assert "Morgan Reid" in person.content()


def test_alex_sees_a_supervisor_read_of_his_record(browser, live_url, sign_in):
    morgan = browser.new_context().new_page()
    sign_in(morgan, "morgan")
    morgan.goto(f"{live_url}/")
    morgan.get_by_role("link", name="Alex", exact=True).first.click()
    morgan.wait_for_load_state()
    assert "reading this record as a supervisor" in morgan.content()

    alex = browser.new_context().new_page()
    sign_in(alex, "alex")
    alex.get_by_role("link", name="Who has seen my record").click()
    alex.wait_for_load_state()
    text = alex.locator("main").inner_text()
    assert re.search(r"Morgan Reid, supervisor \(read only\)", text, re.I), text[:500]
