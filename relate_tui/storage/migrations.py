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
Tick = Callable[[], object]
"""Told once per record converted (an upgrade's progress bar counts them)."""
Step = Callable[..., Data]
"""``step(data)``, or ``step(data, tick=tick)`` to be told of each record converted."""


class MigrationError(Exception):
    """A migration could not be done (no step, or its result failed the checks)."""


def _v0_to_v1(data: Data, tick: Tick | None = None) -> Data:
    """Version 0 (before ``meta``) to 1.

    - notes: ``person_id`` (one string) becomes ``person_ids`` (a list);
    - promises: ``done: bool`` becomes ``status`` ("kept" or "open"), a kept promise's
      ``closed_at`` is its last update (the best date an early build recorded);
    - every record gets ``updated`` (= ``created``) if it has none;
    - a ``meta`` table with ``schema_version`` 1 is added; ``Store`` stamps the rest.
    Unknown fields and tables are kept as they are. Each record is copied and converted
    in turn, so ``tick`` hears of the work as it is done.
    """
    out = {name: table for name, table in data.items() if name not in schema.TABLES}
    out = copy.deepcopy(out)
    for name in schema.TABLES:
        if name not in data:
            continue
        converted = out[name] = {}
        for key, old in data[name].items():
            record = converted[key] = copy.deepcopy(old)
            _record_v0_to_v1(name, record)
            if tick is not None:
                tick()
    out[schema.META] = {"1": {"schema_version": 1}}
    return out


def _record_v0_to_v1(table: str, record: dict[str, Any]) -> None:
    """One record of ``table`` converted in place (a copy: see ``_v0_to_v1``)."""
    if "updated" not in record and "created" in record:
        record["updated"] = record["created"]
    if table == "notes" and "person_ids" not in record:
        single = record.pop("person_id", None)
        record["person_ids"] = [single] if isinstance(single, str) and single else []
    if table == "promises" and "status" not in record:
        done = bool(record.pop("done", False))
        record["status"] = "kept" if done else "open"
        if done and not record.get("closed_at"):
            record["closed_at"] = record.get("updated") or record.get("created")


STEPS: dict[int, Step] = {
    0: _v0_to_v1,
}
"""From-version -> the function that turns data of that version into the next one."""


def migrate(
    data: Data,
    from_version: int,
    to_version: int = schema.SCHEMA_VERSION,
    *,
    tick: Tick | None = None,
) -> Data:
    """``data`` of ``from_version`` brought to ``to_version`` by running each step in turn;
    ``tick`` is told of each record converted (``records_to_convert`` of them).

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
        current = step(current) if tick is None else step(current, tick=tick)
    if current is not data:
        problem = check_migration(data, current)
        if problem:
            raise MigrationError(problem)
    return current


def records_to_convert(
    data: Data, from_version: int, to_version: int = schema.SCHEMA_VERSION
) -> int:
    """How many times ``migrate`` will tick: each record, once per step."""
    records = sum(len(data.get(name, {})) for name in schema.TABLES)
    return records * max(0, to_version - from_version)


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


class Steps:
    """An upgrade's steps told to ``told`` (``Store.on_migrate_progress``): reading the file, each
    record converted, the old file's copy, the new file (``records`` + 3 in all)."""

    def __init__(self, told: Callable[[int, int], object] | None, records: int) -> None:
        self.told = told
        self.done = 0
        self.total = records + 3

    def tick(self) -> None:
        """One more step done."""
        if self.told is not None:
            self.done += 1
            self.told(self.done, self.total)

    @property
    def tick_or_none(self) -> Callable[[], None] | None:
        """``tick``, or None when nobody listens (the migration skips the calls)."""
        return self.tick if self.told is not None else None

    def end(self) -> None:
        """The upgrade ended (written, kept in memory or refused): the last word."""
        if self.told is not None and self.done:
            self.told(self.total, self.total)
