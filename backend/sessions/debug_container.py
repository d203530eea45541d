"""An ephemeral debug container added to a pod, as `kubectl debug -it --target` adds one.

For a container without a shell (distroless images): the debug container runs the person's image
(default busybox) in the pod, sharing the target container's process namespace where the runtime
supports it, with stdin and a TTY so its shell stays up for the terminal to exec into.
Ephemeral containers cannot be removed; it ends when its shell does or the pod goes.
"""

from __future__ import annotations

import re
import secrets
import string

from backend.kube.resources import resource_path
from backend.kube.transport import STRATEGIC_MERGE_PATCH, Transport

_NAME_CHARS = string.ascii_lowercase + string.digits
IMAGE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$")
"""What the `debug` parameter accepts as a container image reference."""


async def add_debug_container(
    transport: Transport, namespace: str, pod: str, target: str, image: str
) -> str:
    """Add the container to the pod (PATCH pods/ephemeralcontainers); its name.

    Raises the API server's `ApiError` (403 without `patch pods/ephemeralcontainers`, 404 for a
    pod that is gone, 422 for a refused spec) for the caller to tell."""
    # `debugger-x7k2p`: kubectl's naming, random so that two debug sessions never collide.
    name = "debugger-" + "".join(secrets.choice(_NAME_CHARS) for _ in range(5))
    container = {
        "name": name,
        "image": image,
        "imagePullPolicy": "IfNotPresent",
        "targetContainerName": target,
        "stdin": True,
        "tty": True,
        "terminationMessagePolicy": "File",
    }
    await transport.call(
        "PATCH",
        resource_path("", "v1", "pods", namespace, pod, "ephemeralcontainers"),
        {"spec": {"ephemeralContainers": [container]}},
        content_type=STRATEGIC_MERGE_PATCH,
    )
    return name
