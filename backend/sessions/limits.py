"""Every timing constant and size limit of the sessions package, in one place."""

from __future__ import annotations

MAX_TERMINALS = 20
"""Terminal sessions open at once per process (contract §10): each holds an exec stream on an API
server and a kubelet; twenty is more than a person watches, few enough to never load a cluster."""

TERMINAL_HEARTBEAT_S = 5.0
"""Ping interval of a terminal's exec channel: a frozen API server ends the session within 7.5 s
with an error, instead of a cursor that silently stops answering."""

HANG_UP_ATTEMPTS = 3
HANG_UP_WAIT_S = 1.0
"""A closed terminal types its end of input up to 3 times, waiting 1 s each for the process to
end, before it closes the exec stream anyway (a process that ignores its input keeps running)."""

DEBUG_START_TIMEOUT_S = 120.0
"""How long a new debug container may take to start (its image may need pulling) before the
session gives up with an error."""

DEBUG_RETRY_S = 1.0
"""Between attempts to open a terminal in a debug container that is not running yet."""

DEFAULT_DEBUG_IMAGE = "busybox"
"""The debug container's image when the person names none (`kubectl debug` users reach for it)."""
