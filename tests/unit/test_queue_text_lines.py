"""``relate queue``'s lines say how long ago each person's last note was, worked out once
per day written on: notes of one day read alike, notes of other days read their own."""

from __future__ import annotations

from datetime import UTC, date, datetime

from relate_tui.domain.queue_item import QueueItem
from relate_tui.domain.touches import NoteHead
from relate_tui.report.output import queue_text

TODAY = date(2026, 12, 2)


def _item(name: str, note_day: date, kind: str) -> QueueItem:
    head = NoteHead(f"n-{name}", datetime.combine(note_day, datetime.min.time(), UTC), kind, "Hi")
    return QueueItem("rhythm", f"p-{name}", name, TODAY, "today", 0, 0.0, 7, note_day,
                     "every week", None, head, (), "1w", None, kind, note_day, TODAY)  # fmt: skip


def test_each_last_note_reads_its_own_days_ago() -> None:
    items = (
        _item("Ana", date(2026, 11, 25), "call"),
        _item("Ben", date(2026, 11, 25), "email"),
        _item("Caro", date(2026, 12, 1), "call"),
        _item("Dan", date(2024, 6, 1), "meal"),
    )
    lines = [line.strip() for line in queue_text(items, TODAY, empty=False).splitlines()]
    assert [line for line in lines if line.startswith("last:")] == [
        "last: call 1 week ago — Hi",
        "last: email 1 week ago — Hi",
        "last: call yesterday — Hi",
        "last: meal 2 years ago — Hi",
    ]
