"""Command-line options of `python -m backend` (contract §2)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class AppOptions:
    headless: bool = False
    port: int = 0
    kubeconfigs: list[Path] = field(default_factory=list)
    kubeconfig_dirs: list[Path] = field(default_factory=list)
    config_dir: Path | None = None
    dev_tools: bool = False


def parse_options(argv: list[str] | None = None) -> AppOptions:
    parser = argparse.ArgumentParser(
        prog="regatta", description="Regatta: one window for many Kubernetes clusters."
    )
    parser.add_argument(
        "--headless",
        action="store_true",
        help="serve the UI without a window and print the URL as JSON",
    )
    parser.add_argument(
        "--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)"
    )
    parser.add_argument(
        "--kubeconfig",
        dest="kubeconfigs",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="a kubeconfig file (repeatable; replaces the default sources)",
    )
    parser.add_argument(
        "--kubeconfig-dir",
        dest="kubeconfig_dirs",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="a directory of kubeconfig files to scan (repeatable)",
    )
    parser.add_argument(
        "--config-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where settings live (default: the platform's config folder)",
    )
    parser.add_argument(
        "--dev-tools", action="store_true", help="enable the web inspector in the window"
    )
    ns = parser.parse_args(argv)
    if not 0 <= ns.port <= 65535:
        parser.error(f"--port must be between 0 and 65535, not {ns.port}")
    return AppOptions(**vars(ns))
