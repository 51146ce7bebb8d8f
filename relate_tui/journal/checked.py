"""Writes that never overwrite a change made meanwhile: every record a change replaces is
checked under the lock against the record it was worked out from.

The journal fills each change's ``expected`` with the record as it was read (the form's
record when the form opened, the snapshot a queue action read, what the undone change
wrote). If the file holds something else by the time of writing (an import, ``relate
log`` in another pane, a merged copy), nothing is written and the change is merged again,
field by field, the way git merges (``domain.record_merge``): ancestor = what was read,
ours = what this change writes, theirs = what is on disk now. Fields changed on one side
only are taken from that side; the same field changed on both is a ``RecordClash``,
which the app answers by asking (keep mine, keep theirs, see both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from relate_tui.storage.changes import UNCHECKED, Change, ChangedMeanwhile
from relate_tui.storage.schema import TABLES

if TYPE_CHECKING:
    from relate_tui.domain.record_merge import Clash
    from relate_tui.journal.snapshot import JournalData

Record = dict[str, Any]


class RecordClash(ChangedMeanwhile):
    """A record changed on disk since it was read, in a field this change changes too.

    Nothing was written. ``changes_keeping(mine)`` gives the change again, with the
    clashing record merged and each clashing field set to this change's value (``mine``
    True) or to what is on disk now.
    """

    def __init__(
        self,
        label: str,
        changes: Sequence[Change],
        index: int,
        clashes: list[Clash],
        merged: Record,
        current: Record,
    ) -> None:
        self.label = label
        self.changes = list(changes)
        self.index = index
        self.clashes = clashes
        self.merged = merged
        """The record merged, each clashing field holding what is on disk."""
        self.current = current
        """The record on disk now."""
        change = changes[index]
        self.table = change.table
        self.record_id = change.id
        self.key = (change.table, change.id, frozenset(clash.field for clash in clashes))
        """What the same clash is called when the change runs again."""
        fields = ", ".join(sorted({clash.field for clash in clashes}))
        super().__init__(
            f"{_noun(change.table)} changed while you were editing it ({fields}); "
            "nothing was written"
        )

    def changes_keeping(self, mine: bool) -> list[Change]:
        """The change again, resolved: the clashing fields keep this change's value when
        ``mine``, else the value on disk; checked against the record on disk now."""
        from relate_tui.domain.record_merge import with_values

        record = self.merged
        if mine:
            record = with_values(self.table, record, {c.field: c.ours for c in self.clashes})
        changes = list(self.changes)
        changes[self.index] = replace(changes[self.index], after=record, expected=self.current)
        return changes


def _noun(table: str) -> str:
    return {"people": "the person", "notes": "the note", "promises": "the promise"}.get(
        table, "a record"
    )


def expect_read(changes: Sequence[Change], snapshot: JournalData | None) -> list[Change]:
    """``changes`` with ``expected`` set, where it is not yet, to the record in
    ``snapshot`` (what the change was worked out from); new records need none."""
    if snapshot is None:
        return list(changes)
    out = []
    for change in changes:
        if change.new or change.expected is not UNCHECKED or change.table not in TABLES:
            out.append(change)
            continue
        out.append(replace(change, expected=snapshot.raw_record(change.table, change.id)))
    return out


def remerged(
    label: str, changes: Sequence[Change], current: Callable[[str, str], Record | None]
) -> list[Change]:
    """``changes`` worked out again against the records on disk now (``current``).

    A change whose record is as it was read stays; one whose record changed is merged
    field by field; a deletion deletes what is there now.

    Raises:
        RecordClash: the same field changed on both sides (nothing written).
    """
    from relate_tui.domain.record_merge import merge_records

    out: list[Change] = []
    for index, change in enumerate(changes):
        if change.new or change.expected is UNCHECKED:
            out.append(change)
            continue
        now = current(change.table, change.id)
        if now == change.expected:
            out.append(change)
            continue
        if change.after is None:
            if now is not None:
                out.append(replace(change, expected=now))
            continue
        if now is None:
            # Deleted meanwhile: an edit beats a delete, the record comes back as edited.
            out.append(replace(change, expected=None))
            continue
        merged, clashes = merge_records(
            change.table, change.after, now, change.expected, record_clashes=False
        )
        if clashes:
            raise RecordClash(label, changes, index, clashes, merged, now)
        out.append(replace(change, after=merged, expected=now))
    return out
