"""The JSON format of the journal file.

The file is orjson with sorted keys and two-space indents: diff-friendly, readable by
``jq`` and by stock ``TinyDB(path)``. No TinyDB here: importing it costs the command line
time it rarely needs.
"""

from __future__ import annotations

from typing import Any

import orjson

_DUMP_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


def serialise(data: dict[str, Any]) -> bytes:
    """The bytes written to disk for ``data`` (all tables)."""
    return orjson.dumps(data, option=_DUMP_OPTIONS)


def parse(raw: bytes) -> Any:
    """Parse file bytes; raises ``orjson.JSONDecodeError`` (a ``ValueError``) when not JSON."""
    return orjson.loads(raw)


def duplicate_keys(raw: bytes) -> list[str]:
    """Keys that appear twice in one object of the JSON in ``raw`` ("notes/4").

    A JSON parser keeps the last of two equal keys and drops the other silently, so a
    record hidden that way is invisible once parsed. Slow (the standard library's parser,
    ~0.1 s for 10 MB): for ``relate doctor``, never for an everyday read.
    """
    import json

    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                found.append(key)
            seen[key] = value
        return seen

    json.loads(raw, object_pairs_hook=pairs)
    return found
