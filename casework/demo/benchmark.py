"""The load driver behind ``make bench``: real HTTP against gunicorn on loopback.

Each page is driven by N concurrent signed-in clients (threads, each with its
own session and keep-alive connection), for a bounded number of requests.
Latencies are compared with ``/healthz`` measured in the same run, so the
ratios hold whatever else the machine is doing.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import re
import statistics
import struct
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class BenchPage:
    name: str
    path: str
    username: str | None  # None: anonymous
    method: str = "GET"
    data: Callable[[], dict] | None = None  # form fields for a POST
    ok_statuses: tuple[int, ...] = (200,)
    totp_key_hex: str | None = None  # the user's TOTP key, when they must use two-step sign-in


@dataclass
class Result:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed_s: float = 0.0
    queries: int | None = None
    # Where one in-process request's time went (casework.demo.breakdown): ms for
    # sql, template, forms, other, and their total.
    breakdown: dict[str, float] | None = None

    def pct(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        data = sorted(self.latencies_ms)
        k = max(0, min(len(data) - 1, round(p / 100 * (len(data) - 1))))
        return data[k]

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def rps(self) -> float:
        return self.requests / self.elapsed_s if self.elapsed_s else 0.0

    @property
    def mean(self) -> float:
        return statistics.fmean(self.latencies_ms) if self.latencies_ms else float("nan")


class Session:
    """A minimal browser: one keep-alive connection, cookies, CSRF token."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None):
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            raise
        content = response.read()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def sign_in(self, username: str, password: str, totp_key_hex: str | None = None) -> None:
        self.request("GET", "/accounts/login/")
        status, _ = self.request(
            "POST", "/accounts/login/", {"username": username, "password": password}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"could not sign in as {username} (status {status})")
        if totp_key_hex:
            status, _ = self.request(
                "POST", "/accounts/verify/", {"otp_token": totp_code(totp_key_hex), "next": "/"}
            )
            if status != 302:
                raise RuntimeError(f"two-step code refused for {username} (status {status})")


def totp_code(key_hex: str) -> str:
    """The current TOTP code (RFC 6238, 30 s, 6 digits, SHA-1), as an authenticator app shows."""
    counter = int(time.time()) // 30
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 1_000_000).zfill(6)


# Sign-ins that needed a two-step code, shared by the clients: a TOTP code can be
# used only once (replay protection), so every client of that user uses one session.
_verified_cookies: dict[str, dict[str, str]] = {}


def drive(page: BenchPage, port: int, password: str, clients: int, requests_each: int) -> Result:
    result = Result(page.name)
    lock = threading.Lock()
    sessions = []
    for _ in range(clients):
        s = Session("127.0.0.1", port)
        if page.username and page.totp_key_hex:
            if page.username not in _verified_cookies:
                s.sign_in(page.username, password, page.totp_key_hex)
                _verified_cookies[page.username] = dict(s.cookies)
            s.cookies = dict(_verified_cookies[page.username])
        elif page.username:
            s.sign_in(page.username, password)
        sessions.append(s)
    # Warm up: one request per client, not measured.
    for s in sessions:
        s.request(page.method, page.path, page.data() if page.data else None)

    barrier = threading.Barrier(clients)

    def run(s: Session):
        barrier.wait()
        mine, errors = [], 0
        for _ in range(requests_each):
            started = time.perf_counter()
            try:
                status, _ = s.request(page.method, page.path, page.data() if page.data else None)
            except (http.client.HTTPException, OSError):
                status = 0
            took = (time.perf_counter() - started) * 1000
            if status in page.ok_statuses:
                mine.append(took)
            else:
                errors += 1
        with lock:
            result.latencies_ms.extend(mine)
            result.errors += errors

    threads = [threading.Thread(target=run, args=(s,)) for s in sessions]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.elapsed_s = time.perf_counter() - started
    return result


BREAKDOWN_PARTS = ("sql", "template", "forms", "other", "total")


def markdown_table(results: list[Result], baseline: Result) -> str:
    b50, b95 = baseline.pct(50), baseline.pct(95)
    lines = [
        "| page | requests | errors | p50 ms | p95 ms | p99 ms | req/s | p50 ÷ healthz | p95 ÷ healthz "
        "| queries | SQL ms | template ms | forms ms | other ms | in-process ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        parts = r.breakdown or {}
        spent = " | ".join(f"{parts[p]:.1f}" if p in parts else "" for p in BREAKDOWN_PARTS)
        lines.append(
            f"| {r.name} | {r.requests} | {r.errors} | {r.pct(50):.1f} | {r.pct(95):.1f} | "
            f"{r.pct(99):.1f} | {r.rps:.1f} | {r.pct(50) / b50:.1f}× | {r.pct(95) / b95:.1f}× | "
            f"{'' if r.queries is None else r.queries} | {spent} |"
        )
    return "\n".join(lines)


def csrf_from(html: bytes) -> str | None:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1).decode() if match else None
