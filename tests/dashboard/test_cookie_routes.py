"""The routes serve.py adds (dashboard/cookie_routes.py): a one-time code buys the HttpOnly cookie once,
within its minute, from this site only; logout expires the cookie."""
from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt

import pytest
from starlette.requests import Request

from dashboard import cookie_routes as routes

EXPIRES = dt.datetime.now() + dt.timedelta(hours=8)


def call(handler, body: bytes = b"", headers: dict | None = None, scheme: str = "http"):
    headers = {"host": "127.0.0.1:8501", **(headers or {})}
    scope = {"type": "http", "method": "POST", "path": "/", "scheme": scheme, "query_string": b"",
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    # in a thread of its own: the browser tests' Playwright may leave an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, handler(Request(scope, receive))).result()


def cookie_of(response) -> str:
    return response.headers.get("set-cookie", "")


def test_a_code_buys_the_httponly_cookie_once():
    code = routes.offer("the.token.sig", EXPIRES)
    first = call(routes._login, code.encode())
    assert first.status_code == 204
    header = cookie_of(first)
    assert header.startswith("pcmd_login=the.token.sig") and "HttpOnly" in header
    assert "SameSite=strict" in header and "Path=/" in header and "Secure" not in header
    assert call(routes._login, code.encode()).status_code == 403          # spent
    assert cookie_of(call(routes._login, code.encode())) == ""


def test_over_https_the_cookie_is_secure():
    code = routes.offer("t.1.s", EXPIRES)
    assert "Secure" in cookie_of(call(routes._login, code.encode(), {"x-forwarded-proto": "https"}))


@pytest.mark.parametrize("body", [b"", b"x", b"A" * 43, b"A" * 5000, "mã".encode(), b"\x00\xff", b"' OR 1=1 --"])
def test_no_made_up_code_buys_anything(body):
    routes.offer("t.2.s", EXPIRES)
    response = call(routes._login, body)
    assert response.status_code == 403 and cookie_of(response) == ""


def test_a_code_from_another_site_is_refused_and_stays_unspent():
    code = routes.offer("t.3.s", EXPIRES)
    assert call(routes._login, code.encode(), {"origin": "https://evil.example"}).status_code == 403
    assert call(routes._login, code.encode(), {"origin": "http://127.0.0.1:8501"}).status_code == 204


def test_a_code_older_than_a_minute_is_refused(monkeypatch):
    code = routes.offer("t.4.s", EXPIRES)
    later = routes.time.monotonic() + routes.CODE_SECONDS + 1
    monkeypatch.setattr(routes.time, "monotonic", lambda: later)
    assert call(routes._login, code.encode()).status_code == 403


def test_logout_expires_the_cookie():
    response = call(routes._logout)
    header = cookie_of(response)
    assert response.status_code == 204 and header.startswith('pcmd_login=""') and "Max-Age=0" in header
    assert call(routes._logout, headers={"origin": "https://evil.example"}).status_code == 403


def test_pending_codes_stay_bounded():
    for i in range(routes.MAX_PENDING + 50):
        routes.offer(f"t.{i}.s", EXPIRES)
    assert len(routes._pending) <= routes.MAX_PENDING
