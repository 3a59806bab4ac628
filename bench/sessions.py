"""N leaders at once: N browser sessions (Playwright contexts in Debian's Chromium) on the demo database,
each logging in and opening three pages (Tổng quan, Kế hoạch, Địa bàn) from the sidebar, all at the same time.
Prints the median and p95 page time (from the click to the page's text shown and the app idle), and the
Streamlit server's CPU time and resident memory (now and peak) after each round.
Run: python3 bench/sessions.py [--sessions 1 10 25]   (one server for all rounds, on a demo database it builds)
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.cli import demo
from etl.labels_vi import UI  # noqa: E402
from etl.storage import db  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
USER, PASSWORD = "quantri", "quantri-minhhoa"   # the demo's administrator (etl/cli/demo.py)
PAGES = [("page_overview", "Ba chỉ tiêu chậm nhất"), ("page_plan", "Trích kế hoạch"),
         ("page_locality", "Đơn vị cấp dưới")]   # title in the sidebar, a text the page shows when drawn


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 25])
    return parser.parse_args()


def server(path: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, "PCMD_DB": str(path)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("Streamlit did not start within 60 s")


def usage(pid: int) -> tuple[float, float, float]:
    """CPU seconds (user + system), RSS and peak RSS in MB of the server process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    status = Path(f"/proc/{pid}/status").read_text()
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))}
    return cpu, kb["VmRSS"] / 1024, kb["VmHWM"] / 1024


async def idle(page) -> None:
    await page.wait_for_timeout(300)
    await page.wait_for_selector("[data-testid='stStatusWidget']", state="detached", timeout=120_000)


async def session(browser, url: str, start: asyncio.Event) -> list[float]:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = await context.new_page()
    await start.wait()
    times = []
    begin = time.perf_counter()
    await page.goto(url)
    await page.get_by_label("Tên đăng nhập").fill(USER)
    await page.get_by_label("Mật khẩu").fill(PASSWORD)
    await page.get_by_role("button", name="Đăng nhập").click()
    for n, (title, text) in enumerate(PAGES):
        if n:
            begin = time.perf_counter()
            await page.get_by_role("link", name=UI[title], exact=True).click()
        await page.get_by_text(text).first.wait_for(timeout=120_000)
        await idle(page)
        times.append(time.perf_counter() - begin)   # the first one includes the login
    await context.close()
    return times


async def round_of(browser, url: str, n: int) -> list[float]:
    start = asyncio.Event()
    tasks = [asyncio.create_task(session(browser, url, start)) for _ in range(n)]
    await asyncio.sleep(0.5)
    start.set()
    return [t for times in await asyncio.gather(*tasks) for t in times]


async def main() -> None:
    args = arguments()
    from playwright.async_api import async_playwright
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.duckdb"
        con = db.connect(path)
        demo.build(con, out_dir=Path(folder) / "files", today=dt.date(2026, 11, 23))
        con.close()
        process, url = server(path)
        try:
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                  args=["--no-sandbox", "--disable-gpu"])
                for n in args.sessions:
                    cpu_before = usage(process.pid)[0]
                    wall = time.perf_counter()
                    times = await round_of(browser, url, n)
                    wall = time.perf_counter() - wall
                    cpu, rss, peak = usage(process.pid)
                    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]
                    print(f"{n:3d} sessions × 3 pages: page time median {statistics.median(times):.2f} s, "
                          f"p95 {p95:.2f} s, slowest {max(times):.2f} s; round {wall:.1f} s; server CPU "
                          f"{cpu - cpu_before:.1f} s, RSS {rss:.0f} MB (peak {peak:.0f} MB)")
                await browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    asyncio.run(main())
