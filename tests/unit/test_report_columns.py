"""``relate week``'s columns line up in a terminal whatever script the names are in."""

from __future__ import annotations

from datetime import UTC, date, datetime

from rich.cells import cell_len

from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.review import review
from relate_tui.report.columns import display_width, pad
from relate_tui.report.review import review_text
from relate_tui.settings import Settings

TODAY = date(2026, 12, 2)
T0 = datetime(2026, 1, 5, 9, tzinfo=UTC)
NAMES = [
    "Ana Lima",
    "王小明",
    "김민준",
    "Zoë Ça",
    "Jose\u0301 Ruiz",
    "Ｆｕｌｌ Ｗｉｄｔｈ",
    "😀 Emoji",
]


def test_display_width_counts_terminal_cells() -> None:
    for text in [*NAMES, "e\u0301", "x\ufe0f"]:
        assert display_width(text) == cell_len(text), text
    assert pad("王", 4) == "王  "


def test_the_give_and_take_columns_line_up_with_wide_names() -> None:
    people = [Person(id=f"p{i}", name=n, created=T0, updated=T0) for i, n in enumerate(NAMES)]
    notes = [
        Note(f"n{i}", (p.id,), "call", datetime(2026, 11, 20, 12, tzinfo=UTC), "hi", T0, T0,
             gave=True)
        for i, p in enumerate(people)
    ]  # fmt: skip
    text = review_text(review(people, notes, (), TODAY, Settings()))
    rows = [line for line in text.splitlines() if "gave 1 · asked 0" in line]
    assert len(rows) == len(NAMES)
    columns = {cell_len(row[: row.index("gave")]) for row in rows}
    assert columns == {2 + max(cell_len(n) for n in NAMES) + 2}
