"""No secret in the clear (issue #10), through the real headless app on the real clusters.

Secrets are made with `kubectl apply` (so they carry `last-applied-configuration`) in namespaces
of the tests' own; what the app answers is searched for the values, plain and base64.
"""

from __future__ import annotations

import base64
import json
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from backend.clusters.key_files import LOCK_NAME, key_root
from backend.masking import LAST_APPLIED, MASK
from tests.app_process import RunningApp, bridge, running_app
from tests.clusters import ClusterEnv
from tests.integration.actions_support import ALPHA, BETA, admin_json, namespace_in, ref, unique

pytestmark = [pytest.mark.clusters]


@pytest.fixture(scope="module")
def app(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    home = tmp_path_factory.mktemp("home")
    with running_app(
        "--config-dir",
        str(home / "config"),
        "--kubeconfig-dir",
        str(clusters.kubeconfig_dir),
        env={"HOME": str(home), "KUBECONFIG": ""},
    ) as running:
        assert bridge(running, "set_selection", [ALPHA]) == {"selectedClusterIds": [ALPHA]}
        yield running


@pytest.fixture
def values() -> dict[str, str]:
    """Fresh secret values, so a hit can only come from this test's Secret."""
    suffix = unique("v")
    return {"password": f"pa55-{suffix}", "token": f"tok-{suffix}"}


def secret_manifest(namespace: str, name: str, values: dict[str, str]) -> str:
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": name, "namespace": namespace, "labels": {"app": "db"}},
            "type": "Opaque",
            "stringData": {"password": values["password"]},
            "data": {"token": b64(values["token"])},
        }
    )


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def assert_no_value(text: str, values: dict[str, str]) -> None:
    for value in values.values():
        assert value not in text
        assert b64(value) not in text


def snapshot(app: RunningApp, domain: str, scope: str) -> httpx.Response:
    return httpx.get(
        f"{app.base}/api/v1/snapshots/{domain}",
        params={"scope": scope},
        headers=app.auth,
        timeout=60,
    )


def post(app: RunningApp, path: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(f"{app.base}{path}", json=body, headers=app.auth, timeout=120)


def test_details_and_yaml_mask_a_secret_and_its_last_applied_configuration(
    clusters: ClusterEnv, app: RunningApp, values: dict[str, str]
) -> None:
    with namespace_in(clusters, unique("sec-view"), ("alpha",)) as ns:
        manifest = secret_manifest(ns, "db", values)
        clusters.kubectl("apply", "-f", "-", context="alpha", input=manifest)
        stored = admin_json(clusters, "alpha", "get", "secret", "db", "-n", ns)
        assert values["password"] in stored["metadata"]["annotations"][LAST_APPLIED]
        scope = f"{ALPHA}|object:/v1/Secret/{ns}/db"

        details = snapshot(app, "object-details", scope)
        shown = snapshot(app, "object-yaml", scope)

        for answer in (details, shown):
            assert answer.status_code == 200, answer.text
            assert_no_value(answer.text, values)
        (item,) = details.json()["items"]
        assert item["annotations"] == {LAST_APPLIED: MASK}
        assert item["labels"] == {"app": "db"}
        assert [k["key"] for k in item["facts"]["keys"]] == ["password", "token"]
        (view,) = shown.json()["items"]
        assert view["masked"] is True
        document = yaml.safe_load(view["yaml"])
        assert document["data"] == {"password": MASK, "token": MASK}
        assert document["metadata"]["annotations"] == {LAST_APPLIED: MASK}


def test_a_config_maps_last_applied_configuration_stays_readable(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    with namespace_in(clusters, unique("sec-cm"), ("alpha",)) as ns:
        manifest = {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "settings", "namespace": ns},
            "data": {"mode": "fast"},
        }
        clusters.kubectl("apply", "-f", "-", context="alpha", input=json.dumps(manifest))
        answer = snapshot(app, "object-yaml", f"{ALPHA}|object:/v1/ConfigMap/{ns}/settings")
        assert answer.status_code == 200, answer.text
        (view,) = answer.json()["items"]
        document = yaml.safe_load(view["yaml"])
        assert view["masked"] is False
        assert document["data"] == {"mode": "fast"}
        assert json.loads(document["metadata"]["annotations"][LAST_APPLIED])["data"] == {
            "mode": "fast"
        }


@pytest.mark.parametrize("domain", ["object-yaml", "object-details"])
def test_a_name_that_would_list_every_secret_is_a_bad_scope(
    clusters: ClusterEnv, app: RunningApp, values: dict[str, str], domain: str
) -> None:
    with namespace_in(clusters, unique("sec-dot"), ("alpha",)) as ns:
        clusters.kubectl(
            "apply", "-f", "-", context="alpha", input=secret_manifest(ns, "db", values)
        )
        for tail in (
            "object:/v1/Secret//.",
            "object:/v1/Secret//..",
            f"object:/v1/Secret/{ns}/.",
            "object:/v1/Secret/./db",
            f"object:/v1/Secret/{ns}/db?x=1",
        ):
            scope = f"{ALPHA}|{tail}"
            answer = snapshot(app, domain, scope)
            assert answer.status_code == 400, answer.text
            assert answer.json()["error"]["code"] == "bad_scope"
            assert answer.json()["error"]["scope"] == scope
            assert_no_value(answer.text, values)


def test_action_answers_mask_the_secret_they_carry(
    clusters: ClusterEnv, app: RunningApp, values: dict[str, str]
) -> None:
    with namespace_in(clusters, unique("sec-act"), ("alpha",)) as ns:
        clusters.kubectl(
            "apply", "-f", "-", context="alpha", input=secret_manifest(ns, "db", values)
        )
        loaded = admin_json(clusters, "alpha", "get", "secret", "db", "-n", ns)
        loaded["metadata"]["labels"]["edited"] = "yes"
        target = ref(ALPHA, "Secret", "db", ns, uid=loaded["metadata"]["uid"])

        preview = post(
            app,
            "/api/v1/actions/apply",
            {"ref": target, "params": {"yaml": yaml.safe_dump(loaded), "dryRun": True}},
        )

        assert preview.status_code == 200, preview.text
        assert_no_value(preview.text, values)
        answer = preview.json()
        assert answer["dryRun"] is True
        for side in ("object", "previous"):
            assert answer[side]["data"] == {"password": MASK, "token": MASK}
            assert answer[side]["metadata"]["annotations"][LAST_APPLIED] == MASK
        assert answer["object"]["metadata"]["labels"]["edited"] == "yes"

        deleted = post(app, "/api/v1/actions/delete", {"ref": target})
        assert deleted.status_code == 200, deleted.text
        assert_no_value(deleted.text, values)

        for bad in ({"name": "."}, {"name": "db?watch=1"}, {"namespace": ".."}):
            refused = post(app, "/api/v1/actions/delete", {"ref": {**target, **bad}})
            assert refused.status_code == 400, refused.text
            assert refused.json()["error"]["field"] == f"ref.{next(iter(bad))}"


# --- key files ----------------------------------------------------------------------------------


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private runtime folder for the app (and for `key_root()` here): its key folder is ours."""
    folder = tmp_path / "runtime"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def start(
    clusters: ClusterEnv, tmp_path: Path, runtime: Path
) -> AbstractContextManager[RunningApp]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return running_app(
        "--config-dir",
        str(tmp_path / "config"),
        "--kubeconfig-dir",
        str(clusters.kubeconfig_dir),
        env={"HOME": str(home), "KUBECONFIG": "", "XDG_RUNTIME_DIR": str(runtime)},
    )


def alpha_key(clusters: ClusterEnv) -> bytes:
    dev = yaml.safe_load((clusters.kubeconfig_dir / "dev.yaml").read_text())
    user = next(u for u in dev["users"] if u["name"] == "alpha-admin")["user"]
    return base64.b64decode(user["client-key-data"])


def files_holding(data: bytes, folder: Path, since: float) -> list[Path]:
    """Small files changed since `since` under `folder` (only its top level for the shared temp
    folder, where the client library used to write key data) that hold `data`."""
    found = []
    pattern = "*" if folder == Path(tempfile.gettempdir()) else "**/*"
    for path in folder.glob(pattern):
        try:
            info = path.stat()
            if not path.is_file() or info.st_mtime < since or info.st_size > 65536:
                continue
            if data in path.read_bytes():
                found.append(path)
        except OSError:
            continue
    return found


def test_an_inline_client_key_is_on_disk_only_while_its_cluster_is_selected(
    clusters: ClusterEnv, tmp_path: Path, runtime: Path
) -> None:
    key, keys, temp = alpha_key(clusters), key_root(), Path(tempfile.gettempdir())
    started = time.time() - 1
    with start(clusters, tmp_path, runtime) as app:
        bridge(app, "set_selection", [ALPHA, BETA])
        (written,) = files_holding(key, keys, started)
        assert written.name.startswith("client-key-") and written.parent.name.startswith("run-")
        assert written.stat().st_mode & 0o777 == 0o600
        assert files_holding(key, temp, started) == []  # not in the shared temp folder

        bridge(app, "set_selection", [BETA])

        assert not written.exists()
        assert files_holding(key, keys, started) == files_holding(key, temp, started) == []
        bridge(app, "set_selection", [])
        assert list(keys.glob("run-*/*.pem")) == []


def test_key_files_left_by_a_crashed_run_are_removed_at_the_next_start(
    clusters: ClusterEnv, tmp_path: Path, runtime: Path
) -> None:
    key, keys = alpha_key(clusters), key_root()
    with start(clusters, tmp_path, runtime) as crashed:
        bridge(crashed, "set_selection", [ALPHA])
        (left,) = files_holding(key, keys, 0)
        assert crashed.stop(signal.SIGKILL) == -signal.SIGKILL
    assert left.exists()  # a killed app cleans nothing up
    simulated = keys / "run-simulated"  # as an older crash left it
    simulated.mkdir()
    (simulated / LOCK_NAME).write_bytes(b"")
    (simulated / "client-key-x1.pem").write_bytes(key)
    foreign = keys / "not-ours.txt"
    foreign.write_text("kept")

    with start(clusters, tmp_path, runtime) as restarted:  # alpha is still selected
        assert not left.parent.exists() and not simulated.exists()
        assert foreign.exists()
        (current,) = files_holding(key, keys, 0)
        assert current.parent != left.parent
        assert bridge(restarted, "get_selection") == {"selectedClusterIds": [ALPHA]}
