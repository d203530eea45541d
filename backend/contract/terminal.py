"""Terminal control frames (contract §10): the JSON text frames of `GET /api/v1/terminal`.

Binary frames carry the bytes (stdin one way, output the other); these are the text frames.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from backend.contract.base import ContractModel


class TerminalResize(ContractModel):
    """Client → server: the terminal's new size in character cells."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["resize"]
    cols: int = Field(ge=1, le=10_000, strict=True)
    rows: int = Field(ge=1, le=10_000, strict=True)


class TerminalExit(ContractModel):
    """Server → client: the process ended with this exit code (the socket then closes 1000)."""

    type: Literal["exit"] = "exit"
    code: int


class TerminalError(ContractModel):
    """Server → client: the session failed or was ended (the socket then closes 1011).

    Codes: `pod_not_found`, `container_not_found`, `forbidden`, `cluster_timeout`,
    `cluster_unreachable`, `connection_lost`, `no_shell`, `command_failed`, `exec_refused`,
    `cluster_deselected`, `app_closing`, `bad_message`, `debug_failed`.
    """

    type: Literal["error"] = "error"
    code: str
    message: str
