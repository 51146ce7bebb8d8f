"""Reading a journal file other than the open one (a sync tool's conflict copy, a file
given to ``relate merge``, the three versions git hands its merge driver), read-only.

It passes the same checks as the journal itself before anything of it is merged: JSON,
a journal's shape, a schema version this relate knows (an older one is upgraded in
memory; the file is never written), and records that the converters can read. A copy
that fails any of them is never merged: ``CopyUnreadable`` says why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from relate_tui.storage import schema
from relate_tui.storage.errors import StorageError
from relate_tui.storage.json_format import parse

Data = dict[str, Any]


class CopyUnreadable(StorageError):
    """Another journal file cannot be read, so it is not merged; nothing was changed."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_other_journal(path: Path, *, missing_is_empty: bool = False) -> Data:
    """The tables of the journal file at ``path`` (current schema), checked.

    ``missing_is_empty``: an absent or empty file reads as an empty journal (git's
    ancestor when both sides added the file).

    Raises:
        CopyUnreadable: the file is missing, damaged, not a journal, or from a newer relate.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if missing_is_empty:
            return {}
        raise CopyUnreadable(path, "there is no such file") from None
    except IsADirectoryError:
        raise CopyUnreadable(path, "it is a folder, not a file") from None
    except OSError as exc:
        raise CopyUnreadable(path, exc.strerror or str(exc)) from None
    if not raw or raw.isspace():
        if missing_is_empty:
            return {}
        raise CopyUnreadable(path, "the file is empty")
    if b"\n<<<<<<< " in raw or raw.startswith(b"<<<<<<< "):
        raise CopyUnreadable(path, "it holds git conflict markers (see relate sync git)")
    try:
        data = parse(raw)
    except ValueError as exc:
        raise CopyUnreadable(path, f"it is not valid JSON ({exc})") from None
    problem = schema.shape_problem(data)
    if problem:
        raise CopyUnreadable(path, f"it is not a relate journal ({problem})")
    version = schema.schema_version(data)
    if version > schema.SCHEMA_VERSION:
        raise CopyUnreadable(
            path, f"it was written by a newer relate (schema {version}): upgrade relate first"
        )
    if version != schema.SCHEMA_VERSION:
        from relate_tui.storage.migrations import MigrationError, upgrade

        try:
            data = upgrade(data)
        except MigrationError as exc:
            raise CopyUnreadable(path, f"its schema could not be upgraded ({exc})") from None
    problem = _record_problem(data)
    if problem:
        raise CopyUnreadable(path, problem)
    return data


def _record_problem(data: Data) -> str | None:
    """The first record the converters could not read, named, or None."""
    from relate_tui.storage import records

    convert = {
        "people": records.person_from_record,
        "notes": records.note_from_record,
        "promises": records.promise_from_record,
    }
    for table, converter in convert.items():
        for record in (data.get(table) or {}).values():
            try:
                converter(record)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                return f"its {table} record {record.get('id')} cannot be read ({exc!r})"
    for record in (data.get(schema.TOMBSTONES) or {}).values():
        if not isinstance(record.get("id"), str) or not isinstance(record.get("table"), str):
            return "a record of its tombstones table has no id or table"
    return None
