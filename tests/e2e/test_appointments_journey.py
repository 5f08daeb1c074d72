"""Appointments (issue 20): sam books a home visit, alex sees it on a phone and asks to move
it, sam moves it, and alex sees the change and why. Alex chooses email reminders, the
scheduled reminder scan runs, and alex gets the reminder of the new time (captured from the
file email backend of the test server) saying nothing but the time."""

import datetime
import email
import email.policy

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 667}
PLACE = "Alex's flat, the green door on Elm Road"


def _check(page):
    assert axe_violations(page) == [], page.url
    assert page.locator("h1").count() == 1, page.url
    sideways = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert sideways <= 0, page.url


def _emails_to(folder, address):
    """Every email the server wrote to ``folder`` (Django's file backend) for ``address``."""
    found = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for raw in path.read_text().split("-" * 79):
            if raw.strip():
                message = email.message_from_string(raw.strip(), policy=email.policy.default)
                if address in str(message["To"]):
                    found.append(message)
    return found


def test_a_home_visit_booked_asked_about_and_moved(browser, live_url, sign_in, e2e_server):
    day = datetime.date.today() + datetime.timedelta(days=12)
    new_day = day + datetime.timedelta(days=1)

    staff = browser.new_context()
    sam = staff.new_page()
    sign_in(sam, "sam")
    sam.get_by_role("link", name="Book an appointment with Alex").click()
    sam.wait_for_load_state()
    _check(sam)
    sam.locator("#id_day").fill(day.isoformat())
    sam.locator("#id_starts").fill("14:00")
    sam.locator("#id_ends").fill("15:00")
    sam.get_by_label("Home visit").check()
    sam.locator("#id_place").fill(PLACE)
    sam.locator("#id_purpose").fill("Plan the move to the new flat together.")
    sam.get_by_role("button", name="Book it").click()
    sam.wait_for_load_state()
    assert sam.get_by_role("heading", level=1).inner_text() == "Home visit with Alex"

    person = browser.new_context(viewport=PHONE)
    alex = person.new_page()
    sign_in(alex, "alex")
    card = alex.locator("article", has_text=PLACE)
    assert "Home visit" in card.inner_text()
    assert "Sam Okafor" in card.inner_text()
    _check(alex)
    card.get_by_role("link", name="I can't make this").click()
    alex.wait_for_load_state()
    _check(alex)
    alex.locator("#id_reason").fill("I am at the jobcentre that afternoon.")
    alex.get_by_role("button", name="Ask for a change").click()
    alex.wait_for_load_state()
    assert "Your worker will see your request" in alex.content()
    _check(alex)

    sam.goto(live_url + "/")
    sam.get_by_role("link", name=f"Alex cannot make {day:%a} {day.day} {day:%B}, 14:00").click()
    sam.wait_for_load_state()
    _check(sam)
    sam.get_by_label("Moved to a new time").check()
    sam.locator("#id_day").fill(new_day.isoformat())
    sam.locator("#id_starts").fill("10:00")
    sam.locator("#id_ends").fill("11:00")
    sam.locator("#id_answer_text").fill("The next morning at 10 works for me.")
    sam.get_by_role("button", name="Send the answer").click()
    sam.wait_for_load_state()
    assert "Answered" in sam.content()
    staff.close()

    alex.goto(live_url + "/me/appointments/")
    card = alex.locator("article", has_text=PLACE)
    assert f"{new_day.day} {new_day:%B} {new_day.year}, 10:00 to 11:00" in card.inner_text()
    card.get_by_role("link").first.click()
    alex.wait_for_load_state()
    page_text = alex.content()
    assert "The next morning at 10 works for me." in page_text
    assert "Moved to a new time" in page_text
    assert "I am at the jobcentre that afternoon." in page_text
    _check(alex)

    # Alex chooses reminders by email, the day before.
    alex.goto(live_url + "/me/reminders/")
    _check(alex)
    alex.get_by_label("Email", exact=True).check()
    alex.get_by_label("Email address for reminders").fill("alex.reminders@example.org")
    alex.get_by_label("The day before").check()
    alex.get_by_role("button", name="Save my choice").click()
    alex.wait_for_load_state()
    assert "Your reminder choice is saved" in alex.content()
    _check(alex)

    # The scheduled scan, as the task worker runs it, the day before the new time.
    e2e_server.manage("send_reminders", "--at", f"{new_day - datetime.timedelta(days=1)}T12:00")
    e2e_server.manage("send_reminders", "--at", f"{new_day - datetime.timedelta(days=1)}T12:05")
    [reminder] = _emails_to(e2e_server.mail_dir, "alex.reminders@example.org")
    text = reminder.get_body(("plain",)).get_content()
    assert f"{new_day:%A} {new_day.day} {new_day:%B} at 10:00" in text
    html = reminder.get_body(("html",)).get_content()
    for said in (text, html, reminder["Subject"], reminder["From"]):
        for private in ("Alex", "Elm Road", "Sam", "Home visit", "new flat"):
            assert private not in said, f"the reminder gives away {private!r}"

    alex.goto(live_url + "/me/reminders/sent/")
    assert "Sent" in alex.locator(".sent-message").first.inner_text()
    _check(alex)
    person.close()
