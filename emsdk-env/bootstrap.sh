#!/usr/bin/env bash
# Brings a Debian 12 machine to CertDesk's working toolchain. Idempotent: a second run only
# checks and takes seconds. Everything fetched is cached outside the source tree.
#
#   emsdk-env/bootstrap.sh        # logs to stderr; writes $CERTDESK_CACHE/env.sh
#
# Environment:
#   CERTDESK_CACHE     cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/certdesk)
#   EMCC / EMSDK       a user's own Emscripten: used when set (or when emcc is already on
#                      PATH); otherwise Debian's `emscripten` package is installed
#   IMGUI_DEB_VERSION  Debian source version of Dear ImGui (default 1.92.2b+ds-1; falls back
#                      to the newest 1.92.x that the source suites carry)
set -euo pipefail

CACHE=${CERTDESK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/certdesk}
IMGUI_DEB_VERSION=${IMGUI_DEB_VERSION:-1.92.2b+ds-1}
PLAYWRIGHT_VERSION=1.65.1
# Closure Compiler minifies the app's JavaScript (161 KB → 74 KB). The version Debian's
# Emscripten 3.1.6 was made with, in its Java form (Debian's JRE): the native binary is 219 MB.
CLOSURE_VERSION=20220104.0.0
FONT_PACKAGE=fonts-wqy-microhei
# Known-good checksums of Debian's imgui orig tarballs (checked after apt's own signature check).
declare -A IMGUI_SHA256=(
  [imgui_1.92.2b+ds.orig.tar.xz]=e7bd201d56b5ee90d24d5dac85e5c12f98bdb95410252a62d27b7f89e4566d48
)

log() { printf '[bootstrap] %s\n' "$*" >&2; }
die() { printf '[bootstrap] error: %s\n' "$*" >&2; exit 1; }
mkdir -p "$CACHE"

# ------------------------------------------------------------------ Debian packages
SUDO=()
[ "$(id -u)" -ne 0 ] && SUDO=(sudo)
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
PACKAGES=(cmake make nlohmann-json3-dev doctest-dev chromium "$FONT_PACKAGE" fonttools
          libssl-dev xz-utils dpkg-dev nodejs npm default-jre-headless)
# A user's own emsdk (EMSDK set, EMCC named, or emcc on PATH) wins over Debian's package.
if [ -n "${EMCC:-}" ]; then :
elif [ -n "${EMSDK:-}" ] && [ -x "$EMSDK/upstream/emscripten/emcc" ]; then EMCC=$EMSDK/upstream/emscripten/emcc
elif command -v emcc >/dev/null 2>&1; then EMCC=$(command -v emcc)
else PACKAGES+=(emscripten); EMCC=/usr/bin/emcc
fi
for p in "${PACKAGES[@]}"; do
  case "$p" in
    nodejs|npm) command -v "${p/nodejs/node}" >/dev/null 2>&1 || need+=("$p") ;;
    default-jre-headless) command -v java >/dev/null 2>&1 || need+=("$p") ;;
    *) have_pkg "$p" || need+=("$p") ;;
  esac
done
if [ ${#need[@]} -gt 0 ]; then
  log "installing: ${need[*]}"
  "${SUDO[@]}" apt-get update -q >&2
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >&2
fi
[ -x "$EMCC" ] || command -v "$EMCC" >/dev/null 2>&1 || die "no emcc at $EMCC"

# ------------------------------------------------------------------ Dear ImGui sources
# From Debian's *source* package through a private deb-src config built from the archive
# URI the system already uses: the system's apt config is not touched, and no registry host
# name is written anywhere in the project.
system_archive() {  # prints "URI SIGNED_BY" of the first non-security deb822 entry
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    awk 'function flush(){ if(!done && u!="" && s !~ /security/){print u, k; done=1} u=s=k="" }
         /^[[:space:]]*#/{next} /^[[:space:]]*$/{flush(); next}
         tolower($1)=="uris:"{u=$2} tolower($1)=="suites:"{s=$0} tolower($1)=="signed-by:"{k=$2}
         END{flush()}' "$f" | head -n1
  done | head -n1
  if [ -r /etc/apt/sources.list ]; then
    awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if($i ~ /^[a-z+]+:\/\//){print $i; exit}}' /etc/apt/sources.list
  fi
}
IMGUI_DIR=$CACHE/imgui-$IMGUI_DEB_VERSION
if [ ! -f "$IMGUI_DIR/.verified" ]; then
  read -r URI KEY < <(system_archive | head -n1) || true
  [ -n "${URI:-}" ] || die "no archive URI in the system's apt sources"
  APTDIR=$CACHE/apt-src
  mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial"
  { echo "Types: deb-src"; echo "URIs: $URI"; echo "Suites: sid forky"; echo "Components: main"
    case "${KEY:-}" in /*) echo "Signed-By: $KEY" ;; esac; } > "$APTDIR/src.sources"
  APT=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$APTDIR"
       -o "Dir::State::Lists=$APTDIR/lists" -o "Dir::Cache=$APTDIR/cache")
  [ "$(id -u)" -eq 0 ] && APT+=(-o APT::Sandbox::User=root)
  log "apt-get update (private deb-src config)"
  apt-get "${APT[@]}" update -q >&2
  DL=$(mktemp -d)
  trap 'rm -rf "$DL"' EXIT
  if ! (cd "$DL" && apt-get "${APT[@]}" source --download-only -q "imgui=$IMGUI_DEB_VERSION" >&2); then
    FALLBACK=$(apt-cache "${APT[@]}" showsrc imgui 2>/dev/null | awk '$1=="Version:" && $2 ~ /^1\.92\./{print $2}' | sort -V | tail -n1)
    [ -n "$FALLBACK" ] || die "imgui $IMGUI_DEB_VERSION is gone and no 1.92.x is in the source suites"
    log "imgui $IMGUI_DEB_VERSION is gone; using $FALLBACK"
    (cd "$DL" && apt-get "${APT[@]}" source --download-only -q "imgui=$FALLBACK" >&2)
  fi
  TARBALL=$(ls "$DL"/imgui_*.orig.tar.* | head -n1)
  NAME=$(basename "$TARBALL")
  SUM=$(sha256sum "$TARBALL" | cut -d' ' -f1)
  if [ -n "${IMGUI_SHA256[$NAME]:-}" ]; then
    [ "${IMGUI_SHA256[$NAME]}" = "$SUM" ] || die "checksum mismatch for $NAME: $SUM"
  else
    log "warning: no pinned checksum for $NAME (sha256 $SUM); relying on apt's signed .dsc"
  fi
  rm -rf "$IMGUI_DIR.tmp" && mkdir -p "$IMGUI_DIR.tmp"
  tar -xf "$TARBALL" -C "$IMGUI_DIR.tmp" --strip-components=1
  echo "$NAME $SUM" > "$IMGUI_DIR.tmp/.verified"
  rm -rf "$IMGUI_DIR" && mv "$IMGUI_DIR.tmp" "$IMGUI_DIR"
  rm -rf "$DL"; trap - EXIT
  log "imgui sources: $(cat "$IMGUI_DIR/.verified")"
fi
[ -f "$IMGUI_DIR/imgui.cpp" ] || die "imgui sources incomplete in $IMGUI_DIR"

# ------------------------------------------------------------------ playwright-core (npm)
NODE_DIR=$CACHE/node
if [ "$(cat "$NODE_DIR/node_modules/playwright-core/package.json" 2>/dev/null | sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' | head -n1)" != "$PLAYWRIGHT_VERSION" ]; then
  log "npm install playwright-core@$PLAYWRIGHT_VERSION"
  mkdir -p "$NODE_DIR"
  [ -f "$NODE_DIR/package.json" ] || echo '{"name":"certdesk-test-deps","private":true}' > "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --save-exact --omit=optional "playwright-core@$PLAYWRIGHT_VERSION" >&2)
fi
if [ "$(cat "$NODE_DIR/node_modules/google-closure-compiler-java/package.json" 2>/dev/null | sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' | head -n1)" != "$CLOSURE_VERSION" ]; then
  log "npm install google-closure-compiler@$CLOSURE_VERSION (Java form)"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --save-exact --omit=optional \
     "google-closure-compiler@$CLOSURE_VERSION" "google-closure-compiler-java@$CLOSURE_VERSION" >&2)
fi
[ -x "$NODE_DIR/node_modules/.bin/google-closure-compiler" ] || die "closure compiler missing in $NODE_DIR"

# ------------------------------------------------------------------ environment for the build
FONT_SRC=$(dpkg -L "$FONT_PACKAGE" 2>/dev/null | grep -E '\.(ttc|ttf|otf)$' | head -n1)
[ -r "$FONT_SRC" ] || die "no font file in package $FONT_PACKAGE"
cat > "$CACHE/env.sh.tmp" <<ENV
# Written by emsdk-env/bootstrap.sh; sourced by the build and test scripts.
export CERTDESK_CACHE='$CACHE'
export CERTDESK_IMGUI_DIR='$IMGUI_DIR'
export CERTDESK_FONT_SRC='$FONT_SRC'
export CERTDESK_NODE_MODULES='$NODE_DIR/node_modules'
export CERTDESK_CLOSURE='$NODE_DIR/node_modules/.bin/google-closure-compiler'
export CERTDESK_CHROMIUM='$(command -v chromium || echo /usr/bin/chromium)'
export EMCC='$EMCC'
export NODE_PATH="\${NODE_PATH:-/usr/share/nodejs}"
ENV
mv "$CACHE/env.sh.tmp" "$CACHE/env.sh"
log "ready (cache: $CACHE)"
echo "$CACHE/env.sh"
