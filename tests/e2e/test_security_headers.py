"""In a real browser, the strict Content-Security-Policy breaks nothing."""

import pytest

from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_pages_run_under_the_policy_without_violations(page, live_url, sign_in):
    sign_in(page, "sam")
    for path in ("/", "/account/security/", "/account/security/password/"):
        page.goto(f"{live_url}{path}")
        page.wait_for_load_state("networkidle")
        # htmx loaded from our own static files and read its <meta> configuration.
        assert page.evaluate("typeof window.htmx") == "object", path
        assert page.evaluate("htmx.config.includeIndicatorStyles") is False, path
        assert page.evaluate("htmx.config.allowEval") is False, path
        assert page.errors == [], f"{path}: {page.errors}"


def test_security_pages_pass_axe(page, live_url, sign_in):
    sign_in(page, "sam")
    for path in ("/account/security/", "/account/security/two-step/"):
        page.goto(f"{live_url}{path}")
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).count() == 1
        assert axe_violations(page) == [], path
    assert page.errors == []


def test_the_policy_really_blocks_inline_script(page, live_url):
    page.goto(f"{live_url}/accounts/login/")
    with pytest.raises(Exception, match="Content Security Policy"):
        page.add_script_tag(content="window.injected = true;")
    assert page.evaluate("window.injected === undefined")


def test_a_supervisor_signs_in_with_a_code(page, live_url, sign_in):
    sign_in(page, "morgan")
    assert page.url == f"{live_url}/"
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations(page) == []
    assert page.errors == []


def test_the_code_page_passes_axe(page, live_url):
    from tests.e2e.conftest import PASSWORD

    page.goto(f"{live_url}/accounts/login/")
    page.get_by_label("Username").fill("lee")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/accounts/verify/" in page.url
    assert axe_violations(page) == []
