"""The organisation administrator adds a worker and assigns a person, seeing no record content."""

import pytest

pytestmark = pytest.mark.e2e


def test_admin_adds_a_worker_and_assigns_a_person(page, live_url, sign_in):
    sign_in(page, "admin")
    page.get_by_role("link", name="Manage staff, teams and assignments").first.click()
    page.wait_for_load_state()
    body = page.content()
    # No record content anywhere in the admin.
    assert "joiner by trade" not in body and "Session notes" not in body

    page.goto(f"{live_url}/admin/casework/user/add/")
    page.locator("#id_username").fill("newworker")
    password = page.locator("#id_password1")
    if password.count():
        password.fill("a-long-and-unusual-password-42")
        page.locator("#id_password2").fill("a-long-and-unusual-password-42")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert "newworker" in page.content()

    page.goto(f"{live_url}/admin/casework/caseassignment/add/")
    page.locator("#id_person").select_option(label="Alex")
    page.locator("#id_worker").select_option(label="jo")
    page.locator("#id_role").select_option("co_worker")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert "was added successfully" in page.content()

    # The administrator still cannot open Alex's record.
    person_link = page.locator("a[href^='/people/']")
    assert person_link.count() == 0
    response = page.goto(f"{live_url}/people/1/")
    assert response.status == 404
