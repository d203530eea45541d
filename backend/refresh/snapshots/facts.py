"""The typed facts of one object per kind (the Details tab's tables), read from the whole object.

Pure functions of the object as the API server sent it; the Service's endpoints come from its
EndpointSlices, which the caller fetches. Secret values never reach here as more than a size.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from backend.contract.details import (
    ContainerFacts,
    ContainerImage,
    CronJobFacts,
    DataFacts,
    DataKeyFacts,
    EndpointFacts,
    IngressFacts,
    IngressRuleFacts,
    JobFacts,
    KindFacts,
    NodeAddressFacts,
    NodeFacts,
    PodFacts,
    ServiceFacts,
    ServicePortFacts,
    TaintFacts,
    VolumeFacts,
    WorkloadFacts,
)

Obj = dict[str, Any]
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet")


def _d(value: Any) -> Obj:
    return value if isinstance(value, dict) else {}


def _l(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _strings(value: Any) -> dict[str, str]:
    return {str(k): _s(v) for k, v in _d(value).items()}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def kind_facts(obj: Obj, endpoint_slices: list[Obj] | None = None) -> KindFacts | None:
    """The facts of `obj` for the kinds with a layout of their own; None for others."""
    kind = obj.get("kind")
    if kind == "Service":
        return service_facts(obj, endpoint_slices or [])
    facts = _FACTS.get(kind) if isinstance(kind, str) else None
    return facts(obj) if facts is not None else None


def _state(status: Obj) -> str:
    state = _d(status.get("state"))
    if "running" in state:
        return "running"
    if "waiting" in state:
        reason = _d(state["waiting"]).get("reason")
        return f"waiting: {reason}" if reason else "waiting"
    if "terminated" in state:
        done = _d(state["terminated"])
        return f"terminated: {_s(done.get('reason')) or 'exited'} ({_s(done.get('exitCode'))})"
    return "unknown"


def _probe(which: str, probe: Obj) -> str:
    if "httpGet" in probe:
        get = _d(probe["httpGet"])
        how = f"GET :{_s(get.get('port'))}{_s(get.get('path'))}"
    elif "tcpSocket" in probe:
        how = f"TCP :{_s(_d(probe['tcpSocket']).get('port'))}"
    elif "grpc" in probe:
        how = f"gRPC :{_s(_d(probe['grpc']).get('port'))}"
    elif "exec" in probe:
        how = "exec " + " ".join(_s(c) for c in _l(_d(probe["exec"]).get("command")))
    else:
        how = "?"
    return f"{which}: {how}"


def _container(spec: Obj, status: Obj) -> ContainerFacts:
    resources = _d(spec.get("resources"))
    return ContainerFacts(
        name=_s(spec.get("name")),
        image=_s(spec.get("image")),
        state=_state(status) if status else "unknown",
        ready=bool(status.get("ready")),
        restarts=int(status.get("restartCount") or 0),
        ports=[
            f"{_s(p.get('containerPort'))}/{_s(p.get('protocol') or 'TCP')}"
            + (f" ({p['name']})" if p.get("name") else "")
            for p in map(_d, _l(spec.get("ports")))
        ],
        requests=_strings(resources.get("requests")),
        limits=_strings(resources.get("limits")),
        probes=[
            _probe(which, _d(spec[f"{which}Probe"]))
            for which in ("liveness", "readiness", "startup")
            if f"{which}Probe" in spec
        ],
    )


_VOLUME_SOURCE_NAMES = {
    "configMap": "name",
    "secret": "secretName",
    "persistentVolumeClaim": "claimName",
    "hostPath": "path",
    "nfs": "path",
}


def _volume(volume: Obj) -> VolumeFacts:
    kinds = [k for k in volume if k != "name"]
    kind = kinds[0] if kinds else ""
    field = _VOLUME_SOURCE_NAMES.get(kind)
    source = _s(_d(volume.get(kind)).get(field)) if field else ""
    return VolumeFacts(name=_s(volume.get("name")), type=kind, source=source)


def pod_facts(obj: Obj) -> PodFacts:
    spec, status = _d(obj.get("spec")), _d(obj.get("status"))

    def containers(field: str, statuses_field: str) -> list[ContainerFacts]:
        statuses = {c.get("name"): c for c in map(_d, _l(status.get(statuses_field)))}
        return [
            _container(c, _d(statuses.get(c.get("name")))) for c in map(_d, _l(spec.get(field)))
        ]

    pod_ips = [_s(_d(p).get("ip")) for p in _l(status.get("podIPs"))]
    if not pod_ips and status.get("podIP"):
        pod_ips = [_s(status["podIP"])]
    return PodFacts(
        phase=_s(status.get("phase")),
        node=_s(spec.get("nodeName")),
        pod_ips=pod_ips,
        host_ip=_s(status.get("hostIP")),
        qos_class=_s(status.get("qosClass")),
        service_account=_s(spec.get("serviceAccountName")),
        containers=containers("containers", "containerStatuses"),
        init_containers=containers("initContainers", "initContainerStatuses"),
        volumes=[_volume(v) for v in map(_d, _l(spec.get("volumes")))],
    )


def workload_facts(obj: Obj) -> WorkloadFacts:
    kind = obj["kind"]
    spec, status = _d(obj.get("spec")), _d(obj.get("status"))
    strategy = _d(spec.get("strategy") or spec.get("updateStrategy"))
    rolling = _d(strategy.get("rollingUpdate"))
    strategy_text = _s(strategy.get("type"))
    if rolling:
        strategy_text += " (" + ", ".join(f"{k} {_s(v)}" for k, v in rolling.items()) + ")"
    template = _d(_d(spec.get("template")).get("spec"))
    if kind == "DaemonSet":
        replicas = status.get("desiredNumberScheduled")
        ready = status.get("numberReady")
        updated = status.get("updatedNumberScheduled")
        available = status.get("numberAvailable")
    else:
        replicas = spec.get("replicas")
        ready = status.get("readyReplicas")
        updated = status.get("updatedReplicas")
        available = status.get("availableReplicas")
    return WorkloadFacts(
        kind=kind,
        strategy=strategy_text,
        replicas=_int(replicas),
        ready=int(ready or 0),
        updated=int(updated or 0),
        available=int(available or 0),
        selector=_strings(_d(spec.get("selector")).get("matchLabels")),
        images=[
            ContainerImage(container=_s(c.get("name")), image=_s(c.get("image")))
            for c in map(_d, _l(template.get("containers")))
        ],
        paused=bool(spec.get("paused")),
    )


def service_facts(obj: Obj, endpoint_slices: list[Obj]) -> ServiceFacts:
    spec = _d(obj.get("spec"))
    endpoints = [
        EndpointFacts(
            address=", ".join(_s(a) for a in _l(endpoint.get("addresses"))),
            ready=_d(endpoint.get("conditions")).get("ready") is not False,
            pod=_s(_d(endpoint.get("targetRef")).get("name"))
            if _d(endpoint.get("targetRef")).get("kind") == "Pod"
            else "",
            node=_s(endpoint.get("nodeName")),
        )
        for eps in endpoint_slices
        for endpoint in map(_d, _l(eps.get("endpoints")))
    ]
    return ServiceFacts(
        type=_s(spec.get("type")),
        cluster_ips=[_s(ip) for ip in _l(spec.get("clusterIPs"))]
        or ([_s(spec["clusterIP"])] if spec.get("clusterIP") else []),
        external=[_s(ip) for ip in _l(spec.get("externalIPs"))] + _load_balancer(obj),
        ports=[
            ServicePortFacts(
                name=_s(p.get("name")),
                protocol=_s(p.get("protocol") or "TCP"),
                port=int(p.get("port") or 0),
                target_port=_s(p.get("targetPort", p.get("port"))),
                node_port=_int(p.get("nodePort")),
            )
            for p in map(_d, _l(spec.get("ports")))
        ],
        selector=_strings(spec.get("selector")),
        endpoints=endpoints,
    )


def _load_balancer(obj: Obj) -> list[str]:
    ingress = _l(_d(_d(obj.get("status")).get("loadBalancer")).get("ingress"))
    return [_s(_d(i).get("ip") or _d(i).get("hostname")) for i in ingress]


def _backend(backend: Obj) -> str:
    service = _d(backend.get("service"))
    if service:
        port = _d(service.get("port"))
        return f"{_s(service.get('name'))}:{_s(port.get('number') or port.get('name'))}"
    resource = _d(backend.get("resource"))
    return f"{_s(resource.get('kind'))}/{_s(resource.get('name'))}" if resource else ""


def ingress_facts(obj: Obj) -> IngressFacts:
    spec = _d(obj.get("spec"))
    rules = [
        IngressRuleFacts(
            host=_s(rule.get("host")) or "*",
            path=_s(path.get("path")) or "/",
            backend=_backend(_d(path.get("backend"))),
        )
        for rule in map(_d, _l(spec.get("rules")))
        for path in map(_d, _l(_d(rule.get("http")).get("paths")))
    ]
    default = _d(spec.get("defaultBackend"))
    if default:
        rules.append(IngressRuleFacts(host="*", path="(default)", backend=_backend(default)))
    return IngressFacts(
        class_name=_s(spec.get("ingressClassName")),
        rules=rules,
        tls_hosts=[_s(h) for t in map(_d, _l(spec.get("tls"))) for h in _l(t.get("hosts"))],
        addresses=_load_balancer(obj),
    )


def _size_of_base64(value: Any) -> int:
    try:
        return len(base64.b64decode(_s(value), validate=False))
    except ValueError:
        return len(_s(value))


def data_facts(obj: Obj) -> DataFacts:
    """Keys and their sizes in bytes (a Secret's decoded size, as `kubectl describe` shows)."""
    kind = obj["kind"]
    keys: list[DataKeyFacts] = []
    for key, value in _d(obj.get("data")).items():
        size = _size_of_base64(value) if kind == "Secret" else len(_s(value).encode())
        keys.append(DataKeyFacts(key=key, bytes=size, binary=False))
    for key, value in _d(obj.get("binaryData")).items():
        keys.append(DataKeyFacts(key=key, bytes=_size_of_base64(value), binary=True))
    keys.sort(key=lambda k: k.key)
    return DataFacts(kind=kind, type=_s(obj.get("type")), keys=keys)


def node_facts(obj: Obj) -> NodeFacts:
    spec, status = _d(obj.get("spec")), _d(obj.get("status"))
    info = _d(status.get("nodeInfo"))
    return NodeFacts(
        capacity=_strings(status.get("capacity")),
        allocatable=_strings(status.get("allocatable")),
        taints=[
            TaintFacts(key=_s(t.get("key")), value=_s(t.get("value")), effect=_s(t.get("effect")))
            for t in map(_d, _l(spec.get("taints")))
        ],
        addresses=[
            NodeAddressFacts(type=_s(a.get("type")), address=_s(a.get("address")))
            for a in map(_d, _l(status.get("addresses")))
        ],
        kubelet_version=_s(info.get("kubeletVersion")),
        os_image=_s(info.get("osImage")),
        kernel_version=_s(info.get("kernelVersion")),
        container_runtime=_s(info.get("containerRuntimeVersion")),
        architecture=_s(info.get("architecture")),
        unschedulable=bool(spec.get("unschedulable")),
        pod_cidrs=[_s(c) for c in _l(spec.get("podCIDRs"))]
        or ([_s(spec["podCIDR"])] if spec.get("podCIDR") else []),
    )


def job_facts(obj: Obj) -> JobFacts:
    spec, status = _d(obj.get("spec")), _d(obj.get("status"))
    return JobFacts(
        completions=_int(spec.get("completions")),
        parallelism=_int(spec.get("parallelism")),
        succeeded=int(status.get("succeeded") or 0),
        failed=int(status.get("failed") or 0),
        active=int(status.get("active") or 0),
        started=_s(status.get("startTime")),
        completed=_s(status.get("completionTime")),
    )


def cronjob_facts(obj: Obj) -> CronJobFacts:
    spec, status = _d(obj.get("spec")), _d(obj.get("status"))
    return CronJobFacts(
        schedule=_s(spec.get("schedule")),
        time_zone=_s(spec.get("timeZone")),
        suspend=bool(spec.get("suspend")),
        concurrency_policy=_s(spec.get("concurrencyPolicy")),
        last_schedule=_s(status.get("lastScheduleTime")),
        last_successful=_s(status.get("lastSuccessfulTime")),
        active=[_s(_d(a).get("name")) for a in _l(status.get("active"))],
    )


_FACTS: dict[str, Callable[[Obj], KindFacts]] = {
    "Pod": pod_facts,
    **dict.fromkeys(WORKLOAD_KINDS, workload_facts),
    "Ingress": ingress_facts,
    "ConfigMap": data_facts,
    "Secret": data_facts,
    "Node": node_facts,
    "Job": job_facts,
    "CronJob": cronjob_facts,
}
