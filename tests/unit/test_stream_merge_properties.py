"""Properties of TimestampMerger over random interleavings of sources, timestamps and arrivals.

A simulator drives the merger as the stream loop will: it pushes and ends sources at their
times, calls `release_ready` after each, and wakes at `next_deadline()` in between. It records the
step at which every item was pushed and emitted, and the guarantees of merge.py's docstring are
checked against that record. Clock times are whole numbers (as floats) so deadlines are exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.refresh.streams.merge import SourceKey, TimestampMerger

WINDOW = 5.0
KEY_POOL: list[SourceKey] = [
    (cluster, pod, container) for cluster in "ab" for pod in "pq" for container in "cd"
]


@dataclass(frozen=True)
class Push:
    time: float
    source: int
    timestamp: int


@dataclass(frozen=True)
class End:
    time: float
    source: int


@dataclass(frozen=True)
class Tick:
    time: float


Step = Push | End | Tick


@dataclass
class Item:
    number: int
    key: SourceKey
    timestamp: int
    arrival: float
    pushed_at_step: int
    emitted_at_step: int = -1
    emitted_at_time: float = -1.0

    @property
    def order(self) -> tuple[int, SourceKey]:
        return (self.timestamp, self.key)


@dataclass
class Record:
    keys: list[SourceKey]
    items: list[Item] = field(default_factory=list)
    output: list[Item] = field(default_factory=list)
    late: int = 0
    backwards: int = 0


def simulate(keys: list[SourceKey], steps: list[Step]) -> Record:
    """Run the steps (sorted by time) and end every source at the end; record everything."""
    merger: TimestampMerger[int] = TimestampMerger(window_s=WINDOW)
    record = Record(keys)
    ended: set[int] = set()
    counter = 0

    def emit(now: float) -> None:
        nonlocal counter
        counter += 1
        for number in merger.release_ready(now):
            item = record.items[number]
            item.emitted_at_step, item.emitted_at_time = counter, now
            record.output.append(item)
        assert_held_within_window(record, now)
        held = [item for item in record.items if item.emitted_at_step < 0]
        expected_deadline = min((item.arrival + WINDOW for item in held), default=None)
        assert merger.next_deadline() == expected_deadline
        assert merger.held == len(held)

    for key in keys:
        merger.register(key)
    last_time = 0.0
    for step in [*steps, *(End(steps[-1].time if steps else 0.0, s) for s in range(len(keys)))]:
        deadline = merger.next_deadline()
        while deadline is not None and deadline <= step.time:
            emit(deadline)
            deadline = merger.next_deadline()
        last_time = step.time
        if isinstance(step, Push) and step.source not in ended:
            counter += 1
            item = Item(len(record.items), keys[step.source], step.timestamp, step.time, counter)
            record.items.append(item)
            merger.push(item.key, item.timestamp, item.number, step.time)
        elif isinstance(step, End) and step.source not in ended:
            ended.add(step.source)
            merger.end_source(keys[step.source])
        emit(step.time)
    emit(last_time)
    record.late, record.backwards = merger.late, merger.backwards
    return record


def assert_held_within_window(record: Record, now: float) -> None:
    for item in record.items:
        if item.emitted_at_step < 0:
            assert item.arrival + WINDOW > now, f"item {item.number} held past its window"


@st.composite
def free_scenarios(draw: st.DrawFn) -> tuple[list[SourceKey], list[Step]]:
    """Any timestamps, any arrival times, sources ending at random points."""
    keys = draw(st.lists(st.sampled_from(KEY_POOL), min_size=1, max_size=4, unique=True))
    source = st.integers(0, len(keys) - 1)
    raw = draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("push"), st.integers(0, 3), source, st.integers(0, 12)),
                st.tuples(st.just("tick"), st.integers(0, 8), source, st.just(0)),
                st.tuples(st.just("end"), st.integers(0, 3), source, st.just(0)),
            ),
            max_size=50,
        )
    )
    steps: list[Step] = []
    time = 0.0
    for kind, gap, index, timestamp in raw:
        time += gap
        if kind == "push":
            steps.append(Push(time, index, timestamp))
        elif kind == "tick":
            steps.append(Tick(time))
        elif draw(st.integers(0, 9)) == 0:  # ends are rare, so sources live long enough
            steps.append(End(time, index))
    return keys, steps


@st.composite
def on_time_scenarios(draw: st.DrawFn) -> tuple[list[SourceKey], list[Step]]:
    """Timestamps rise per source; each item arrives less than the window after its own time.

    With `arrival = max(previous arrival of the source, timestamp + delay)` and `delay < window`,
    every item y arrives before the window of any item z with a larger timestamp runs out:
    arrival(y) < timestamp(y) + window <= timestamp(z) + window <= arrival(z) + window.
    """
    keys = draw(st.lists(st.sampled_from(KEY_POOL), min_size=1, max_size=4, unique=True))
    steps: list[Step] = []
    for index in range(len(keys)):
        timestamp, arrival = 0, 0.0
        for rise, delay in draw(
            st.lists(st.tuples(st.integers(0, 3), st.integers(0, int(WINDOW) - 1)), max_size=15)
        ):
            timestamp += rise
            arrival = max(arrival, float(timestamp + delay))
            steps.append(Push(arrival, index, timestamp))
    ticks = draw(st.lists(st.integers(0, 60), max_size=10))
    steps.extend(Tick(float(tick)) for tick in ticks)
    steps.sort(key=lambda step: step.time)  # stable: a source's pushes keep their order
    return keys, steps


def per_source(items: list[Item], key: SourceKey) -> list[int]:
    return [item.number for item in items if item.key == key]


@settings(max_examples=400)
@given(free_scenarios())
def test_each_source_keeps_its_order_and_nothing_is_lost(
    scenario: tuple[list[SourceKey], list[Step]],
) -> None:
    record = simulate(*scenario)
    assert sorted(item.number for item in record.output) == list(range(len(record.items)))
    for key in record.keys:
        assert per_source(record.output, key) == per_source(record.items, key)


@settings(max_examples=400)
@given(free_scenarios())
def test_every_inversion_is_a_late_item_or_a_source_going_back(
    scenario: tuple[list[SourceKey], list[Step]],
) -> None:
    """y after x with a smaller (timestamp, key): y came after x left, or waited behind its own
    source's earlier item that does not sort before x."""
    record = simulate(*scenario)
    for position, later in enumerate(record.output):
        for earlier in record.output[:position]:
            if later.order >= earlier.order:
                continue
            came_after = later.pushed_at_step > earlier.emitted_at_step
            held_back = any(
                item.key == later.key and item.number < later.number and item.order >= earlier.order
                for item in record.items
            )
            assert came_after or held_back, (earlier, later)


@settings(max_examples=400)
@given(free_scenarios())
def test_late_counts_items_pushed_below_something_already_emitted(
    scenario: tuple[list[SourceKey], list[Step]],
) -> None:
    record = simulate(*scenario)
    late = [
        item
        for item in record.items
        if any(
            other.emitted_at_step < item.pushed_at_step and other.order > item.order
            for other in record.items
            if other.emitted_at_step >= 0
        )
    ]
    assert record.late == len(late)
    for item in late:
        assert item.emitted_at_time == item.arrival, "a late item leaves as soon as it arrives"
    last_timestamp: dict[SourceKey, int] = {}
    backwards = 0
    for item in record.items:
        if item.timestamp < last_timestamp.get(item.key, item.timestamp):
            backwards += 1
        last_timestamp[item.key] = item.timestamp
    assert record.backwards == backwards


@settings(max_examples=400)
@given(free_scenarios())
def test_output_is_sorted_when_nothing_was_late_or_backwards(
    scenario: tuple[list[SourceKey], list[Step]],
) -> None:
    record = simulate(*scenario)
    if record.late == 0 and record.backwards == 0:
        orders = [(item.timestamp, item.key, item.number) for item in record.output]
        assert orders == sorted(orders)


@settings(max_examples=400)
@given(on_time_scenarios())
def test_items_within_the_window_of_their_position_come_out_sorted(
    scenario: tuple[list[SourceKey], list[Step]],
) -> None:
    record = simulate(*scenario)
    assert record.late == 0
    assert record.backwards == 0
    orders = [(item.timestamp, item.key, item.number) for item in record.output]
    assert orders == sorted(orders)


@settings(max_examples=400)
@given(free_scenarios())
def test_no_item_waits_longer_than_the_window(
    scenario: tuple[list[SourceKey], list[Step]],
) -> None:
    record = simulate(*scenario)
    for item in record.output:
        assert item.emitted_at_time - item.arrival <= WINDOW


@settings(max_examples=400)
@given(on_time_scenarios())
def test_nothing_waits_once_every_active_source_has_passed_it(
    scenario: tuple[list[SourceKey], list[Step]],
) -> None:
    """When the item leaves, some live source had not yet shown a timestamp past it, or its
    window ran out; i.e. no item is held once all sources have caught up."""
    keys, steps = scenario
    merger: TimestampMerger[int] = TimestampMerger(window_s=WINDOW)
    for key in keys:
        merger.register(key)
    watermark: dict[SourceKey, int] = {}
    held: list[tuple[int, SourceKey]] = []
    for step in steps:
        if isinstance(step, Push):
            key = keys[step.source]
            merger.push(key, step.timestamp, 0, step.time)
            watermark[key] = max(watermark.get(key, step.timestamp), step.timestamp)
            held.append((step.timestamp, key))
        released = merger.release_ready(step.time)
        held.sort()
        del held[: len(released)]
        if held and len(watermark) == len(keys):
            low = min((mark, key) for key, mark in watermark.items())
            assert held[0] > low
