"""HttpOnly cookies for the kept login (etl/access/login_tokens.py), which a Streamlit script cannot set: two
routes of our own, served beside the app by `serve.py` (st.App, `streamlit run serve.py`).

After a login the script hands the token to `offer()` and gets a one-time code (random, 60 s, single
use); the page POSTs that code to /_pcmd/login, whose answer sets `pcmd_login` HttpOnly, SameSite=Strict
(Secure over https). /_pcmd/logout expires it. Both refuse a request whose Origin is another site. The
token itself never reaches the page's JavaScript. Under plain `streamlit run app.py` these routes do
not exist (enabled() is False) and dashboard/login.py writes the cookie from the page instead.
"""
from __future__ import annotations

import datetime as dt
import os
import secrets
import threading
import time
from urllib.parse import urlparse

from etl.access.login_tokens import COOKIE

LOGIN_PATH, LOGOUT_PATH = "/_pcmd/login", "/_pcmd/logout"
CODE_SECONDS = 60
MAX_PENDING = 1000
ENABLED_ENV = "PCMD_COOKIE_ROUTES"  # set by routes() in the serving process (an env var outlives module reloads)

_pending: dict[str, tuple[str, dt.datetime, float]] = {}  # code -> (token, expiry, when offered)
_lock = threading.Lock()


def enabled() -> bool:
    return os.environ.get(ENABLED_ENV) == "1"


def offer(token: str, expires: dt.datetime) -> str:
    """A one-time code the page exchanges for the cookie holding `token`."""
    code = secrets.token_urlsafe(32)
    now = time.monotonic()
    with _lock:
        for old in [c for c, (_, _, at) in _pending.items() if now - at > CODE_SECONDS]:
            del _pending[old]
        if len(_pending) >= MAX_PENDING:
            _pending.pop(next(iter(_pending)))
        _pending[code] = (token, expires, now)
    return code


def take(code: str) -> tuple[str, dt.datetime] | None:
    """The token a code stands for, once, within CODE_SECONDS."""
    with _lock:
        found = _pending.pop(code, None)
    if found is None or time.monotonic() - found[2] > CODE_SECONDS:
        return None
    return found[0], found[1]


def _same_site(request) -> bool:
    origin = request.headers.get("origin")
    return origin is None or urlparse(origin).netloc == request.headers.get("host")


def _secure(request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


async def _login(request):
    from starlette.responses import Response
    body = (await request.body())[:200].decode("ascii", "replace").strip()
    found = take(body) if _same_site(request) else None
    if found is None:
        return Response(status_code=403)
    token, expires = found
    response = Response(status_code=204)
    response.set_cookie(COOKIE, token, expires=expires.astimezone(dt.timezone.utc), path="/", httponly=True,
                        samesite="strict", secure=_secure(request))
    return response


async def _logout(request):
    from starlette.responses import Response
    if not _same_site(request):
        return Response(status_code=403)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request))
    return response


def routes() -> list:
    """The two routes, for st.App(routes=…); marks the cookie as set by them from now on."""
    from starlette.routing import Route
    os.environ[ENABLED_ENV] = "1"
    return [Route(LOGIN_PATH, _login, methods=["POST"]), Route(LOGOUT_PATH, _logout, methods=["POST"])]
