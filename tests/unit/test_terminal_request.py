"""The terminal's pure parts: the request as parsed from the URL, and how an ended exec is told."""

from __future__ import annotations

import pytest

from backend.contract.terminal import TerminalError, TerminalExit
from backend.errors import RegattaError
from backend.sessions.terminal import SHELL, TerminalRequest, ending

SCOPE = "dev.yaml:beta|pod:shop/web-1/web"


def test_a_request_names_the_container_on_its_cluster() -> None:
    request = TerminalRequest.parse(SCOPE, [], None, None)
    assert (request.cluster_id, request.namespace, request.pod, request.container) == (
        "dev.yaml:beta",
        "shop",
        "web-1",
        "web",
    )
    assert (request.argv, request.tty, request.debug_image) == (SHELL, True, None)
    argv = TerminalRequest.parse(SCOPE, ["ls", "-l"], "false", "busybox:1.36")
    assert (argv.argv, argv.tty, argv.debug_image) == (("ls", "-l"), False, "busybox:1.36")


@pytest.mark.parametrize(
    ("scope", "tty", "debug", "code", "field"),
    [
        (None, None, None, "bad_scope", None),
        ("dev.yaml:beta|pod:shop/web-1", None, None, "bad_scope", None),
        ("dev.yaml:beta|namespace:shop", None, None, "bad_scope", None),
        ("dev.yaml:beta|pod:shop/web-1/a b", None, None, "bad_scope", None),
        (SCOPE, "yes", None, "bad_request", "tty"),
        (SCOPE, None, "busy box", "bad_request", "debug"),
        (SCOPE, None, "", "bad_request", "debug"),
    ],
)
def test_a_bad_request_is_a_400_naming_what_is_wrong(
    scope: str | None, tty: str | None, debug: str | None, code: str, field: str | None
) -> None:
    with pytest.raises(RegattaError) as refused:
        TerminalRequest.parse(scope, [], tty, debug)
    assert (refused.value.status, refused.value.code) == (400, code)
    assert refused.value.context.get("field") == field


def test_an_ended_exec_is_an_exit_or_a_named_failure() -> None:
    shell = TerminalRequest.parse(SCOPE, [], None, None)
    command = TerminalRequest.parse(SCOPE, ["vim"], None, None)
    assert ending(3, "exit status 3", shell, "beta") == TerminalExit(code=3)
    lost = ending(None, None, shell, "beta")
    assert isinstance(lost, TerminalError) and lost.code == "connection_lost"
    missing = 'exec: "/bin/sh": stat /bin/sh: no such file or directory'
    no_shell = ending(None, missing, shell, "beta")
    assert isinstance(no_shell, TerminalError) and no_shell.code == "no_shell"
    assert "container web of pod shop/web-1 on cluster beta" in no_shell.message
    not_found = ending(None, 'exec: "vim": executable file not found in $PATH', command, "beta")
    assert isinstance(not_found, TerminalError) and not_found.code == "command_failed"
    assert "`vim`" in not_found.message
