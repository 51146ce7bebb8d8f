"""Finding records in the bytes of a sealed file without parsing their table.

A sealed file is canonical (``json_format.serialise``: two-space indents, sorted keys), so
its structure can be read from where lines start: a record of a table starts on a line
``    "12": {`` and ends on a line ``    }``; its own fields are on lines indented by six
spaces (``      "id": "…"``), and anything nested in them by eight or more. A JSON string
cannot hold a raw newline, so these byte patterns only ever occur as structure. Searching
bytes for them is a few milliseconds over 50 MB, where parsing is a few hundred.

Bounds are ``(start, end)`` of a table's value: ``{`` to just after its closing ``}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

RECORD_START = b'\n    "'
"""How every record of a table begins (its key follows)."""
RECORD_END = b"\n    }"
"""How every record of a table ends."""
TABLE_END = b"\n  }"
"""How a non-empty table ends."""
_FIELD = b'\n      "'
_KEYS = re.compile(rb'\n    "(\d+)": \{')
_AT = re.compile(rb'\n      "at": "([^"]{0,10})')
_ID_FIELD = b'\n      "id": "'
_PLAIN_ID = re.compile(rb'\n      "id": "([^"\\]*)"')
_ANY_ID = re.compile(rb'\n      "id": ("(?:[^"\\]|\\.)*")')

Bounds = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Span:
    """One record in the bytes: ``raw[start:end]`` is ``\\n    "key": {`` to its ``}``."""

    start: int
    end: int
    key: str


def body(raw: bytes, bounds: Bounds) -> tuple[int, int] | None:
    """Where a table's records lie (from the first record's line to the last one's end), or
    None for an empty table (``{}``)."""
    start, end = bounds
    if raw.startswith(b"{}", start):
        return None
    return start + 1, end - len(TABLE_END)


def span_at(raw: bytes, bounds: Bounds, inside: int) -> Span:
    """The record that position ``inside`` (somewhere in a record) belongs to."""
    start = raw.rfind(RECORD_START, bounds[0], inside)
    end = raw.find(RECORD_END, inside, bounds[1]) + len(RECORD_END)
    key_at = start + len(RECORD_START)
    return Span(start, end, raw[key_at : raw.find(b'"', key_at)].decode())


def parse(raw: bytes, span: Span) -> dict[str, Any]:
    """The record at ``span``."""
    wrapped = b"{" + memoryview(raw)[span.start : span.end] + b"}"
    return orjson.loads(wrapped)[span.key]


def field_line(field: str, value: Any) -> bytes:
    """The bytes of a record's top-level ``field`` holding ``value`` (a string or number)."""
    return _FIELD + field.encode() + b'": ' + orjson.dumps(value)


def find(raw: bytes, bounds: Bounds, field: str, value: str) -> tuple[Span, dict[str, Any]] | None:
    """The record of the table at ``bounds`` whose ``field`` is ``value``, parsed."""
    needle = field_line(field, value)
    at = raw.find(needle, bounds[0], bounds[1])
    while at >= 0:
        # The needle ends with the string's closing quote: it is the whole value.
        span = span_at(raw, bounds, at)
        record = parse(raw, span)
        if record.get(field) == value:
            return span, record
        at = raw.find(needle, at + 1, bounds[1])
    return None


def mentioning(raw: bytes, bounds: Bounds, person_id: str) -> Iterator[tuple[Span, dict]]:
    """The note records of the table at ``bounds`` whose ``person_ids`` hold ``person_id``,
    in file order: one pass of a byte search over the table, then only those parsed."""
    needle = orjson.dumps(person_id)
    at = raw.find(needle, bounds[0], bounds[1])
    while at >= 0:
        span = span_at(raw, bounds, at)
        record = parse(raw, span)
        ids = record.get("person_ids")
        if isinstance(ids, list) and person_id in ids:
            yield span, record
        at = raw.find(needle, span.end, bounds[1])


def ids(raw: bytes, bounds: Bounds) -> Iterator[str]:
    """The ``id`` of every record of the table at ``bounds``, in file order, nothing else
    parsed (a record's own fields are the lines indented by six spaces)."""
    start, end = bounds
    plain = _PLAIN_ID.findall(raw, start, end)
    if len(plain) == raw.count(_ID_FIELD, start, end):  # no id holds an escape: the usual
        for text in plain:
            yield text.decode()
        return
    for text in _ANY_ID.findall(raw, start, end):
        yield orjson.loads(text)


def since(raw: bytes, bounds: Bounds, day: str) -> Iterator[dict[str, Any]]:
    """The note records whose ``at`` starts on or after ``day`` (``YYYY-MM-DD``)."""
    last = -1
    for match in _AT.finditer(raw, bounds[0], bounds[1]):
        if match.group(1).decode() >= day and match.start() > last:
            span = span_at(raw, bounds, match.start())
            last = span.end
            yield parse(raw, span)


def first_key_after(raw: bytes, start: int, end: int, key: bytes) -> int:
    """Where the first record of ``raw[start:end]`` whose key sorts after ``key`` starts
    (its line's newline), or ``end``: a binary search over the bytes, as keys are sorted.

    Invariant: records starting before ``low`` sort at or before ``key``; the record at
    ``high`` (if ``high < end``) and all after it sort after it.
    """
    low, high = start, end
    while low < high:
        at = raw.find(RECORD_START, (low + high) // 2, high)
        if at < 0:  # no record starts in the upper half: look at the first in the lower
            at = raw.find(RECORD_START, low, high)
            if at < 0:
                return high
        found = raw[at + len(RECORD_START) : raw.find(b'"', at + len(RECORD_START))]
        if found > key:
            high = at
        else:
            low = at + 1
    return high


def has_key(raw: bytes, bounds: Bounds, key: str) -> bool:
    """True when the table at ``bounds`` has a record keyed ``key``."""
    records = body(raw, bounds)
    if records is None:
        return False
    start, end = records
    encoded = key.encode()
    # The record just before the first one sorting after ``key`` is the only candidate.
    after = first_key_after(raw, start, end, encoded)
    at = raw.rfind(RECORD_START, start, after)
    if at < 0:
        return False
    found = raw[at + len(RECORD_START) : raw.find(b'"', at + len(RECORD_START))]
    return found == encoded


def highest_key(raw: bytes, bounds: Bounds, below: int, skip: set[str]) -> int:
    """The highest numeric key under ``below`` in the table, leaving out ``skip`` (0 if none).

    Doc ids are dense, so the next few numbers down are tried first; a scan of every key is
    the fallback.
    """
    for candidate in range(below - 1, max(0, below - 65), -1):
        key = str(candidate)
        if key not in skip and has_key(raw, bounds, key):
            return candidate
    keys = (int(m.group(1)) for m in _KEYS.finditer(raw, bounds[0], bounds[1]))
    return max((k for k in keys if k < below and str(k) not in skip), default=0)
