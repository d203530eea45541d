#!/usr/bin/env bash
# Installs everything the app, its tests and the demo need, idempotently: each step checks first
# and does nothing when its result is already there, so `make test` on a warm machine pays ~1 s.
#   scripts/setup.sh            Python + npm deps, Debian packages, cluster binaries
#   scripts/setup.sh --no-bins  everything but the Go-built cluster binaries
set -euo pipefail
cd "$(dirname "$0")/.."
want_bins=1; [ "${1:-}" = "--no-bins" ] && want_bins=0
log() { printf '[setup] %s\n' "$*" >&2; }

APT_PACKAGES=(chromium xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libnss3 fonts-dejavu-core)
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v uv >/dev/null 2>&1; then
  log "installing uv"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  export PATH="$HOME/.local/bin:$PATH"
fi
uv sync --frozen --quiet

stamp=frontend/node_modules/.regatta-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s frontend/package-lock.json "$stamp"; then
  log "installing frontend packages (npm ci)"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  cp frontend/package-lock.json "$stamp"
fi

if [ $want_bins -eq 1 ]; then
  bash tests/clusters/go/build.sh >/dev/null
fi
