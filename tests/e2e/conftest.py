"""A real Streamlit server on a demo database the tests build, and Debian's Chromium driven by Playwright."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo_database(built_demo, tmp_path_factory) -> Path:
    """A copy of the session's demo database (tests/conftest.py), of the module's own, so that what one module
    uploads no other one sees."""
    return built_demo.copy(tmp_path_factory.mktemp("e2e"))


@pytest.fixture(scope="module")
def app_url(demo_database) -> str:
    port = _free_port()
    env = {**os.environ, "PCMD_DB": str(demo_database)}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("Streamlit did not start within 60 s")
    yield url
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def anonymous_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def page(anonymous_page):
    """A browser for the demo database's administrator: open pages with visit(), which logs in."""
    return anonymous_page


def visit(page, url: str, username: str = "quantri", password: str = "quantri-minhhoa") -> None:
    """Open a URL as a user would: a new browser session starts at the login form, then the page
    (with its query string) opens."""
    from playwright.sync_api import expect
    page.context.clear_cookies()  # a saved login (cookie pcmd_login) of an earlier test must not carry over
    page.goto(url)
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible(timeout=60_000)
    _submit_login(page, username, password)


def login(page, app_url: str, username: str, password: str, path: str = "") -> None:
    page.context.clear_cookies()
    page.goto(f"{app_url}/{path}")
    _submit_login(page, username, password)


def _submit_login(page, username: str, password: str) -> None:
    from playwright.sync_api import expect
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible(timeout=60_000)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_idle(page, timeout_ms: int = 30_000) -> None:
    """Let the rerun a widget change started finish (Streamlit shows a status widget while running)."""
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=timeout_ms)
