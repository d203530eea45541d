"""Bounds on reading Helm's storage: a huge or hostile release cannot stall or exhaust a list."""

MAX_ENCODED_BYTES = 8 * 1024 * 1024
"""The largest stored `data.release` decoded (the API caps Secrets at 1 MiB; ConfigMaps too)."""

MAX_JSON_BYTES = 32 * 1024 * 1024
"""The largest release JSON unpacked from gzip."""

DECODE_TIMEOUT_S = 5.0
"""Decoding one release (in a worker thread) longer than this makes it a row with an error."""

LIST_TIMEOUT_S = 20.0
"""One LIST of a cluster's Helm storage objects."""
