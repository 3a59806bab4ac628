"""The scripts dashboard/login.py hands the browser to set and clear the kept login's cookie, run in Node
with a stub document and fetch: each one parses (a stray brace once kept logout from ever calling
/_pcmd/logout, leaving the HttpOnly cookie in the browser) and does what it says."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import cookie_routes, login

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")
EXPIRES = dt.datetime(2026, 12, 4, 18, 0, tzinfo=dt.timezone.utc)
STUB = """var document = {cookie: ""}, location = {protocol: %s}, calls = [], cookies = [];
Object.defineProperty(document, "cookie", {set: function (v) { cookies.push(v); }, get: function () { return ""; }});
function fetch(url, options) { calls.push([url, options]); }
"""


def run(html: str, protocol: str = "http:") -> dict:
    """What the page's scripts do: the fetches they make and the cookies they write."""
    bodies = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert "".join(f"<script>{b}</script>" for b in bodies) == html          # nothing outside the scripts
    program = STUB % json.dumps(protocol) + "".join(f"(function () {{ {b}\n}})();\n" for b in bodies) \
        + "process.stdout.write(JSON.stringify({calls: calls, cookies: cookies}));"
    done = subprocess.run([NODE, "-e", program], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr                                  # a SyntaxError fails here
    return json.loads(done.stdout)


def test_logout_posts_to_the_route_that_expires_the_httponly_cookie(monkeypatch):
    monkeypatch.setenv(cookie_routes.ENABLED_ENV, "1")
    did = run(login._forget_script())
    assert did["calls"] == [[cookie_routes.LOGOUT_PATH, {"method": "POST", "credentials": "same-origin"}]]
    assert did["cookies"] == ["pcmd_login=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; SameSite=Strict"]


def test_without_the_routes_logout_only_expires_the_page_written_cookie(monkeypatch):
    monkeypatch.delenv(cookie_routes.ENABLED_ENV, raising=False)
    did = run(login._forget_script(), protocol="https:")
    assert did["calls"] == []
    assert did["cookies"] == ["pcmd_login=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; SameSite=Strict; Secure"]


def test_login_posts_the_one_time_code():
    code = cookie_routes.offer("the.token.sig", EXPIRES)
    did = run(login._post_script(cookie_routes.LOGIN_PATH, code))
    assert did["calls"] == [[cookie_routes.LOGIN_PATH, {"method": "POST", "credentials": "same-origin", "body": code}]]
    assert cookie_routes.take(code) == ("the.token.sig", EXPIRES)             # the script spent nothing itself


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: "\x00" not in s)
       | st.sampled_from(["</script><script>fetch('/x')</script>", "'}); alert(1); ({", "\"\\\n\u2028", "}}{{"]))
def test_any_body_or_cookie_value_stays_data_inside_its_script(text):
    did = run(login._post_script(cookie_routes.LOGIN_PATH, text))
    assert did["calls"] == [[cookie_routes.LOGIN_PATH, {"method": "POST", "credentials": "same-origin", "body": text}]]
    did = run(login._cookie_script(text, EXPIRES))
    assert did["cookies"] == [f"pcmd_login={text}; expires=Fri, 04 Dec 2026 18:00:00 GMT; path=/; SameSite=Strict"]
