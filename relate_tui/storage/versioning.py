"""What every write does besides replacing records, so another machine's copy can be
merged later: changed fields get new versions, deletions leave tombstones.

``RecordKeeper`` sees each record change of a write under the lock, with the record as
it is on disk (``before``):

- a replaced record gets ``domain.versions.stamped``: each field whose value changed
  gets a new version (a hybrid logical clock made on this machine);
- a deleted record leaves a tombstone in the ``tombstones`` table: its id and table, the
  deletion's version and the versions the record had, so a merge can tell a copy that
  still has the record unchanged (it goes) from one that changed it since (it stays);
- a record put back where a tombstone says it was deleted (undo) marks the tombstone
  ``undone`` with a later version, so a copy holding the deletion does not delete it
  again (the record itself is put back exactly as it was).

The table keeps the newest ``TOMBSTONE_LIMIT`` deletions. New records need none of this:
the capture path (``relate log``) never imports this module.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from relate_tui.domain.journal_merge import TOMBSTONE_LIMIT, covers_deletion, outlived
from relate_tui.domain.record_fields import VERSIONS
from relate_tui.domain.versions import (
    all_versions,
    next_version,
    stamped,
)
from relate_tui.storage.schema import TABLES, TOMBSTONES

if TYPE_CHECKING:
    from tinydb import TinyDB

Record = dict[str, Any]


@cache
def machine_id() -> str:
    """A short id of this machine, the same every run: it ends every version made here.

    ``$RELATE_MACHINE`` sets it (tests, or two journals on one machine). Otherwise it is
    derived from the system's machine id and host name, never stored in the journal's
    folder (which a sync tool copies to the other machine).
    """
    chosen = "".join(c for c in os.environ.get("RELATE_MACHINE", "") if c.isalnum())
    if chosen:
        return chosen[:12].lower()
    seed = ""
    for path in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            with open(path, encoding="ascii", errors="replace") as file:
                seed = file.read().strip()
        except OSError:
            continue
        if seed:
            break
    if not seed:
        import uuid

        seed = str(uuid.getnode())
    import platform

    return f"{zlib.crc32((seed + platform.node()).encode()):08x}"


def utc_now() -> datetime:
    """The wall clock a version starts from (always the real one: versions order real
    edits, whatever clock the journal shows the user)."""
    return datetime.now(UTC)


class RecordKeeper:
    """The versions and tombstones of one write (see the module docstring).

    Args:
        db: the write's TinyDB (``Store.transaction``).
        now: the wall clock (tests pass their own).
    """

    def __init__(self, db: TinyDB, now: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.now = now
        self.machine = machine_id()
        self._coming: dict[tuple[str, str], Record] = {}
        """Tombstones this write adds (a merge's), inserted only at its end."""

    def _tombstones(self) -> dict[str, Record]:
        return self.db.storage.read().get(TOMBSTONES) or {}

    def _tombstone(self, table: str, rid: str) -> tuple[str | None, Record] | None:
        coming = self._coming.get((table, rid))
        if coming is not None:
            return None, coming
        for key, record in self._tombstones().items():
            if record.get("id") == rid and record.get("table") == table:
                return key, record
        return None

    def _version(self, *records: Record | None) -> str:
        seen = [v for record in records for v in all_versions(record)]
        return next_version(self.now(), self.machine, seen)

    def written(
        self, table: str, rid: str, before: Record | None, after: Record | None
    ) -> Record | None:
        """``after`` as it is to be written over ``before`` (see the module docstring)."""
        if table == TOMBSTONES and before is None and after is not None:
            self._coming[(str(after.get("table")), rid)] = after
        if table not in TABLES:
            return after
        if before is not None and after is not None:
            return stamped(table, before, after, lambda: self._version(before, after))
        if before is not None:
            self._deleted(table, rid, before)
            return None
        if after is not None:
            found = self._tombstone(table, rid)
            if found is not None and found[0] is not None and not outlived(after, found[1]):
                # Put back where a deletion was (undo): the tombstone says it was undone,
                # with a later version, so a copy that still holds it deletes nothing.
                tomb = {**found[1], "at": self._version(after, found[1]), "undone": True}
                table_api = self.db.table(TOMBSTONES)
                table_api.remove(doc_ids=[int(found[0])])
                table_api.insert(tomb)
        return after

    def _deleted(self, table: str, rid: str, before: Record) -> None:
        table_api = self.db.table(TOMBSTONES)
        found = self._tombstone(table, rid)
        if found is not None:
            if covers_deletion(table, before, found[1]):
                return  # a merge deleting what that tombstone already says was deleted
            if found[0] is None:
                return  # the merge's own tombstone for it is on its way
            table_api.remove(doc_ids=[int(found[0])])
        tomb: Record = {"at": self._version(before), "id": rid, "table": table}
        versions = before.get(VERSIONS)
        if isinstance(versions, dict) and versions:
            tomb[VERSIONS] = versions
        table_api.insert(tomb)

    def finish(self) -> None:
        """Forget the oldest deletions beyond ``TOMBSTONE_LIMIT``."""
        tombs = self._tombstones()
        if len(tombs) <= TOMBSTONE_LIMIT:
            return
        oldest = sorted(tombs, key=lambda k: (str(tombs[k].get("at", "")), int(k)))
        self.db.table(TOMBSTONES).remove(
            doc_ids=[int(k) for k in oldest[: len(tombs) - TOMBSTONE_LIMIT]]
        )
