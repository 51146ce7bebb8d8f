"""Schema migrations: pure functions on the journal's dicts, one step per version bump.

``Store`` calls ``migrate`` when it reads a file older than ``SCHEMA_VERSION``, under the
write lock and only after a byte-identical copy of the old file is safely on disk (see
``Store._migrate``). A future version adds one function to ``STEPS``; nothing else changes.

Steps never mutate their input (the caller may still need the original to report or
retry) and never invent random values, so a migration is repeatable and testable with
plain fixtures. ``check_migration`` is the safety net run on every result before it is
written: no record may appear, vanish or lose its note text.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from relate_tui.storage import schema

Data = dict[str, Any]
Step = Callable[[Data], Data]


class MigrationError(Exception):
    """A migration could not be done (no step, or its result failed the checks)."""


def _v0_to_v1(data: Data) -> Data:
    """Version 0 (before ``meta``) to 1.

    - notes: ``person_id`` (one string) becomes ``person_ids`` (a list);
    - promises: ``done: bool`` becomes ``status`` ("kept" or "open"), a kept promise's
      ``closed_at`` is its last update (the best date an early build recorded);
    - every record gets ``updated`` (= ``created``) if it has none;
    - a ``meta`` table with ``schema_version`` 1 is added; ``Store`` stamps the rest.
    Unknown fields and tables are kept as they are.
    """
    out = copy.deepcopy(data)
    for name in schema.TABLES:
        for record in out.get(name, {}).values():
            if "updated" not in record and "created" in record:
                record["updated"] = record["created"]
    for note in out.get("notes", {}).values():
        if "person_ids" not in note:
            single = note.pop("person_id", None)
            note["person_ids"] = [single] if isinstance(single, str) and single else []
    for promise in out.get("promises", {}).values():
        if "status" not in promise:
            done = bool(promise.pop("done", False))
            promise["status"] = "kept" if done else "open"
            if done and not promise.get("closed_at"):
                promise["closed_at"] = promise.get("updated") or promise.get("created")
    out[schema.META] = {"1": {"schema_version": 1}}
    return out


STEPS: dict[int, Step] = {
    0: _v0_to_v1,
}
"""From-version -> the function that turns data of that version into the next one."""


def migrate(data: Data, from_version: int, to_version: int = schema.SCHEMA_VERSION) -> Data:
    """``data`` of ``from_version`` brought to ``to_version`` by running each step in turn.

    Raises:
        MigrationError: a step is missing or its result loses or invents records.
    """
    if from_version > to_version:
        raise MigrationError(f"cannot migrate down from version {from_version}")
    current = data
    for version in range(from_version, to_version):
        step = STEPS.get(version)
        if step is None:
            raise MigrationError(f"no migration from schema version {version}")
        current = step(current)
    if current is not data:
        problem = check_migration(data, current)
        if problem:
            raise MigrationError(problem)
    return current


def check_migration(before: Data, after: Data) -> str | None:
    """Why ``after`` is not a faithful migration of ``before``, or None when it is.

    Every table keeps the same records (same TinyDB keys, same ids), every note keeps its
    text exactly, and the result has a journal's shape.
    """
    for table in schema.TABLES:
        old, new = before.get(table, {}), after.get(table, {})
        if old.keys() != new.keys():
            return f"{table}: {len(old)} records before, {len(new)} after"
        for key, record in old.items():
            if new[key].get("id") != record.get("id"):
                return f"{table}: record {key} changed its id"
    old_notes, new_notes = before.get("notes", {}), after.get("notes", {})
    for key, record in old_notes.items():
        if new_notes[key].get("body") != record.get("body"):
            return f"note {record.get('id')}: its text changed"
    return schema.shape_problem(after)


def upgrade(data: Data) -> Data:
    """``data`` (a journal's tables, of any known version) as the current version.

    For code that reads journal files other than the open one (importing a journal file,
    for example): a current file comes back as is, an old one migrated in memory.

    Raises:
        MigrationError: the version is unknown or newer than this relate.
    """
    version = schema.schema_version(data)
    if version == schema.SCHEMA_VERSION:
        return data
    if version < schema.OLDEST_VERSION or version > schema.SCHEMA_VERSION:
        raise MigrationError(f"unknown schema version {version}")
    return migrate(data, version)
