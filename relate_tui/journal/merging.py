"""``Journal``'s part for other copies of the journal: merging them in (``journal.merge``)
and the conflicts merges kept aside (``journal.conflicts``).

Small on purpose: every command imports the facade, and the merge is loaded only when
there is something to merge or a conflict to show.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from relate_tui.journal.commits import JournalCommits

if TYPE_CHECKING:
    from relate_tui.journal.conflicts import ConflictItem
    from relate_tui.journal.merge import CopyOutcome, MergeSummary


class JournalMerging(JournalCommits):
    """Merging other copies of the journal, and their conflicts."""

    def merge_tables(
        self, theirs: dict[str, Any], source: str, *, dry_run: bool = False
    ) -> MergeSummary:
        """Merge another journal's tables into this one, in one atomic write (none with
        ``dry_run``); worked out again if the journal changes meanwhile."""
        from relate_tui.journal import merge

        return merge.merge_tables(self, theirs, source, dry_run=dry_run)

    def merge_file(self, path: Path, *, dry_run: bool = False) -> MergeSummary:
        """Merge the journal file at ``path`` into this one.

        Raises:
            CopyUnreadable: the file is damaged or not a journal (nothing is changed).
        """
        from relate_tui.journal import merge

        return merge.merge_file(self, path, dry_run=dry_run)

    def absorb_conflict_copies(self) -> list[CopyOutcome]:
        """Merge the sync tools' conflict copies beside the journal, each moved into the
        backups folder once merged; a copy that cannot be read is left where it is."""
        from relate_tui.journal import merge

        return merge.absorb_conflict_copies(self)

    def conflicts(self) -> list[ConflictItem]:
        """Every conflict in the journal: people first, then notes, then promises."""
        from relate_tui.journal import conflicts

        return conflicts.all_conflicts(self)

    def conflicts_about(self, person_id: str) -> list[ConflictItem]:
        """The conflicts of a person's record, their notes and their promises."""
        from relate_tui.journal import conflicts

        return conflicts.conflicts_about(self.data(), person_id)

    def find_conflict(self, ref: str) -> ConflictItem:
        """The conflict whose code starts with ``ref`` (``InputError`` if none or several)."""
        from relate_tui.journal import conflicts

        return conflicts.find_conflict(self, ref)

    def resolve_conflict(self, item: ConflictItem, *, take_other: bool) -> str:
        """Keep the record's value (or take the one kept aside); returns what was done."""
        from relate_tui.journal import conflicts

        return conflicts.resolve_conflict(self, item, take_other=take_other)
