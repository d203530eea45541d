"""What an error answer to opening a log means: a pod not scheduled yet or a container not
started yet is retried (a workload's new pod is followed as soon as it is added, often before
the scheduler placed it), anything else the API server refuses ends the source."""

from __future__ import annotations

from backend.kube.errors import ApiError
from backend.refresh.streams.logs import _http_failure


def test_a_pod_not_scheduled_yet_is_retried() -> None:
    failure = _http_failure(
        ApiError(400, "BadRequest", "pod app-88997f94b-x9zm9 does not have a host assigned")
    )
    assert (failure.status, failure.transient) == ("reconnecting", True)


def test_a_container_waiting_to_start_is_retried() -> None:
    message = 'container "app" in pod "app-1" is waiting to start: ContainerCreating'
    failure = _http_failure(ApiError(400, "BadRequest", message))
    assert (failure.status, failure.transient) == ("reconnecting", True)


def test_another_bad_request_ends_the_source() -> None:
    failure = _http_failure(ApiError(400, "BadRequest", "a container name must be specified"))
    assert (failure.status, failure.transient) == ("error", False)
