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
