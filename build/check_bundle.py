"""A quick check of a built bundle on any OS (CI runs it after PyInstaller):

    python build/check_bundle.py build/dist/regatta/regatta          # Linux, macOS
    python build/check_bundle.py build/dist/regatta/regatta-cli.exe  # Windows (console program)

Starts it headless with an empty kubeconfig folder, reads the JSON line of contract §2, asks
/api/v1/health with and without the token, stops it. Standard library only, so it runs before
anything else is installed. The full check (window, clusters) is tests/e2e/test_package_smoke.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

START_TIMEOUT_S = 120.0


def get(url: str, token: str | None) -> tuple[int, str]:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def main(executable: str) -> int:
    with tempfile.TemporaryDirectory() as home:
        kube = Path(home) / "kube"
        kube.mkdir()
        env = {**os.environ, "HOME": home, "USERPROFILE": home, "KUBECONFIG": ""}
        env["REGATTA_LOG_DIR"] = str(Path(home) / "log")
        args = [
            "--headless",
            "--config-dir",
            str(Path(home) / "config"),
            "--kubeconfig-dir",
            str(kube),
        ]
        started = time.monotonic()
        proc = subprocess.Popen(
            [executable, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.append(proc.stdout.readline()))  # type: ignore[union-attr]
        reader.start()
        reader.join(START_TIMEOUT_S)
        try:
            if not lines or not lines[0].strip():
                proc.kill()
                print(f"no JSON line within {START_TIMEOUT_S}s; stderr:\n{proc.communicate()[1]}")
                return 1
            info = json.loads(lines[0])
            print(f"JSON line after {time.monotonic() - started:.2f}s: port {info['port']}")
            base = f"http://127.0.0.1:{info['port']}/api/v1/health"
            without, _ = get(base, None)
            status, body = get(base, info["token"])
            print(f"/api/v1/health: {without} without the token, {status} {body} with it")
            ok = without == 401 and status == 200 and json.loads(body).get("status") == "ok"
            return 0 if ok else 1
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    raise SystemExit(main(sys.argv[1]))
