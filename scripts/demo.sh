#!/usr/bin/env bash
# `make demo`: three real local clusters, and Regatta on their kubeconfig directory with two of
# them selected. Stopping the app (closing the window, Ctrl-C) stops the clusters.
# Without a display the app runs headless and prints the URL to open in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
config=$(mktemp -d "${TMPDIR:-/tmp}/regatta-demo-config.XXXXXX")
trap 'rm -rf "$config"' EXIT
cat > "$config/settings.json" <<'JSON'
{"version": 2, "selectedClusterIds": ["dev.yaml:alpha", "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"]}
JSON
mode=()
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
  echo "[demo] no display: running headless — open the printed url in a browser" >&2
  mode=(--headless)
fi
uv run --frozen python -m tests.clusters run --clusters 3 -- \
  uv run --frozen python -m backend "${mode[@]}" --kubeconfig-dir '{kubeconfigDir}' --config-dir "$config"
