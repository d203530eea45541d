"""Every timing constant and size limit of the sessions package, in one place."""

from __future__ import annotations

MAX_TERMINALS = 20
"""Terminal sessions open at once per process (contract §10): each holds an exec stream on an API
server and a kubelet; twenty is more than a person watches, few enough to never load a cluster."""

TERMINAL_HEARTBEAT_S = 5.0
"""Ping interval of a terminal's exec channel: a frozen API server ends the session within 7.5 s
with an error, instead of a cursor that silently stops answering."""

HANG_UP_RETRY_S = 1.0
HANG_UP_TIMEOUT_S = 30.0
"""A closed terminal types its end of input every second until the process ends, for at most 30 s,
then closes the exec stream anyway (a process that ignores its input keeps running). A shell drops
what was typed before its prompt, and its start files took 6 s (pyenv init, load 35 on 2 cores)."""

DEBUG_START_TIMEOUT_S = 120.0
"""How long a new debug container may take to start (its image may need pulling) before the
session gives up with an error."""

DEBUG_RETRY_S = 1.0
"""Between attempts to open a terminal in a debug container that is not running yet."""

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
