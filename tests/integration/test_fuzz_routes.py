"""Issue #10: no input breaks the server. Every route of a real headless app, selected on the three
real clusters so that requests do real work, gets generated paths, query strings, scopes, bodies
and headers; not one answer may be a 5xx, and no connection may break.

Bounded: a few hundred examples in all, against 127.0.0.1 only. Reads are seeded with real
namespaces, pods and objects; actions only ever name objects in a namespace of this test's own
(read-only refs elsewhere never reach an action), and node names are never real.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.actions.registry import ACTIONS
from backend.refresh.snapshots.domains import ALL_DOMAINS
from tests.app_process import RunningApp, bridge, running_app
from tests.clusters.env import ClusterEnv

pytestmark = pytest.mark.clusters

ALPHA = "dev.yaml:alpha"
VIEWER = "dev.yaml:beta-viewer"
GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
SELECTED = [ALPHA, VIEWER, GAMMA]
FUZZ_NS = "regatta-fuzz"
FUZZ_OBJECTS = f"""
apiVersion: v1
kind: ConfigMap
metadata: {{name: fuzz-settings, namespace: {FUZZ_NS}}}
data: {{a: "1"}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: fuzz-web, namespace: {FUZZ_NS}}}
spec:
  replicas: 0
  selector: {{matchLabels: {{app: fuzz-web}}}}
  template:
    metadata: {{labels: {{app: fuzz-web}}}}
    spec: {{containers: [{{name: web, image: example.invalid/web:1}}]}}
"""
SETTLE_S = 90.0
"""A hang guard for the caches' first sync, not a timing assertion."""

FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass
class Seeds:
    """Real values from the clusters, so that generated requests reach real work."""

    namespaces: list[str] = field(default_factory=lambda: ["shop", "team-a", "default"])
    pods: list[tuple[str, str]] = field(default_factory=list)
    objects: list[tuple[str, str, str, str, str]] = field(default_factory=list)


@dataclass
class Fuzzed:
    app: RunningApp
    client: httpx.Client
    seeds: Seeds


@pytest.fixture(scope="module")
def fuzzed(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    clusters.kubectl("create", "namespace", FUZZ_NS, context="alpha", check=False)
    clusters.kubectl("apply", "-f", "-", context="alpha", input=FUZZ_OBJECTS)
    config = tmp_path_factory.mktemp("config")
    try:
        with (
            running_app(
                "--kubeconfig-dir", str(clusters.kubeconfig_dir), "--config-dir", str(config)
            ) as app,
            httpx.Client(base_url=app.base, timeout=120) as client,
        ):
            assert bridge(app, "set_selection", SELECTED) == {"selectedClusterIds": SELECTED}
            yield Fuzzed(app, client, seeds_of(app, client))
    finally:
        clusters.kubectl("delete", "namespace", FUZZ_NS, "--wait=false", context="alpha")


def seeds_of(app: RunningApp, client: httpx.Client) -> Seeds:
    """Wait until every cluster has synced its pods, then take real names from the catalog."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        pods = client.get("/api/v1/snapshots/pods", params={"limit": 30}, headers=app.auth).json()
        if {c["status"] for c in pods["clusters"]} == {"ready"}:
            break
        assert time.monotonic() < deadline, pods["clusters"]
        time.sleep(0.2)
    catalog = client.get("/api/v1/snapshots/catalog", params={"limit": 60}, headers=app.auth).json()
    return Seeds(
        namespaces=sorted({r["namespace"] for r in pods["items"]} | {"shop", FUZZ_NS}),
        pods=[(r["namespace"], r["name"]) for r in pods["items"]],
        objects=[
            (r.get("group", ""), r["version"], r["kind"], r.get("namespace", ""), r["name"])
            for r in catalog["items"]
        ],
    )


# --- strategies -------------------------------------------------------------------------------

printable = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)
anything = st.text(max_size=40)
header_values = printable.map(str.strip)
GENERATED = "<generated>"


def mostly(*known: str, other: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One of the known values most of the time, now and then a generated one."""
    return st.sampled_from([*known, GENERATED]).flatmap(
        lambda value: other if value == GENERATED else st.just(value)
    )


cluster_ids = mostly(*SELECTED, "dev.yaml:gamma-missing", other=anything)
numbers = mostly(
    *["", "0", "1", "20", "100", "-1", "1e3", "0x10", "NaN", " 5", "1_0", "٣"],
    *[str(2**31), str(2**63), str(2**64), "9" * 30, "9" * 400, "9" * 5000],
    other=st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
"""Numbers as query strings, the edges (machine-size and beyond) drawn often."""


@st.composite
def scopes(draw: st.DrawFn, seeds: Seeds) -> str:
    cluster = draw(cluster_ids)
    ns = draw(mostly(*seeds.namespaces, other=anything))
    name = draw(mostly(*[p for _, p in seeds.pods[:5]], "web", other=anything))
    known = ["", f"namespace:{ns}", f"pod:{ns}/{name}", f"pod:{ns}/{name}/web", f"helm:{ns}/{name}"]
    known += [f"pod:{pod_ns}/{pod}" for pod_ns, pod in seeds.pods[:5]]
    known += [f"object:{g}/{v}/{k}/{o_ns}/{o}" for g, v, k, o_ns, o in seeds.objects[:10]]
    made_up = st.one_of(
        st.tuples(anything, anything, anything).map(
            lambda gvk: f"object:{gvk[0]}/{gvk[1]}/{gvk[2]}/{ns}/{name}"
        ),
        anything.map(lambda t: f"{t}:{ns}"),
        anything,
    )
    tail = draw(mostly(*known, other=made_up))
    return draw(mostly(f"{cluster}|{tail}", f"{cluster}|{tail}", other=st.just(tail)))


def header_sets(auth: dict[str, str], *, hostile: bool) -> st.SearchStrategy[dict[str, str]]:
    """Headers of the app's own page (JSON, same origin, the token) with generated extras; when
    `hostile`, also a missing or wrong token, foreign origins and sites, any content type."""
    harmless: dict[str, st.SearchStrategy[str]] = {
        "Sec-Fetch-Site": st.sampled_from(["same-origin", "none"]),
        "Cookie": st.one_of(
            st.just('regatta_session="broken; other={x}'), header_values.map(lambda v: f"a={v}")
        ),
        "If-None-Match": header_values,
        "Last-Event-ID": header_values,
        "Accept": header_values,
    }
    if not hostile:
        extras = st.fixed_dictionaries({}, optional=harmless)
        return extras.map(lambda more: {**auth, "Content-Type": "application/json", **more})
    hostile_extras = st.fixed_dictionaries(
        {},
        optional={
            **harmless,
            "Content-Type": st.one_of(
                st.sampled_from(["application/json", "text/plain", "application/json; x=y"]),
                header_values,
            ),
            "Sec-Fetch-Site": st.sampled_from(["same-origin", "none", "cross-site", "same-site"]),
            "Origin": st.one_of(st.just("http://evil.example"), header_values),
        },
    )
    tokens = st.sampled_from([auth, auth, {}, {"Authorization": "Bearer x"}])
    return st.tuples(tokens, hostile_extras).map(lambda pair: {**pair[0], **pair[1]})


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**80), max_value=2**80),
        st.floats(allow_nan=False),
        anything,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(anything, inner, max_size=4)
    ),
    max_leaves=12,
)


def fuzz_refs(seeds: Seeds) -> st.SearchStrategy[dict[str, Any]]:
    """Object references for actions: this test's own objects, or names that exist nowhere."""
    own = st.sampled_from(
        [
            ("", "v1", "ConfigMap", FUZZ_NS, "fuzz-settings"),
            ("apps", "v1", "Deployment", FUZZ_NS, "fuzz-web"),
            ("", "v1", "Node", "", "fuzz-node-that-does-not-exist"),
        ]
    )
    made_up = st.tuples(
        st.sampled_from(["", "apps", "batch", "ops.example.com", "nope.example"]),
        st.sampled_from(["v1", "v1beta1", "v9"]),
        st.sampled_from(["Pod", "Deployment", "Node", "Secret", "Backup", "Nope"]),
        st.sampled_from([FUZZ_NS, "", "../x", "a/b"]),
        st.sampled_from(["fuzz-missing", "", ".", "..", "a/b", "a?b", "x" * 300]),
    )
    return st.tuples(cluster_ids, st.one_of(own, made_up)).map(
        lambda pair: {
            "clusterId": pair[0],
            "group": pair[1][0],
            "version": pair[1][1],
            "kind": pair[1][2],
            "namespace": pair[1][3],
            "name": pair[1][4],
        }
    )


def action_params() -> st.SearchStrategy[dict[str, Any]]:
    configmap = (
        f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: fuzz-settings, namespace: {FUZZ_NS}}}\n"
        "data: {a: '2'}\n"
    )
    return st.one_of(
        st.fixed_dictionaries(
            {},
            optional={
                "replicas": st.one_of(st.integers(-5, 3), numbers),
                "gracePeriodSeconds": st.one_of(st.integers(-1, 2), numbers),
                "timeoutSeconds": st.one_of(st.floats(0.1, 2), numbers),
                "propagationPolicy": st.one_of(st.just("Background"), printable),
                "force": st.booleans(),
                "dryRun": st.booleans(),
                "yaml": st.one_of(st.just(configmap), anything, st.just("a: [")),
            },
        ),
        st.dictionaries(anything, json_values, max_size=3),
    )


# --- sending ------------------------------------------------------------------------------------


def send(
    fuzzed: Fuzzed,
    method: str,
    path: str,
    *,
    headers: dict[str, str],
    params: list[tuple[str, str]] | None = None,
    content: bytes | None = None,
) -> int:
    """One request; its whole answer is read (an event stream: its head). Returns the status."""
    request = fuzzed.client.build_request(
        method, path, params=params, headers=headers, content=content
    )
    response = fuzzed.client.send(request, stream=True)
    try:
        if not response.headers.get("content-type", "").startswith("text/event-stream"):
            response.read()
    finally:
        response.close()
    if response.status_code >= 500:
        raise AssertionError(
            f"{method} {request.url} -> {response.status_code}: {response.content[:500]!r}"
        )
    if path.endswith("/set_selection") and response.status_code == 200:
        bridge(fuzzed.app, "set_selection", SELECTED)  # keep the clusters selected
    return response.status_code


# --- the tests ----------------------------------------------------------------------------------


@settings(FUZZ, max_examples=110)
@given(data=st.data())
def test_snapshots_never_answer_5xx(fuzzed: Fuzzed, data: st.DataObject) -> None:
    domain = data.draw(mostly(*sorted(ALL_DOMAINS), other=anything.map(quote)), "domain")
    count = data.draw(st.sampled_from([0, 0, 1, 2]), "scope count")
    scope_params = [data.draw(scopes(fuzzed.seeds), "scope") for _ in range(count)]
    paging = data.draw(
        st.fixed_dictionaries({"limit": st.none() | numbers, "offset": st.none() | numbers}),
        "paging",
    )
    list_params = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                "q": anything,
                "namespace": st.one_of(anything, st.sampled_from(fuzzed.seeds.namespaces)),
                "kind": st.one_of(anything, st.sampled_from(["Pod", "deployment", "Backup"])),
                "sort": st.one_of(anything, st.sampled_from(["name", "createdAt", "restarts"])),
                "order": st.one_of(anything, st.sampled_from(["asc", "desc"])),
            },
        ),
        "list params",
    )
    other = data.draw(st.lists(st.tuples(anything, anything), max_size=2), "other params")
    params = [("scope", s) for s in scope_params] + list(list_params.items()) + other
    params += [(name, value) for name, value in paging.items() if value is not None]
    headers = data.draw(header_sets(fuzzed.app.auth, hostile=False), "headers")
    send(fuzzed, "GET", f"/api/v1/snapshots/{domain}", headers=headers, params=params)


@settings(FUZZ, max_examples=110)
@given(data=st.data())
def test_state_changing_routes_never_answer_5xx(fuzzed: Fuzzed, data: st.DataObject) -> None:
    seeds = fuzzed.seeds
    route = data.draw(st.sampled_from(["refresh", "bridge", "can-i", "action"]), "route")
    if route == "refresh":
        path = f"/api/v1/refresh/{data.draw(st.sampled_from(sorted(ALL_DOMAINS)))}"
        body: Any = data.draw(
            st.one_of(
                st.fixed_dictionaries({"scopes": st.lists(scopes(seeds), max_size=3)}),
                json_values,
            )
        )
    elif route == "bridge":
        method = data.draw(
            st.sampled_from(["list_kubeconfigs", "get_selection", "set_selection", "nope"])
        )
        path = f"/api/v1/bridge/{method}"
        body = data.draw(
            st.one_of(
                st.fixed_dictionaries({"args": st.lists(json_values, max_size=2)}),
                st.just({"args": [["dev.yaml:unknown"]]}),
                json_values,
            )
        )
    else:
        action = data.draw(st.sampled_from([*sorted(ACTIONS), "nope"]))
        path = "/api/v1/actions/can-i" if route == "can-i" else f"/api/v1/actions/{action}"
        body = data.draw(
            st.one_of(
                st.fixed_dictionaries(
                    {"ref": fuzz_refs(seeds)},
                    optional={
                        "params": action_params(),
                        "actions": st.lists(st.sampled_from([*ACTIONS, "x"])),
                    },
                ),
                json_values,
            )
        )
    headers = data.draw(header_sets(fuzzed.app.auth, hostile=False), "headers")
    send(fuzzed, "POST", path, headers=headers, content=json.dumps(body).encode())


@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_streams_never_answer_5xx(fuzzed: Fuzzed, data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(["logs", "events", "catalog", "nope"]), "stream")
    params = data.draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("scope"), scopes(fuzzed.seeds)),
                st.tuples(
                    st.sampled_from(["tailLines", "sinceSeconds", "window"]),
                    st.one_of(numbers, st.integers(0, 100).map(str)),
                ),
                st.tuples(anything, anything),
            ),
            min_size=1,
            max_size=4,
        ),
        "params",
    )
    headers = data.draw(header_sets(fuzzed.app.auth, hostile=False), "headers")
    send(fuzzed, "GET", f"/api/v1/streams/{quote(kind, safe='')}", headers=headers, params=params)


def quoted(segment: str) -> str:
    """Percent-encoded, except `%` itself: broken escapes like `%zz` reach the server as they are."""
    return quote(segment, safe="%")


raw_bodies = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.integers(60, 200).map(lambda n: b"[" * n + b"]" * n),
    st.just(b'{"args": ["\\u0000"]}'),
    st.just(b'{"scopes": ["\xff"]}'),
)
paths = st.one_of(
    st.sampled_from(
        [
            "/",
            "/index.html",
            "/api/v1/health",
            "/api/v1/diagnostics",
            "/api/v1/snapshots/pods",
            "/api/v1/refresh/pods",
            "/api/v1/bridge/get_selection",
            "/api/v1/actions/can-i",
            "/api/v1/streams/catalog",
            "/api/v1/port-forwards",
            "/api/v1/terminal",
            "/api/",
            "/api/v1/../../etc/passwd",
            "/assets/%2e%2e/%2e%2e/pyproject.toml",
            "//api/v1/health",
        ]
    ),
    st.lists(anything, min_size=1, max_size=4).map(
        lambda parts: "/" + "/".join(map(quoted, parts))
    ),
    st.lists(anything, min_size=1, max_size=3).map(
        lambda parts: "/api/v1/" + "/".join(map(quoted, parts))
    ),
)


@settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_any_request_never_answers_5xx(fuzzed: Fuzzed, data: st.DataObject) -> None:
    method = data.draw(
        st.sampled_from(["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"]), "method"
    )
    path = data.draw(paths, "path")
    query = data.draw(st.one_of(st.just(""), printable, anything), "query")
    body = data.draw(st.one_of(st.none(), raw_bodies), "body")
    headers = data.draw(header_sets(fuzzed.app.auth, hostile=True), "headers")
    if data.draw(st.booleans(), "foreign host"):
        headers["Host"] = data.draw(st.sampled_from(["evil.example", "localhost", "127.0.0.1:1"]))
    url = httpx.URL(fuzzed.app.base + path)
    url = url.copy_with(query=quote(query, safe="=&%+").encode())
    send(fuzzed, method, str(url), headers=headers, content=body)
