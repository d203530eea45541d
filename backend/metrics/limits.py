"""Timing constants and sizes of the metrics cache."""

from __future__ import annotations

# metrics-server's default --metric-resolution: polling faster only re-reads the same figures.
POLL_INTERVAL_S = 15.0

# A cluster (or namespace) nobody asked a usage-carrying snapshot of for this long is no longer
# polled; the next snapshot starts polling again.
QUIET_AFTER_S = 60.0

# One metrics LIST; a slow aggregated API must not hold a poll for long.
REQUEST_TIMEOUT_S = 10.0

# Samples kept per viewed object for its chart: 40 × 15 s = the last 10 minutes.
HISTORY_SAMPLES = 40

# An object whose chart nobody asked for this long stops being recorded.
HISTORY_QUIET_S = 120.0
