"""Timing constants and size limits of port-forwards, in one place."""

from __future__ import annotations

MAX_PORT_FORWARDS = 50
"""Forwards open at once per process: each is a listening socket and, per connection, a stream on
an API server; fifty is more than a person keeps track of."""

FORWARD_CONNECT_TIMEOUT_S = 5.0
"""How long one forwarded connection waits for its stream to the pod: a frozen cluster closes the
local connection after this (and says why on the forward) instead of leaving a client hanging."""

FORWARD_READ_TIMEOUT_S = 10.0
"""Reading the forwarded object and its pods (creating a forward, choosing a new pod)."""

FORWARD_POD_WAIT_S = 30.0
"""A connection made while the forward chooses a new pod waits this long for one."""

FORWARD_RETRY_S = 5.0
"""While no ready pod is found, look again after this even if no pod changed in the catalog."""

FORWARD_CHUNK_BYTES = 64 * 1024
"""One read from the local socket, sent as one WebSocket frame."""
