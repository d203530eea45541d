"""TimestampMerger by example: ties, the window, watermarks, late items, source lifecycle."""

from __future__ import annotations

import pytest

from backend.refresh.streams.merge import SourceKey, TimestampMerger

A: SourceKey = ("kube:a", "web", "nginx")
A_SIDECAR: SourceKey = ("kube:a", "web", "sidecar")
A_OTHER_POD: SourceKey = ("kube:a", "api", "nginx")
B: SourceKey = ("kube:b", "web", "nginx")


def merger_with(*keys: SourceKey, window_s: float = 0.5) -> TimestampMerger[str]:
    merger: TimestampMerger[str] = TimestampMerger(window_s=window_s)
    for key in keys:
        merger.register(key)
    return merger


def test_equal_timestamps_break_ties_by_cluster_then_pod_then_container_then_arrival() -> None:
    merger = merger_with(B, A_SIDECAR, A, A_OTHER_POD)
    for key, name in [(B, "b"), (A_SIDECAR, "a-sidecar"), (A, "a-1"), (A_OTHER_POD, "a-api")]:
        merger.push(key, 100, name, now=0.0)
    merger.push(A, 100, "a-2", now=0.0)
    assert merger.flush() == ["a-api", "a-1", "a-2", "a-sidecar", "b"]


def test_a_quiet_source_holds_the_others_back_for_the_window_only() -> None:
    merger = merger_with(A, B)
    merger.push(A, 100, "a", now=10.0)
    assert merger.release_ready(10.0) == []
    assert merger.next_deadline() == 10.5
    assert merger.release_ready(10.49) == []
    assert merger.release_ready(10.5) == ["a"]
    assert merger.next_deadline() is None


def test_an_item_leaves_at_once_when_every_source_has_passed_it() -> None:
    merger = merger_with(A, B)
    merger.push(A, 100, "a-100", now=0.0)
    merger.push(A, 300, "a-300", now=0.0)
    merger.push(B, 200, "b-200", now=0.1)
    assert merger.release_ready(0.1) == ["a-100", "b-200"]
    assert merger.held == 1


def test_an_equal_watermark_releases_only_when_the_key_cannot_sort_before() -> None:
    merger = merger_with(A, B)
    merger.push(B, 100, "b-100", now=0.0)
    merger.push(A, 100, "a-100", now=0.0)
    # A (smaller key) at 100 may still push another 100; B at 100 may not sort before A's 100.
    assert merger.release_ready(0.0) == ["a-100"]
    merger.push(A, 101, "a-101", now=0.0)
    assert merger.release_ready(0.0) == ["b-100"]


def test_an_ended_source_holds_nothing_back_but_its_items_still_leave_in_order() -> None:
    merger = merger_with(A, B)
    merger.push(B, 50, "b-50", now=0.0)
    merger.push(A, 100, "a-100", now=0.0)
    merger.end_source(B)
    assert merger.release_ready(0.0) == ["b-50", "a-100"]
    with pytest.raises(KeyError, match="not an active source"):
        merger.push(B, 60, "b-60", now=0.0)


def test_an_item_below_what_already_left_is_late_and_leaves_at_once() -> None:
    merger = merger_with(A, B)
    merger.push(A, 200, "a-200", now=0.0)
    assert merger.release_ready(0.5) == ["a-200"]
    merger.push(B, 100, "b-100", now=0.7)
    assert merger.late == 1
    assert merger.next_deadline() == 0.7
    assert merger.release_ready(0.7) == ["b-100"]


def test_an_equal_timestamp_is_late_when_a_larger_key_already_left() -> None:
    merger = merger_with(A_OTHER_POD, A, B)
    merger.push(A_OTHER_POD, 100, "a-api", now=0.0)
    merger.push(B, 100, "b", now=0.0)
    assert merger.release_ready(0.5) == ["a-api", "b"]
    merger.push(A, 100, "a", now=0.6)  # sorts between the two that left
    assert merger.late == 1


def test_a_source_going_back_in_time_keeps_its_order_and_is_counted() -> None:
    merger = merger_with(A, B)
    merger.push(A, 300, "a-300", now=0.0)
    merger.push(A, 100, "a-100", now=0.0)
    merger.push(B, 200, "b-200", now=0.0)
    assert merger.backwards == 1
    assert merger.flush() == ["b-200", "a-300", "a-100"]


def test_a_registered_source_that_never_spoke_holds_back_until_the_window_ends() -> None:
    merger = merger_with(A, B)
    merger.push(A, 100, "a", now=0.0)
    assert merger.release_ready(0.2) == []
    merger.end_source(B)
    assert merger.release_ready(0.2) == ["a"]


def test_a_silent_source_does_not_let_the_watermark_bookkeeping_grow() -> None:
    merger = merger_with(A, B)
    for step in range(10_000):
        merger.push(A, step, "a", now=step / 1000)
        merger.release_ready(step / 1000)
    assert len(merger._watermarks) <= 2 * 2 + 64


def test_registering_twice_is_an_error_and_registering_after_the_end_reactivates() -> None:
    merger = merger_with(A)
    with pytest.raises(ValueError, match="already registered"):
        merger.register(A)
    merger.push(A, 100, "a-100", now=0.0)
    merger.end_source(A)
    merger.register(A)
    merger.push(A, 200, "a-200", now=0.0)
    assert merger.flush() == ["a-100", "a-200"]


def test_unknown_sources_are_errors() -> None:
    merger = merger_with(A)
    with pytest.raises(KeyError):
        merger.push(B, 1, "b", now=0.0)
    with pytest.raises(KeyError):
        merger.end_source(B)


@pytest.mark.parametrize("window_s", [-0.1, 10.5])
def test_the_window_must_be_within_bounds(window_s: float) -> None:
    with pytest.raises(ValueError, match="reorder window"):
        TimestampMerger[str](window_s=window_s)


def test_a_flush_merges_complete_backlogs() -> None:
    merger = merger_with(B, A, window_s=0.0)
    for key, items in ((B, [(1, "b-1"), (5, "b-5")]), (A, [(2, "a-2"), (5, "a-5"), (9, "a-9")])):
        for timestamp_ns, payload in items:
            merger.push(key, timestamp_ns, payload, now=0.0)
    assert merger.flush() == ["b-1", "a-2", "a-5", "b-5", "a-9"]
