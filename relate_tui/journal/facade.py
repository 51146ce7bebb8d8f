"""``Journal``: the one facade the command line and the app call.

It owns the ``Store`` (the file) and the clock, and is made of parts with one job each:
reading (``reading``: the snapshot, the queue, the review, finding a person), committing
and undoing (``commits``), and the changes by subject (``people_changes``,
``note_changes``, ``promise_changes``), and other machines' copies: merging them in and
the conflicts a merge kept aside (``merging``).
"""

from __future__ import annotations

from pathlib import Path

from relate_tui.domain.clock import Clock
from relate_tui.journal.merging import JournalMerging
from relate_tui.journal.note_changes import NoteChanges
from relate_tui.journal.people_changes import PeopleChanges
from relate_tui.journal.promise_changes import PromiseChanges
from relate_tui.settings import Settings
from relate_tui.storage.rolling import Backups
from relate_tui.storage.store import Store


class Journal(PeopleChanges, NoteChanges, PromiseChanges, JournalMerging):
    """The journal file plus the rules for changing it.

    Args:
        path: the journal file.
        settings: tiers, week start, lead days...
        clock: where "now" comes from.
        writer: "cli" or "app", recorded in the file's meta.
        lock_timeout: seconds to wait for another writer.
        by_table: read a sealed file one table at a time, when first needed, instead of
            parsing it whole up front: ``relate log`` needs only the people, the queue and
            the app's first screen the people, the promises and the last-touch table, and
            the notes are read a person at a time (``journal.snapshot``).
        spares: where saves keep the version of the journal they replace, for the next
            save to write into its space (``storage.rolling.Backups.spare``); None, none.
    """

    def __init__(
        self,
        path: Path,
        settings: Settings,
        clock: Clock,
        *,
        writer: str = "cli",
        lock_timeout: float = 10.0,
        by_table: bool = True,
        spares: Path | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.store = Store(
            path,
            lock_timeout=lock_timeout,
            writer=writer,
            backups=Backups(settings.backups, clock, spares),
            # The app saves many times: it keeps the bytes it wrote for the next splice.
            keep_written=writer == "app",
            # People wait on the app's saves: the copy in the backups comes after.
            copy_after=writer == "app",
        )
        self._by_table = by_table
        self._data = None
        self._data_sig = None
        self._frozen = 0
        self.clash_choices = {}
