#!/usr/bin/env bash
# Runs every test: builds the domain natively and the app with Emscripten, then one ctest run
# (native unit tests, scenarios, the domain tests under node, end-to-end tests in headless
# Chromium). Screenshots land in build/artifacts. Does its own setup through bootstrap.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck disable=SC1090
source "$("$ROOT/emsdk-env/bootstrap.sh")"
BUILD=${CERTDESK_BUILD:-$ROOT/build}
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -- -j"$(nproc)"
ctest --test-dir "$BUILD" --output-on-failure "$@"
