"""A list row laid out for its pane (``ListTable``'s ``fit``): the first line wraps, the
later lines are cut with "…", and it renders exactly as Rich's own split, truncate and
join rendered it (the fast version must show the same on screen)."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from relate_tui.app.rows import item_text
from relate_tui.app.widgets.list_table import fit
from relate_tui.domain.queue import QueueItem
from relate_tui.domain.touches import NoteHead


def rich_fit(text: Text, width: int) -> tuple[Text, int]:
    """The layout as Rich's operations make it (what ``fit`` did before)."""
    from rich.cells import cell_len

    plain_lines = text.plain.split("\n")
    if all(cell_len(line) <= width for line in plain_lines):
        return text, len(plain_lines)
    lines = text.split("\n", allow_blank=True)
    first, rest = lines[0], lines[1:]
    height = max(1, -(-first.cell_len // width)) + len(rest)
    for line in rest:
        line.truncate(width, overflow="ellipsis")
    fitted = Text("\n").join([first, *rest])
    fitted.no_wrap = False
    fitted.overflow = "fold"
    return fitted, height


def rendered(text: Text, width: int) -> list[list[tuple[str, object]]]:
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    lines = console.render_lines(text, console.options.update_width(width), pad=False)
    return [[(s.text, s.style) for s in line] for line in lines]


TODAY = date(2026, 12, 2)
words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("é漢字🦊 “”…·"),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(
    name=words.filter(str.strip),
    label=words,
    first_line=words,
    width=st.integers(min_value=10, max_value=90),
    days_late=st.integers(min_value=0, max_value=900),
)
def test_a_queue_row_renders_as_rich_laid_it_out(
    name: str, label: str, first_line: str, width: int, days_late: int
) -> None:
    item = QueueItem(
        kind="rhythm",
        person_id="p1",
        person_name=name,
        due=date(2026, 11, 1),
        group="overdue" if days_late else "later",
        days_late=days_late,
        ratio=0.5,
        period_days=14,
        last_touch=date(2026, 10, 1),
        label=label or "every 2 weeks",
        promise_id=None,
        last_note=NoteHead("n1", datetime(2026, 10, 1, 10), "call", first_line),
        open_promises=(),
        last_touch_kind="call",
    )
    text = item_text(item, TODAY)
    mine, height = fit(text.copy(), width)
    theirs, their_height = rich_fit(text.copy(), width)
    assert height == their_height
    assert mine.plain == theirs.plain
    assert rendered(mine, width) == rendered(theirs, width)


@given(
    pieces=st.lists(st.tuples(words, st.sampled_from(["", "bold", "dim", "italic red"]))),
    base=st.sampled_from(["", "bold", "on blue"]),
    width=st.integers(min_value=10, max_value=60),
)
@settings(max_examples=300, deadline=None)
def test_any_styled_text_renders_as_rich_laid_it_out(
    pieces: list[tuple[str, str]], base: str, width: int
) -> None:
    text = Text(style=base)
    for number, (piece, style) in enumerate(pieces):
        text.append(("\n" if number % 2 else "") + piece, style=style)
    mine, height = fit(text.copy(), width)
    theirs, their_height = rich_fit(text.copy(), width)
    assert height == their_height
    assert mine.plain == theirs.plain
    assert rendered(mine, width) == rendered(theirs, width)


def test_a_long_note_line_is_cut_with_an_ellipsis_and_the_name_wraps() -> None:
    text = Text("Ana Lima Ferreira da Silva", style="bold")
    text.append("\n  " + "x" * 50, style="dim")
    fitted, height = fit(text, 12)
    assert height == 3 + 1
    assert fitted.plain.split("\n")[1] == "  " + "x" * 9 + "…"
