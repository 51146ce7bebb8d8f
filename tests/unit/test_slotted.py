"""The cheap constructor of the queue's frozen, slotted classes gives the same objects."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from relate_tui.domain.queue_item import QueueItem
from relate_tui.domain.slotted import maker
from relate_tui.domain.touches import NoteHead

DAY = date(2026, 12, 2)
ITEM = ("rhythm", "p1", "Ana Lima", DAY, "today", 0, 0.0, 7, DAY, "every week", None,
        NoteHead("n1", datetime(2026, 11, 30, 9, tzinfo=UTC), "call", "Coffee"), (),
        "1w", None, "call", DAY, DAY)  # fmt: skip


def test_maker_gives_an_equal_hashable_immutable_item() -> None:
    made = maker(QueueItem)(*ITEM)
    assert type(made) is QueueItem
    assert made == QueueItem(*ITEM)
    assert hash(made) == hash(QueueItem(*ITEM))
    assert dataclasses.replace(made, group="overdue").group == "overdue"
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.group = "later"  # type: ignore[misc]


def test_maker_sets_every_field_in_order() -> None:
    made = maker(NoteHead)("n1", datetime(2026, 11, 30, tzinfo=UTC), "call", "Coffee")
    assert made == NoteHead("n1", datetime(2026, 11, 30, tzinfo=UTC), "call", "Coffee")
    assert made.first_line == "Coffee"


def test_maker_refuses_a_wrong_count_of_values() -> None:
    with pytest.raises(TypeError, match="make_NoteHead"):
        maker(NoteHead)("n1", datetime(2026, 11, 30, tzinfo=UTC), "call")
