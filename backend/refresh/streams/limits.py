"""Timing constants and limits of merged streams, in one place so they can be read and tuned together.

Clock values are seconds of a monotonic clock (`time.monotonic`, `loop.time()`); timestamps carried
by items are integer nanoseconds since the Unix epoch. The two never mix.
"""

from __future__ import annotations

from typing import Final

DEFAULT_REORDER_WINDOW_S: Final = 0.5
"""How long a line may be held waiting for slower sources (contract §7 default, `window` param)."""

MAX_REORDER_WINDOW_S: Final = 10.0
"""Largest reorder window accepted: beyond this a stream feels frozen rather than ordered."""

DEFAULT_BUFFER_MAX_EVENTS: Final = 10_000
"""Events one client's buffer keeps (delivered ones stay for `Last-Event-ID` resume)."""

DEFAULT_BUFFER_MAX_BYTES: Final = 8 * 1024 * 1024
"""Encoded bytes one client's buffer keeps; with the count this bounds memory per client."""

DEFAULT_SOURCE_RATE_PER_S: Final = 1_000.0
"""Sustained lines per second one source (one container) may send before lines are dropped."""

DEFAULT_SOURCE_BURST: Final = 2_000
"""Lines one source may send at once above its rate (a tail backlog arrives as one burst)."""

KEEPALIVE_INTERVAL_S: Final = 10.0
"""Idle time before a `: keep-alive` comment; below the contract's 15 s so jitter never breaks it."""

TIMESTAMP_CACHE_ENTRIES: Final = 4_096
"""Distinct whole seconds whose parsed (or formatted) prefix is cached; cleared when full."""
