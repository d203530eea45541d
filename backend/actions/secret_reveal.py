"""The explicit reveal of one Secret key: the only way a Secret value leaves the backend.

Asked per key by a person (the YAML tab's "Reveal"), read from the Secret's own cluster with the
user's credentials (so RBAC decides), and logged — cluster, namespace, Secret and key, never the
value.
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Any

import msgspec

from backend.actions import failures
from backend.actions.action import parse_body
from backend.actions.address import bad_field, check_ref
from backend.actions.targets import TargetResolver
from backend.clusters.service import ClusterService
from backend.contract.secrets import SecretReveal, SecretRevealRequest
from backend.errors import RegattaError
from backend.kube.access import AccessCheck

log = logging.getLogger(__name__)


class SecretRevealer:
    def __init__(self, clusters: ClusterService) -> None:
        self._targets = TargetResolver(clusters)

    async def reveal(self, body: Any) -> SecretReveal:
        request = parse_body(SecretRevealRequest, body, '{"ref": {...}, "key": "..."}')
        ref = check_ref(request.ref)
        if ref.group != "" or ref.kind != "Secret":
            raise bad_field("ref.kind", f"only a core/v1 Secret has keys to reveal, not {ref.kind}")
        if not request.key:
            raise bad_field("key", "must name one key of the Secret")
        target = self._targets.resolve(ref.cluster_id)
        address = await failures.locate(target, ref)
        check = AccessCheck("get", "", "secrets", "", address.namespace, address.name)
        read = target.api.transport.get(address.path())
        body_bytes = await failures.guarded(target, address, read, check)
        secret = msgspec.json.decode(body_bytes)
        data = secret.get("data") or {}
        if request.key not in data:
            raise RegattaError(
                404,
                "key_not_found",
                f"Secret {address.namespace}/{address.name} on cluster {target.cluster_name} "
                f"has no key `{request.key}`.",
                clusterId=target.cluster_id,
                field="key",
            )
        encoded = str(data[request.key])
        log.info(
            "secret value revealed: cluster %s namespace %s secret %s key %s",
            target.cluster_id,
            address.namespace,
            address.name,
            request.key,
        )
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        try:
            text: str | None = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        return SecretReveal(
            cluster_id=target.cluster_id,
            cluster_name=target.cluster_name,
            namespace=address.namespace,
            name=address.name,
            key=request.key,
            base64=encoded,
            text=text,
            bytes=len(raw),
        )
