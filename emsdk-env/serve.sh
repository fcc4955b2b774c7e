#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:<port>/ (default 8080, or $PORT; the next
# free port if that one is taken). Does its own setup through bootstrap.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck disable=SC1090
source "$("$ROOT/emsdk-env/bootstrap.sh")"
BUILD=${CERTDESK_BUILD:-$ROOT/build}
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target wasm_build -- -j"$(nproc)"
SITE=$BUILD/wasm/site
PORT=${PORT:-8080}
while ! /usr/bin/python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', $PORT))" 2>/dev/null; do
  PORT=$((PORT + 1))
done
echo
echo "认证工作台 CertDesk: http://127.0.0.1:$PORT/   (site folder: $SITE; Ctrl+C stops)"
exec /usr/bin/python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SITE"
