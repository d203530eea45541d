"""Slim cached rows per kind, and which codec reads which kind."""

from __future__ import annotations

from typing import Any

from backend.kube.resources import KindKey
from backend.objectcatalog import kinds
from backend.objectcatalog.rows.codec import Row, RowCodec
from backend.objectcatalog.rows.config import CONFIGMAP_CODEC, SECRET_CODEC
from backend.objectcatalog.rows.events import EVENT_CODEC
from backend.objectcatalog.rows.generic import CRD_CODEC, GENERIC_CODEC
from backend.objectcatalog.rows.network import INGRESS_CODEC, SERVICE_CODEC
from backend.objectcatalog.rows.nodes import NAMESPACE_CODEC, NODE_CODEC
from backend.objectcatalog.rows.pods import POD_CODEC
from backend.objectcatalog.rows.rbac import BINDING_CODEC, ROLE_CODEC
from backend.objectcatalog.rows.storage import CLAIM_CODEC, STORAGE_CLASS_CODEC, VOLUME_CODEC
from backend.objectcatalog.rows.workloads import (
    CRONJOB_CODEC,
    DAEMONSET_CODEC,
    DEPLOYMENT_CODEC,
    JOB_CODEC,
    REPLICASET_CODEC,
    STATEFULSET_CODEC,
)

CODECS: dict[KindKey, RowCodec[Any]] = {
    kinds.PODS: POD_CODEC,
    kinds.NAMESPACES: NAMESPACE_CODEC,
    kinds.NODES: NODE_CODEC,
    kinds.EVENTS: EVENT_CODEC,
    kinds.DEPLOYMENTS: DEPLOYMENT_CODEC,
    kinds.STATEFULSETS: STATEFULSET_CODEC,
    kinds.DAEMONSETS: DAEMONSET_CODEC,
    kinds.REPLICASETS: REPLICASET_CODEC,
    kinds.JOBS: JOB_CODEC,
    kinds.CRONJOBS: CRONJOB_CODEC,
    kinds.SERVICES: SERVICE_CODEC,
    kinds.INGRESSES: INGRESS_CODEC,
    kinds.CONFIGMAPS: CONFIGMAP_CODEC,
    kinds.SECRETS: SECRET_CODEC,
    kinds.PERSISTENT_VOLUME_CLAIMS: CLAIM_CODEC,
    kinds.PERSISTENT_VOLUMES: VOLUME_CODEC,
    kinds.STORAGE_CLASSES: STORAGE_CLASS_CODEC,
    kinds.ROLES: ROLE_CODEC,
    kinds.CLUSTER_ROLES: ROLE_CODEC,
    kinds.ROLE_BINDINGS: BINDING_CODEC,
    kinds.CLUSTER_ROLE_BINDINGS: BINDING_CODEC,
    kinds.CUSTOM_RESOURCE_DEFINITIONS: CRD_CODEC,
}


def codec_for(key: KindKey) -> RowCodec[Any]:
    """The kind's own codec, or the generic one (namespace/name/uid/createdAt)."""
    return CODECS.get(key, GENERIC_CODEC)


__all__ = ["CODECS", "Row", "RowCodec", "codec_for"]
