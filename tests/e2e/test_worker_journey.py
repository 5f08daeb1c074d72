"""A worker's main journey, in a real browser, mostly by keyboard.

Sam finds Alex on the caseload, records a session (getting and acting on a
language suggestion), withholds it with a reason, adds an addendum, and finds
it again through search.
"""

import re

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def _type_into(page, label, text):
    field = page.get_by_label(label, exact=False).first
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_worker_records_a_session_and_looks_after_it(page, live_url, sign_in):
    sign_in(page, "sam")
    page.get_by_role("link", name="Alex", exact=True).click()
    # Recording a session is its own page, one click from the overview.
    page.get_by_role("link", name="Record a session with Alex").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Record a session with Alex"

    page.get_by_label("How we met").focus()
    page.keyboard.press("ArrowDown")  # keyboard choice in the select
    _type_into(page, "How long (minutes)", "45")
    # A labelling word gets a gentle, never-blocking suggestion while typing.
    _type_into(page, "What we talked about", "Alex said the offender course was hard work")
    suggestions = page.locator("#language-suggestions")
    suggestions.get_by_text("Some words you might rephrase").wait_for(timeout=10_000)
    assert "offender" in suggestions.inner_text()
    # Acting on it: rephrase, then carry on by keyboard.
    _type_into(
        page,
        "What we talked about",
        "Alex said the thinking skills course was hard work, and kept going",
    )
    _type_into(page, "What is going well", "Back at the gym twice this week")
    _type_into(
        page, "Agreed next steps", "Alex to ring the college by Friday; Sam to send the form today"
    )
    page.get_by_role("button", name="Save the note").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Read the saved note").click()
    page.wait_for_load_state()
    assert "thinking skills course" in page.content()
    assert axe_violations(page) == []

    # Withhold it with a reason from the fixed list.
    page.get_by_role("link", name=re.compile("Do not share this note")).click()
    page.get_by_label("It holds information about someone else").check()
    _type_into(page, "Explain briefly, for the record", "Mentions a neighbour's health")
    page.get_by_role("button", name="Do not share it").click()
    page.wait_for_load_state()
    assert "information about someone else" in page.content().lower()

    # Corrections are addenda under the original.
    page.get_by_role("link", name="Add an addendum").click()
    _type_into(page, "Your addendum", "To add: the college course starts in January.")
    page.get_by_role("button", name="Add the addendum").click()
    page.wait_for_load_state()
    assert "the college course starts in January" in page.content()
    assert "thinking skills course" in page.content()

    # Search across the caseload finds it.
    page.goto(f"{live_url}/notes/search/")
    _type_into(page, "Words to look for", "gym")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=gym"))
    assert "Alex" in page.locator("main").inner_text()
    assert axe_violations(page) == []
