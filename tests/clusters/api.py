"""A minimal synchronous client for the harness's own calls to an apiserver (seeding, waiting).

The harness needs a handful of create/get/list calls with a bearer token; the generated
Kubernetes clients would add nothing but start-up time.
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from tests.clusters import limits

JsonObject = dict[str, Any]

# (apiVersion, kind) -> (plural, namespaced) for every kind the harness creates.
KINDS: dict[tuple[str, str], tuple[str, bool]] = {
    ("v1", "Namespace"): ("namespaces", False),
    ("v1", "Node"): ("nodes", False),
    ("v1", "PersistentVolume"): ("persistentvolumes", False),
    ("v1", "ServiceAccount"): ("serviceaccounts", True),
    ("v1", "ConfigMap"): ("configmaps", True),
    ("v1", "Secret"): ("secrets", True),
    ("v1", "Service"): ("services", True),
    ("v1", "PersistentVolumeClaim"): ("persistentvolumeclaims", True),
    ("v1", "Pod"): ("pods", True),
    ("v1", "Event"): ("events", True),
    ("apps/v1", "Deployment"): ("deployments", True),
    ("apps/v1", "StatefulSet"): ("statefulsets", True),
    ("apps/v1", "DaemonSet"): ("daemonsets", True),
    ("batch/v1", "Job"): ("jobs", True),
    ("batch/v1", "CronJob"): ("cronjobs", True),
    ("networking.k8s.io/v1", "Ingress"): ("ingresses", True),
    ("rbac.authorization.k8s.io/v1", "Role"): ("roles", True),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"): ("rolebindings", True),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"): ("clusterroles", False),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"): ("clusterrolebindings", False),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"): ("customresourcedefinitions", False),
    ("apiregistration.k8s.io/v1", "APIService"): ("apiservices", False),
}


class ApiError(RuntimeError):
    def __init__(self, status: int, method: str, path: str, body: str) -> None:
        super().__init__(f"{method} {path} -> {status}: {body[:500]}")
        self.status = status


def collection_path(api_version: str, plural: str, namespace: str | None) -> str:
    base = "/api/v1" if api_version == "v1" else f"/apis/{api_version}"
    if namespace:
        return f"{base}/namespaces/{namespace}/{plural}"
    return f"{base}/{plural}"


def object_collection(obj: JsonObject, kinds: dict[tuple[str, str], tuple[str, bool]]) -> str:
    """The collection URL path an object is created in."""
    key = (obj["apiVersion"], obj["kind"])
    if key not in kinds:
        raise KeyError(f"the harness does not know the resource of {key}")
    plural, namespaced = kinds[key]
    namespace = obj["metadata"].get("namespace") if namespaced else None
    if namespaced and not namespace:
        raise ValueError(f"{key} {obj['metadata'].get('name')} needs a namespace")
    return collection_path(obj["apiVersion"], plural, namespace)


class KubeApi:
    """Calls to one apiserver as one bearer-token user."""

    def __init__(self, server: str, ca_file: str, token: str) -> None:
        self.server = server.rstrip("/")
        self.ca_file = ca_file
        self.token = token
        self._ssl = ssl.create_default_context(cafile=ca_file)
        self.kinds = dict(KINDS)

    def request(
        self,
        method: str,
        path: str,
        body: JsonObject | None = None,
        query: dict[str, str] | None = None,
        content_type: str = "application/json",
        timeout: float = limits.HTTP_TIMEOUT_S,
    ) -> JsonObject:
        url = self.server + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header("Authorization", f"Bearer {self.token}")
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, context=self._ssl, timeout=timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as err:
            raise ApiError(err.code, method, path, err.read().decode(errors="replace")) from None
        return dict(json.loads(raw)) if raw else {}

    def get(self, path: str, **query: str) -> JsonObject:
        return self.request("GET", path, query=query or None)

    def create(self, obj: JsonObject) -> JsonObject:
        return self.request("POST", object_collection(obj, self.kinds), obj)

    def exists(self, path: str) -> bool:
        try:
            self.get(path)
        except ApiError as err:
            if err.status == 404:
                return False
            raise
        return True
