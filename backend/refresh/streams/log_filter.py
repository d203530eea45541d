"""Which log lines a stream sends: include/exclude filters applied before the wire.

A chatty source is filtered on the server, so its unwanted lines never cost bandwidth, the
client's buffer or the rate limit. Text filters match case-insensitively as substrings; regex
filters use Python's `re` (search, case-sensitive unless the pattern says `(?i)`). A line is sent
when it matches every include filter and no exclude filter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LineFilter:
    """The compiled include/exclude filters of one stream (text filters casefolded); empty lets
    every line through."""

    include_text: tuple[str, ...] = ()
    exclude_text: tuple[str, ...] = ()
    include_regex: tuple[re.Pattern[str], ...] = ()
    exclude_regex: tuple[re.Pattern[str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.include_text or self.exclude_text or self.include_regex or self.exclude_regex
        )

    def passes(self, line: str) -> bool:
        if self.include_text or self.exclude_text:
            folded = line.casefold()
            if any(text not in folded for text in self.include_text):
                return False
            if any(text in folded for text in self.exclude_text):
                return False
        if any(pattern.search(line) is None for pattern in self.include_regex):
            return False
        return not any(pattern.search(line) is not None for pattern in self.exclude_regex)
