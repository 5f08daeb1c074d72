"""After saving a part of the plan: a confirmation, and the plan at that section."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _edit(person, section):
    return reverse("plan_section_edit", args=[person.pk, section.pk])


def _payload(section, text):
    return {"heading": section.heading, "text": text, "version": section.version}


def test_the_full_edit_page_posts_plainly_and_lands_on_the_plan(
    worker_client, person, plan_section
):
    page = worker_client.get(_edit(person, plan_section)).content.decode()
    # The full page is not swapped in place: saving there leaves the edit page.
    assert "data-hx-post" not in page
    response = worker_client.post(
        _edit(person, plan_section), _payload(plan_section, "New words"), follow=True
    )
    url, status = response.redirect_chain[-1]
    assert status == 302
    assert url == reverse("plan", args=[person.pk]) + f"#section-{plan_section.pk}"
    assert f"Saved “{plan_section.heading}”" in response.content.decode()


def test_an_inline_save_confirms_in_the_section(worker_client, person, plan_section):
    form = worker_client.get(_edit(person, plan_section), headers=HTMX).content.decode()
    assert "data-hx-post" in form
    saved = worker_client.post(
        _edit(person, plan_section), _payload(plan_section, "Inline words"), headers=HTMX
    )
    body = saved.content.decode()
    assert 'role="status"' in body
    assert f"Saved “{plan_section.heading}”" in body


def test_the_person_lands_on_their_plan_at_the_section(person_client, plan_section):
    url = reverse("me_plan_section_edit", args=[plan_section.pk])
    response = person_client.post(url, _payload(plan_section, "Mine"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("me_plan") + f"#section-{plan_section.pk}"
    assert f"Saved “{plan_section.heading}”" in response.content.decode()
