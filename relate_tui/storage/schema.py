"""Schema version of the journal file, its shape check and the ``meta`` record.

Version history (``storage.migrations`` holds one step per version bump):

- 0: journals written before the ``meta`` table existed (early builds): notes name one
  person in ``person_id`` (a string), promises have ``done: bool`` instead of ``status``,
  records may lack ``updated``.
- 1: tables ``people``, ``notes``, ``promises`` and ``meta`` (one record:
  ``schema_version``, ``revision``, ``file_id``, ``created``, ``updated``, ``app_version``,
  ``last_writer``, and ``seal``, see ``storage.sealed``; a file without a seal, or with
  one that does not match, is simply read and written the ordinary way, so the seal
  needed no version bump), and ``undo``, the change history (``storage.history``:
  the newest 50 changes, each with its records as they were before and a digest of what
  it wrote). The history came later without a version bump: a file without it simply has
  nothing to undo yet, and an older relate keeps it as it keeps any table it does not
  know (its own changes then have no history, and undo leaves the records they touched).
  Later, without a version bump either (an older relate keeps what it does not know):
  ``tombstones`` (one record per deleted record: ``id``, ``table``, ``at`` and the
  ``versions`` it had), and in records ``versions`` (each changed field's versions, see
  ``domain.versions``) and ``conflicts`` (values a merge kept aside for the user, see
  ``domain.record_merge``).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from relate_tui import __version__

TYPE_CHECKING = False  # typing is not imported on the status line's path (``quick_due``)
if TYPE_CHECKING:
    from typing import Any

SCHEMA_VERSION = 1
OLDEST_VERSION = 0
"""The oldest version a migration path exists for."""
TABLES = ("people", "notes", "promises")
"""The tables of records (each record has a string ``id``)."""
TOMBSTONES = "tombstones"
"""Deleted records, so a merge with another machine's copy deletes them there too
(``storage.versioning``; named to sort after ``meta``, which a sealed file needs first)."""
HISTORY = "undo"
"""The change history (``storage.history``): the newest changes, for undo."""
FILE_TABLES = (*TABLES, TOMBSTONES, HISTORY)
"""Every table relate writes besides ``meta``."""
META = "meta"


def shape_problem(data: Any) -> str | None:
    """Why ``data`` is not a journal's shape, or None when it is.

    A TinyDB file is an object of tables, each an object of records keyed by number.
    """
    if not isinstance(data, dict):
        return f"expected a JSON object of tables, found {type(data).__name__}"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table {name!r} is not an object of records"
        # The fast check (in C, for every read of up to 100,000 records) first; the loop
        # below only runs to name the first bad record.
        records = table.values()
        if name in TABLES:
            if all(type(r) is dict and type(r.get("id")) is str for r in records):
                continue
        elif all(type(r) is dict for r in records):
            continue
        for key, record in table.items():
            if not isinstance(record, dict):
                return f"record {key!r} in table {name!r} is not an object"
            if name in TABLES and not isinstance(record.get("id"), str):
                return f"record {key!r} in table {name!r} has no id"
    return None


def meta_record(data: dict[str, Any]) -> dict[str, Any]:
    """The meta record of ``data`` (empty dict when the file has none yet)."""
    table = data.get(META) or {}
    for record in table.values():
        return record
    return {}


def schema_version(data: dict[str, Any]) -> int:
    """The file's schema version, or -1 when the meta record holds no usable number.

    An empty file (``{}``, what ``Store`` sees before the first write) is of this version.
    A file with tables but no ``meta`` table was written before meta existed: version 0.
    """
    table = data.get(META)
    if table is None:
        return SCHEMA_VERSION if not data else 0
    meta = meta_record(data)
    version = meta.get("schema_version", SCHEMA_VERSION)
    return version if isinstance(version, int) and not isinstance(version, bool) else -1


def revision(data: dict[str, Any]) -> int:
    """The revision counter: bumped by every write, so readers can tell versions apart."""
    value = meta_record(data).get("revision", 0)
    return value if isinstance(value, int) else 0


def stamp_meta(data: dict[str, Any], writer: str) -> None:
    """Bump the revision and stamp the meta record of ``data`` in place."""
    data[META] = {"1": stamped_meta(meta_record(data), writer)}


def stamped_meta(record: dict[str, Any], writer: str) -> dict[str, Any]:
    """The meta record to write next after ``record``: revision bumped, stamped now."""
    now = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    meta = dict(record)
    # A new file, or one just migrated from before meta existed, gets its identity here.
    meta.setdefault("file_id", os.urandom(16).hex())
    meta.setdefault("created", now)
    meta["schema_version"] = max(SCHEMA_VERSION, meta.get("schema_version", 0))
    revision = meta.get("revision", 0)
    meta["revision"] = (revision if isinstance(revision, int) else 0) + 1
    meta["updated"] = now
    meta["app_version"] = __version__
    meta["last_writer"] = writer
    return meta
