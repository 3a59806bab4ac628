#!/usr/bin/env bash
# Install everything the tests need, then run all of them. Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1
python3 -m pip install -q -r requirements-dev.txt
# Chromium for the browser tests; DejaVu fonts for the PDF a drafting test prints with it.
if { [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; } && command -v apt-get >/dev/null; then
    (apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null) \
        || echo "chromium or fonts-dejavu-core could not be installed: browser tests will fail" >&2
fi
if [ $# -gt 0 ]; then
    exec python3 -m pytest -q "$@"
fi
# Everything but the browser tests on two workers, one test file per worker (module fixtures and a file's tests
# stay together): on 2 cores tests/intake + tests/engine take 66 s instead of 132 s, for the same CPU. Then the
# browser tests in one process: one Chromium and one Streamlit server at a time, the demo database built once.
status=0
python3 -m pytest -q -n 2 --dist loadfile --ignore=tests/e2e || status=$?
python3 -m pytest -q tests/e2e || status=$?
exit "$status"
