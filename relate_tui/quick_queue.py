"""``relate queue`` and ``relate due`` after a change, read lean: the queue from the sealed
file's people, promises and last-touch tables alone (``quick_read``), ranked by the
queue's own code (``domain.queue.build_queue``) and written by the command line's own
output functions (``report.output``), without the ``journal`` package, the command
line's parser or the journal's storage machinery.

Only the plain shapes (``queue``, ``--week``, ``--json``, ``due``, ``--db``) come here;
whenever the lean read declines, the full path answers (``cli.capture``), with its
messages.
"""

from __future__ import annotations

from relate_tui import quick_read, status_line

TYPE_CHECKING = False  # typing is not imported on this path
if TYPE_CHECKING:
    from datetime import date

    from relate_tui.domain.queue_item import QueueItem

QUEUE_FLAGS = ("--week", "--json")
WEEK = ("overdue", "today", "this_week")
"""The groups ``relate queue --week`` shows."""
DUE = ("overdue", "today")
"""The groups ``relate due`` shows."""


def answer(argv: list[str]) -> bool:
    """If ``argv`` is a plain ``relate queue`` or ``relate due`` line and the lean read
    can answer it, print what ``cli.capture`` would print and return True."""
    queue_line = quick_read.command_line(argv, "queue", QUEUE_FLAGS)
    due_line = quick_read.command_line(argv, "due", ())
    shape = queue_line or due_line
    if shape is None:
        return False
    db, flags = shape
    journal = quick_read.read(status_line.Key(db))
    if journal is None:
        return False
    from relate_tui.report import output

    try:  # everything worked out before anything is printed
        today = journal.clock.today()
        text, listed = None, None
        if due_line is not None:
            items = tuple(i for i in queue(journal, until=today) if i.group in DUE)
            text = output.queue_text(items, today, empty=False)
        else:
            items = queue(journal)
            if "--week" in flags:
                items = tuple(i for i in items if i.group in WEEK)
            if "--json" in flags:
                listed = [output.item_json(i) for i in items]
            else:
                text = output.queue_text(items, today, empty=not journal.has_active_people)
    except Exception:  # anything unexpected: the full path says what it is
        return False
    _print(text, listed)
    return True


def queue(journal: quick_read.LeanJournal, until: date | None = None) -> tuple[QueueItem, ...]:
    """The queue ``Journal.queue`` gives, from the lean read (without the items due after
    ``until``, if given)."""
    from relate_tui.domain.queue import build_queue
    from relate_tui.storage.touch_table import TableTouches

    return build_queue(
        journal.queue_people(),
        (),  # the last-touch table stands in for the notes
        journal.open_promises(),
        journal.clock.today(),
        journal.rules,
        touches=TableTouches(journal.newest),
        until=until,
    )


def _print(text: str | None, listed: list | None) -> None:
    """Write the answer as ``cli.main`` does: user text made safe for the terminal, a
    closed pipe the end of it."""
    from relate_tui.report import output
    from relate_tui.report.text import terminal_safe

    with terminal_safe():
        try:
            if text is not None:
                print(text)
            else:
                output.print_json(listed)
        except BrokenPipeError:
            pass
