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
from pydantic import ValidationError

from backend.actions import failures
from backend.actions.action import validation_error
from backend.actions.address import ObjectAddress, bad_field, check_ref
from backend.actions.targets import TargetResolver
from backend.clusters.service import ClusterService
from backend.contract.secrets import SecretReveal, SecretRevealRequest
from backend.errors import RegattaError
from backend.kube.access import AccessCheck
from backend.kube.discovery import UnknownKindError
from backend.kube.errors import ApiError, Unreachable

log = logging.getLogger(__name__)


class SecretRevealer:
    def __init__(self, clusters: ClusterService) -> None:
        self._targets = TargetResolver(clusters)

    async def reveal(self, body: Any) -> SecretReveal:
        if not isinstance(body, dict):
            raise RegattaError(400, "bad_request", 'The body must be {"ref": {...}, "key": "..."}.')
        try:
            request = SecretRevealRequest.model_validate(body)
        except ValidationError as exc:
            raise validation_error("", exc) from None
        ref = check_ref(request.ref)
        if ref.group != "" or ref.kind != "Secret":
            raise bad_field("ref.kind", f"only a core/v1 Secret has keys to reveal, not {ref.kind}")
        if not request.key:
            raise bad_field("key", "must name one key of the Secret")
        target = self._targets.resolve(ref.cluster_id)
        try:
            resource = await target.api.discovery.resolve("", "v1", "Secret")
        except (Unreachable, ApiError, UnknownKindError) as exc:
            raise RegattaError(
                502,
                "discovery_failed",
                f"Cluster {target.cluster_name} could not say where Secrets are: {exc}",
                clusterId=target.cluster_id,
            ) from None
        address = ObjectAddress.of(ref, resource)
        try:
            body_bytes = await target.api.transport.get(address.path())
        except Unreachable as exc:
            raise failures.unreachable(target, exc) from None
        except ApiError as exc:
            check = AccessCheck("get", "", "secrets", "", address.namespace, address.name)
            raise failures.from_status(target, address, exc, check) from None
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
