"""``relate due --count`` after a change, read lean: the status line's number from the
sealed file's people, promises and last-touch tables alone (``quick_read``), counted with
the queue's own core (``domain.queue_due.count_due``) — no ``journal`` package, no
``Person``, ``Note`` or ``Promise`` dataclasses, no ``typing`` or ``pathlib``.

Whenever the lean read declines, the full path (``Journal.due_count``) answers.
"""

from __future__ import annotations

import sys

from relate_tui import quick_read, status_line

TYPE_CHECKING = False  # typing is not imported on this path
if TYPE_CHECKING:
    from relate_tui.domain.clock import Clock


def answer(argv: list[str]) -> bool:
    """If ``argv`` is ``due --count`` (``--db`` perhaps) and the lean read can count,
    print the count, remember it for the status line, and return True."""
    shape = quick_read.command_line(argv, "due", ("--count",))
    if shape is None or shape[1] != {"--count"}:
        return False
    db = shape[0]
    key = status_line.Key(db)  # before the file is read, as the full path takes it
    found = count(key)
    if found is None:
        return False
    number, clock = found
    sys.stdout.write(f"{number}\n")
    status_line.remember(key, number, *status_line.day_bounds(clock))
    return True


def count(key: status_line.Key) -> tuple[int, Clock] | None:
    """The number of queue items overdue or due today in the journal ``key`` names, and
    the clock it was counted on; None whenever the full path must answer."""
    journal = quick_read.read(key, count_only=True)
    if journal is None:
        return None
    from relate_tui.domain.queue_due import count_due

    try:
        number = count_due(
            journal.queue_people(),
            journal.open_promises(),
            journal.clock.today(),
            journal.rules,
            touch_days=journal.touch_days(),
        )
    except Exception:  # anything unexpected: the full path says what it is
        return None
    return number, journal.clock
