"""``JournalView``: one immutable snapshot of everything the screens show.

It includes the slow-to-build parts of the panes (the queue's rows, and the filter index,
built just after the view is on screen) so the UI thread only has to put them on screen.

Built in the writer thread and handed to the UI thread whole, so widgets never see a
half-updated journal and never call the journal. After a change this process made, the
new view is the last one patched for the people the change touched (their queue items,
rows and filter entries worked out again, everyone else's kept): a note saved into a
journal of 10,000 people costs what those few people cost.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from relate_tui.app.rows import QueueRows, queue_rows
from relate_tui.domain.matching import PeopleIndex
from relate_tui.domain.queue import QueueItem, requeue
from relate_tui.domain.search import NoteSearch
from relate_tui.journal import Journal, JournalData
from relate_tui.settings import Settings


@dataclass(frozen=True, eq=False)
class JournalView:
    """The journal's data, its queue and the day they were computed for."""

    data: JournalData
    queue: tuple[QueueItem, ...]
    today: date
    settings: Settings
    queue_rows: QueueRows
    """The queue pane's rows, ready to show."""
    reuse_index: PeopleIndex | None = field(default=None, repr=False)
    """The last view's filter index: entries of unchanged people are kept from it."""
    _index_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def people_index(self) -> PeopleIndex:
        """The filter index over ``data.active_people``.

        Not part of the first screen: the session builds it on its writer thread once the
        view is on screen (``Session.show``). Typed into the filter before that (the first
        fraction of a second), the filter waits for it — at most the time of building it,
        ~0.1 s for 10,000 people — rather than filter part of the list.
        """
        index = self.__dict__.get("_people_index")
        if index is None:
            with self._index_lock:
                index = self.__dict__.get("_people_index")
                if index is None:
                    index = PeopleIndex(self.data.active_people, reuse=self.reuse_index)
                    object.__setattr__(self, "_people_index", index)
                    object.__setattr__(self, "reuse_index", None)
        return index

    @property
    def index_built(self) -> PeopleIndex | None:
        """The filter index if it is built, else the one it will reuse (never builds)."""
        return self.__dict__.get("_people_index") or self.reuse_index

    @property
    def is_empty(self) -> bool:
        """No active people: the welcome is shown instead of empty panes."""
        return not self.data.active_people

    @cached_property
    def note_search(self) -> NoteSearch:
        """Every note's text, folded for the ``?text`` filter: built when first searched."""
        return NoteSearch(
            (r["id"], r.get("person_ids", ()), r.get("at", ""), r.get("body", ""))
            for r in self.data.raw_notes
        )

    def items_for(self, person_id: str) -> list[QueueItem]:
        """The queue items about one person, in queue order."""
        return [item for item in self.queue if item.person_id == person_id]


def build_view(journal: Journal, previous: JournalView | None = None) -> JournalView:
    """Read the journal (re-parsing only if the file changed) and compute the queue; patch
    ``previous`` instead when the journal's snapshot was made from its data by one change
    this process wrote."""
    today = journal.clock.today()
    data = journal.data()
    # What every new screen reads first, made here rather than on the event loop: the
    # people in the list's order (10,000 names sorted) and the index by id.
    data.active_people  # noqa: B018
    data.by_id  # noqa: B018
    if (
        previous is not None
        and previous.today == today
        and previous.settings is journal.settings
        and data.changed_people is not None
        and data.base_revision == previous.data.revision
    ):
        queue = requeue(
            previous.queue,
            data.changed_people,
            data.queue_people,
            data.open_promises,
            today,
            journal.settings,
            touches=data.touches,
        )
        return JournalView(
            data=data,
            queue=queue,
            today=today,
            settings=journal.settings,
            queue_rows=queue_rows(queue, today, reuse=previous.queue_rows),
            reuse_index=previous.index_built,
        )
    queue = journal.queue(today)
    return JournalView(
        data=data,
        queue=queue,
        today=today,
        settings=journal.settings,
        queue_rows=queue_rows(queue, today),
    )
