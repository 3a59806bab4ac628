"""25 logins at once: peak memory and time of the password checks, with the library's default argon2
parameters and with the app's (etl.access.accounts.ARGON2, at most HASHING_AT_ONCE at a time).
Each case runs in its own process (peak RSS is per process). Run: python3 bench/login_burst.py [--logins 25]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import sys, threading, time
sys.path.insert(0, {root!r})
from argon2 import PasswordHasher
from etl.access import accounts
hasher = PasswordHasher() if {default} else accounts._hasher
stored = hasher.hash("mat-khau-thu-nghiem")
gate = threading.Barrier({n})
def login():
    gate.wait()
    if {default}:
        hasher.verify(stored, "mat-khau-thu-nghiem")
    else:
        accounts._hashing.submit(hasher.verify, stored, "mat-khau-thu-nghiem").result()
base = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
start = time.perf_counter()
threads = [threading.Thread(target=login) for _ in range({n})]
[t.start() for t in threads]; [t.join() for t in threads]
peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
print(f"{{(time.perf_counter() - start):.2f}} {{base / 1024:.0f}} {{peak / 1024:.0f}}")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", type=int, default=25)
    n = parser.parse_args().logins
    root = str(Path(__file__).resolve().parent.parent)
    for label, default in (("library default (64 MiB, t=3, p=4), all at once", True),
                           ("app (etl.access.accounts.ARGON2, HASHING_AT_ONCE)", False)):
        out = subprocess.run([sys.executable, "-c", CHILD.format(root=root, default=default, n=n)],
                             capture_output=True, text=True, check=True).stdout.split()
        seconds, base, peak = out
        print(f"{n} logins at once, {label}: {seconds} s, peak RSS {base} -> {peak} MB")


if __name__ == "__main__":
    main()
