"""Pod log files: CRI format, timestamps in order, and clusters interleaving in time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.clusters import podlogs

NOW = dt.datetime(2026, 11, 26, 8, 0, 0, 123456, tzinfo=dt.UTC)


def _parse(line: str) -> tuple[dt.datetime, str, str]:
    stamp, stream, tag, message = line.split(" ", 3)
    assert tag == "F"
    when = dt.datetime.strptime(stamp[:26] + "Z", "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    return when, stream, message


def test_timestamps_have_nanoseconds_in_utc() -> None:
    local = NOW.astimezone(dt.timezone(dt.timedelta(hours=2)))
    assert podlogs.cri_timestamp(local) == "2026-11-26T08:00:00.123456000Z"


def test_history_is_ordered_and_ends_before_now() -> None:
    source = podlogs.LogSource("alpha", "shop", "web", Path("x.log"))
    lines = podlogs.history(source, 0, 3, 20, 1.0, NOW).splitlines()
    times = [_parse(line)[0] for line in lines]
    assert len(times) == 20
    assert times == sorted(times)
    assert times[-1] < NOW


def test_clusters_interleave_when_merged_by_time() -> None:
    histories = []
    for i, cluster in enumerate(["alpha", "beta", "gamma"]):
        source = podlogs.LogSource(cluster, "shop", "web", Path("x.log"))
        histories += podlogs.history(source, i, 3, 5, 1.0, NOW).splitlines()
    merged = sorted(histories, key=lambda line: _parse(line)[0])
    clusters = [_parse(line)[2].split("cluster=")[1].split()[0] for line in merged]
    assert clusters == ["alpha", "beta", "gamma"] * 5


def test_every_tenth_line_goes_to_stderr_and_lines_are_reproducible() -> None:
    source = podlogs.LogSource("beta", "team-a", "api", Path("x.log"))
    assert podlogs.message(source, 10)[0] == "stderr"
    assert podlogs.message(source, 11) == podlogs.message(source, 11)
    assert podlogs.message(source, 11)[1].endswith("cluster=beta seq=11")


def test_each_namespace_has_a_default_file_and_there_is_a_catch_all(tmp_path: Path) -> None:
    sources = podlogs.log_sources("gamma", tmp_path)
    defaults = {s.namespace for s in sources if s.container is None}
    assert defaults == {*podlogs.LOG_LAYOUT, None}
    assert len({s.path for s in sources}) == len(sources)
