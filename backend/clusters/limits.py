"""Every timing constant and size limit of the clusters package, in one place.

Each value says what it bounds and why it has the size it has; change them here, never inline.
"""

from __future__ import annotations

# --- kubeconfig discovery -----------------------------------------------------------------------

KUBECONFIG_MAX_BYTES = 16 * 1024 * 1024
"""A kubeconfig larger than this is reported, not parsed: real ones with hundreds of contexts and
inline certificates stay far below it, and parsing a huge stray file would stall discovery."""

SCAN_MAX_DEPTH = 3
"""How deep a kubeconfig directory (`~/.kube`, `--kubeconfig-dir`) is searched below its root:
enough for `~/.kube/<team>/<env>/config` layouts, bounded so a symlink loop or a big tree in the
folder cannot make every poll slow."""

SCAN_MAX_FILES = 2000
"""At most this many candidate files are looked at per directory root, for the same reason."""

WATCH_POLL_INTERVAL_S = 2.0
"""How often the kubeconfig files and folders are polled for changes (mtime/size/inode). Polling
a few stat calls every two seconds is cheap, needs no native watcher, and works on every OS and
on network home folders."""

# --- login shell PATH for exec credential plugins ----------------------------------------------

LOGIN_SHELL_PATH_TIMEOUT_S = 5.0
"""Upper bound for `$SHELL -lc 'printf %s "$PATH"'`: a slow shell profile must not hold up the
first exec plugin for long; on timeout the process's own PATH is used."""

# --- credentials ---------------------------------------------------------------------------------

EXEC_PLUGIN_TIMEOUT_S = 60.0
"""Upper bound for one run of an exec credential plugin. Cloud CLIs can take several seconds
(SSO, STS calls); a plugin that waits for an interactive login beyond this is reported as failed."""

EXEC_STARTUP_WAIT_S = 10.0
"""How long selecting a cluster waits for its exec plugin's first answer. A plugin still running
then (e.g. waiting for a browser login) keeps running; requests wait for it through the token
hook, and the selection call returns without holding the bridge for a minute."""

EXEC_TOKEN_REFRESH_MARGIN_S = 120.0
"""An exec plugin token is renewed this long before its `expirationTimestamp`, so a request never
goes out with a token that expires in flight (EKS tokens live 15 minutes)."""

EXEC_FAILURE_RETRY_S = 10.0
"""After an exec plugin failed, requests during this time fail fast with the same error instead of
starting the plugin again on every request."""

TOKEN_FILE_REREAD_S = 60.0
"""A `tokenFile` is read again when this much time has passed since the last read, as kubectl
does, so rotated (projected, bound) tokens are picked up during long runs."""

# --- health ----------------------------------------------------------------------------------------

HEALTH_PROBE_TIMEOUT_S = 2.5
"""Total time one health probe may take before the cluster is marked `timeout`. A healthy API
server answers in milliseconds, even on a loaded machine well under a second; a frozen one never
does. Together with `HEALTH_LIVENESS_INTERVAL_S` it bounds how long a freeze goes unnoticed
(interval + timeout = 4.5 s, under the 5 s the UI promises), and it stays below the snapshot's
per-cluster limit so a part that waits on a probe reports the probe's own sentence."""

HEALTH_LIVENESS_INTERVAL_S = 2.0
"""How often each selected cluster gets a liveness probe (one `GET /readyz`, a few hundred bytes).
Watches of a frozen API server just go quiet, so only an active question notices a freeze; one
tiny request per cluster every two seconds is the price (measured in docs/benchmarks.md)."""

HEALTH_PROBE_INTERVAL_S = 30.0
"""How often a probe also asks `/version` (the server version shown in the overview); the
liveness probes in between ask `/readyz` only."""

HEALTH_PROBE_CONCURRENCY = 16
"""At most this many probes run at once, so fifty selected clusters do not open fifty
connections in the same instant; a slow cluster holds one slot and never blocks the others'."""

# --- client pool -------------------------------------------------------------------------------------

CLIENT_CLOSE_TIMEOUT_S = 5.0
"""How long closing one ApiClient (its aiohttp session) may take before it is abandoned."""

CLIENT_RETRY_INTERVAL_S = 30.0
"""A selected cluster whose client could not be built (a missing CA file, a bad key) is tried
again this often; a change of its kubeconfig file retries it at once."""

LISTENER_TIMEOUT_S = 30.0
"""How long one pool listener's `on_added`/`on_removed` may take before it is cancelled and the
failure logged; a stuck listener must not stop the selection from changing."""

# --- key files ---------------------------------------------------------------------------------------

KEY_FOLDER_SETTLE_S = 60.0
"""A `run-*` key folder that holds only its lock is removed at start-up only once it is this old:
an app starting at the same moment may have made it and not yet taken its lock. (A folder with
key files is another matter: its owner locked it before writing any, so a free lock means the
owner has ended.)"""
