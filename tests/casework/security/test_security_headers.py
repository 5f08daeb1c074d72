"""Response headers: CSP, framing, referrer, permissions, caching, and a scored check.

``observatory_score`` re-implements the scoring of the MDN HTTP Observatory
(version 2, developer.mozilla.org/en-US/observatory/docs/tests_and_scoring):
start at 100, add the modifier of each test's result, award "extra credit"
only when the score without it is at least 90, never go below 0. The tests
and results implemented are the ones our headers can reach:

* Content-Security-Policy: not implemented -25; 'unsafe-inline' (or a
  wildcard, ``data:``, ``http:``/``https:`` source) in the effective script-src
  or object-src -20; an ``http:`` source for active content -20;
  'unsafe-eval' -10; ``http:`` for passive content -10; 'unsafe-inline' only in
  style-src 0; otherwise 0, or +10 when default-src is 'none'.
* Cookies: none set 0; session cookie without Secure -40, without HttpOnly -30;
  anti-CSRF cookie without SameSite -20; invalid SameSite -20; another cookie
  without Secure -20 (-5 when HSTS is on); all Secure, session cookies
  HttpOnly and all with SameSite +5.
* Cross-origin resource sharing: ``Access-Control-Allow-Origin: *`` -50, else 0.
* Redirection: plain http answered without a redirect -20; first redirect
  not to https -20 (-10 when a later one is); to another host -5; else 0.
* Referrer-Policy: no-referrer, same-origin, strict-origin or
  strict-origin-when-cross-origin +5; unsafe-url, origin or
  origin-when-cross-origin -5; not set 0.
* Strict-Transport-Security: not set -20; max-age under six months -10;
  else 0. (+5 for being on the browsers' preload list is not claimed: that
  list cannot be checked offline.)
* Subresource integrity: scripts from another origin without ``integrity``
  -5 (https) or -50 (http); same-origin scripts only 0.
* X-Content-Type-Options: not ``nosniff`` -5.
* X-Frame-Options: CSP frame-ancestors set +5; X-Frame-Options DENY or
  SAMEORIGIN 0; neither -20.
* Cross-Origin-Resource-Policy: invalid value -5, else 0.

The Observatory's certificate and crawl-based checks (for example a redirect
chain through other hosts, HSTS on the apex domain) need a deployed site.
"""

import os
import re
import secrets
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
SIX_MONTHS = 15_768_000
PRIVATE_REFERRER = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRER = {"unsafe-url", "origin", "origin-when-cross-origin"}
WIDE_SOURCES = {"*", "data:", "http:", "https:", "'unsafe-inline'"}


def parse_csp(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        tokens = part.strip().split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    return directives


def _csp_result(headers) -> tuple[str, int]:
    value = headers.get("Content-Security-Policy")
    if not value:
        return "csp-not-implemented", -25
    csp = parse_csp(value)
    default = csp.get("default-src", ["*"])
    script = csp.get("script-src", default)
    objects = csp.get("object-src", default)
    style = csp.get("style-src", default)
    passive = csp.get("img-src", default) + csp.get("media-src", default)
    if WIDE_SOURCES & set(script) or WIDE_SOURCES & set(objects):
        return "csp-implemented-with-unsafe-inline", -20
    if any(s.startswith("http:") for s in script + objects):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if any(s.startswith("http:") for s in passive):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only", -10
    if "'unsafe-inline'" in style:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 0


def _cookie_result(set_cookies: SimpleCookie, hsts: bool) -> tuple[str, int]:
    if not set_cookies:
        return "cookies-not-found", 0
    penalties = []
    for name, morsel in set_cookies.items():
        session = "session" in name.lower() or "sid" in name.lower()
        samesite = (morsel["samesite"] or "").lower()
        if session and not morsel["secure"]:
            penalties.append(("cookies-session-without-secure-flag", -40))
        if session and not morsel["httponly"]:
            penalties.append(("cookies-session-without-httponly-flag", -30))
        if "csrf" in name.lower() and not samesite:
            penalties.append(("cookies-anticsrf-without-samesite-flag", -20))
        if samesite and samesite not in {"lax", "strict", "none"}:
            penalties.append(("cookies-samesite-flag-invalid", -20))
        if not session and not morsel["secure"]:
            penalties.append(
                ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                if hsts
                else ("cookies-without-secure-flag", -20)
            )
    if penalties:
        return min(penalties, key=lambda p: p[1])
    if all(morsel["samesite"] for morsel in set_cookies.values()):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def _redirect_result(http_response, host: str) -> tuple[str, int]:
    if http_response.status_code not in (301, 302, 307, 308):
        return "redirection-missing", -20
    location = http_response["Location"]
    if not location.startswith("https://"):
        return "redirection-not-to-https", -20
    if not location.startswith(f"https://{host}/"):
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def _hsts_result(headers) -> tuple[str, int]:
    match = re.search(r"max-age=(\d+)", headers.get("Strict-Transport-Security", ""))
    if not match:
        return "hsts-not-implemented", -20
    if int(match.group(1)) < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def _sri_result(body: str) -> tuple[str, int]:
    scripts = re.findall(r"<script\b[^>]*>", body)
    external = [s for s in scripts if re.search(r"src=[\"'](https?:)?//", s)]
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    if not external:
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    if any("integrity=" not in s and "http://" in s for s in external):
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    if any("integrity=" not in s for s in external):
        return "sri-not-implemented-but-external-scripts-loaded-securely", -5
    return "sri-implemented-and-external-scripts-loaded-securely", 0


def _referrer_result(headers) -> tuple[str, int]:
    policies = {p.strip().lower() for p in headers.get("Referrer-Policy", "").split(",")} - {""}
    if not policies:
        return "referrer-policy-not-implemented", 0
    if policies & UNSAFE_REFERRER:
        return "referrer-policy-unsafe", -5
    if policies <= PRIVATE_REFERRER:
        return "referrer-policy-private", 5
    return "referrer-policy-headers-invalid", -5


def _xfo_result(headers) -> tuple[str, int]:
    csp = parse_csp(headers.get("Content-Security-Policy", ""))
    if "frame-ancestors" in csp:
        return "x-frame-options-implemented-via-csp", 5
    if headers.get("X-Frame-Options", "").upper() in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def observatory_score(response, set_cookies, http_response, host="testserver"):
    """Score one page the way the MDN HTTP Observatory does; returns (score, results)."""
    headers = response.headers
    hsts = "Strict-Transport-Security" in headers
    results = {
        "content-security-policy": _csp_result(headers),
        "cookies": _cookie_result(set_cookies, hsts),
        "cross-origin-resource-sharing": (
            ("cross-origin-resource-sharing-implemented-with-universal-access", -50)
            if headers.get("Access-Control-Allow-Origin", "").strip() == "*"
            else ("cross-origin-resource-sharing-not-implemented", 0)
        ),
        "redirection": _redirect_result(http_response, host),
        "referrer-policy": _referrer_result(headers),
        "strict-transport-security": _hsts_result(headers),
        "subresource-integrity": _sri_result(response.content.decode()),
        "x-content-type-options": (
            ("x-content-type-options-nosniff", 0)
            if headers.get("X-Content-Type-Options", "").lower() == "nosniff"
            else ("x-content-type-options-not-implemented", -5)
        ),
        "x-frame-options": _xfo_result(headers),
        "cross-origin-resource-policy": (
            ("corp-header-invalid", -5)
            if headers.get("Cross-Origin-Resource-Policy", "same-origin")
            not in {"same-origin", "same-site", "cross-origin"}
            else ("corp-implemented-or-not-needed", 0)
        ),
    }
    base = 100 + sum(min(score, 0) for _, score in results.values())
    bonus = sum(max(score, 0) for _, score in results.values()) if base >= 90 else 0
    return max(base + bonus, 0), results


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    return settings


def _signed_in_over_https(client, username):
    response = client.post(
        reverse("login"), {"username": username, "password": "recovery-demo"}, secure=True
    )
    assert response.status_code == 302, response.content[:500]
    return response.cookies


def _assert_top_marks(client, url, set_cookies):
    page = client.get(url, secure=True)
    assert page.status_code == 200
    cookies = SimpleCookie()
    cookies.update(set_cookies)
    cookies.update(page.cookies)
    score, results = observatory_score(page, cookies, client.get(url, secure=False))
    penalties = {test: r for test, r in results.items() if r[1] < 0}
    assert not penalties, penalties
    assert score >= 100, results
    return results


def test_login_page_scores_top_marks(client, production):
    results = _assert_top_marks(client, reverse("login"), SimpleCookie())
    # The login page sets the CSRF cookie: Secure and SameSite earn the bonus.
    assert results["cookies"][1] == 5


def test_caseload_home_scores_top_marks(client, production, worker, person):
    set_cookies = _signed_in_over_https(client, "alice")
    results = _assert_top_marks(client, reverse("home"), set_cookies)
    assert results["cookies"][0] == "cookies-secure-with-httponly-sessions-and-samesite"


def test_person_overview_scores_top_marks(client, production, worker, person):
    set_cookies = _signed_in_over_https(client, "alice")
    _assert_top_marks(client, reverse("person_detail", args=[person.pk]), set_cookies)


def test_the_scorer_catches_a_weak_policy(rf):
    """The scorer itself is tested: without it, a score of 100 would prove nothing."""
    from django.http import HttpResponse

    weak = HttpResponse("<script>alert(1)</script>")
    weak["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'"
    plain_http = HttpResponse("no redirect")
    score, results = observatory_score(weak, SimpleCookie(), plain_http)
    assert results["content-security-policy"][1] == -20
    assert results["strict-transport-security"][1] == -20
    assert results["redirection"][1] == -20
    assert score < 50


def test_content_security_policy_is_strict(client):
    csp = parse_csp(client.get(reverse("login")).headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    everything = " ".join(" ".join(v) for v in csp.values())
    assert "unsafe-inline" not in everything
    assert "unsafe-eval" not in everything


def test_pages_have_no_inline_script_or_style(worker_client, person):
    for url in (reverse("home"), reverse("person_detail", args=[person.pk]), reverse("security")):
        body = worker_client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", body):
            assert "src=" in tag, f"inline script on {url}: {tag}"
        assert "<style" not in body, url
        assert " style=" not in body, url
        assert "javascript:" not in body, url
        assert not re.search(r"\son[a-z]+=", body), f"inline event handler on {url}"


def test_other_security_headers(client):
    headers = client.get(reverse("login")).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    policy = headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_hsts_in_production(client, production):
    hsts = client.get(reverse("login"), secure=True).headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def test_signed_in_pages_are_never_cached(worker_client, person):
    for url in (reverse("home"), reverse("person_detail", args=[person.pk])):
        cache_control = worker_client.get(url).headers["Cache-Control"]
        assert "no-store" in cache_control, url
        assert "private" in cache_control, url


def test_every_response_to_a_signed_in_user_is_not_cached(worker_client):
    # Not only the views that ask for it: an error page, a redirect, any new view.
    not_found = worker_client.get("/people/999999/")
    assert not_found.status_code == 404
    assert "no-store" in not_found.headers["Cache-Control"]


def test_pages_for_visitors_who_are_not_signed_in_may_be_cached(client):
    # Only signed-in responses hold personal data; the middleware leaves others alone.
    response = client.get("/this-page-does-not-exist/")
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), DEBUG="0", ALLOWED_HOSTS="cases.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_text_people_write_is_escaped_not_run(worker_client, person):
    # ASVS V5.3.3: record text is output-encoded; the CSP is the second line.
    person.about_me = '<script>alert("x")</script><img src=x onerror=alert(1)> & more'
    person.save()
    for url in (reverse("home"), reverse("person_detail", args=[person.pk])):
        body = worker_client.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "<img src=x" not in body, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body, url
