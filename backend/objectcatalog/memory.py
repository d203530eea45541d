"""Memory of the caches: estimates for diagnostics, and giving freed heap back to the OS.

Exact accounting would walk every row; the estimate measures a sample of each kind's rows —
their own objects, not the interned values they share — and adds the stores' dicts, their
indexes and the interning pool once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import itertools
import sys
from collections.abc import Callable, Iterable, Sequence

import msgspec

from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows import Row
from backend.objectcatalog.store import ScopeStore

_SAMPLE = 64


def own_bytes(row: Row, intern: Interner) -> int:
    """Bytes of the row object and the field values only it holds (interned ones excluded)."""
    size = sys.getsizeof(row)
    if isinstance(row, msgspec.Struct):
        for name in row.__struct_fields__:
            value = getattr(row, name)
            if isinstance(value, bool) or (isinstance(value, int) and -5 <= value <= 256):
                continue  # CPython's shared small ints and booleans
            if isinstance(value, str | int | tuple | msgspec.Struct) and not intern.holds(value):
                size += sys.getsizeof(value)
    return size


def stores_bytes(stores: Iterable[ScopeStore], intern: Interner) -> int:
    """Estimated bytes of the stores' rows, their dicts and their indexes."""
    total = 0
    for store in stores:
        for rows in store.namespaces.values():
            sample: Sequence[Row] = list(itertools.islice(rows.values(), _SAMPLE))
            average = sum(own_bytes(row, intern) for row in sample) / len(sample)
            total += int(average * len(rows)) + sys.getsizeof(rows)
        total += sys.getsizeof(store.namespaces) + sys.getsizeof(store.counts)
        total += sys.getsizeof(store.groups) + sum(map(sys.getsizeof, store.groups.values()))
    return total


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    trim: Callable[[int], int] | None = getattr(ctypes.CDLL(name), "malloc_trim", None)
    return trim


def release_free_heap() -> None:
    """Give freed heap memory back to the OS (glibc's malloc_trim; a no-op elsewhere).

    A large LIST passes tens of megabytes of response pages through the heap. glibc keeps
    freed pages of that size resident, so without this the process would look twice as large
    as the rows it keeps.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
