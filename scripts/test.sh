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
python3 -m pytest -q "$@"
