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
