"""One-line summaries of Markdown note bodies, as the queue, review and CLI show them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from relate_tui.domain.notes import Note, plain_markdown

T = datetime(2026, 12, 2, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "plain"),
    [
        ("Talked about her **ML ethics** talk.", "Talked about her ML ethics talk."),
        ("# Catch-up", "Catch-up"),
        ("- [x] sent the deck", "sent the deck"),
        ("> she said *yes*", "she said yes"),
        ("read [the paper](https://example.org/p.pdf)", "read the paper"),
        ("use `uv` now", "use uv now"),
        ("***both***", "both"),
        ("5 * 3 = 15", "5 * 3 = 15"),  # a lone star is not emphasis
        ("snake_case_name", "snake_case_name"),
        ("[bold]not markup[/]", "[bold]not markup[/]"),  # Rich markup is just text here
    ],
)
def test_plain_markdown(line: str, plain: str) -> None:
    assert plain_markdown(line) == plain


def test_first_line_skips_blank_lines_and_strips_markdown() -> None:
    note = Note("n", ("p",), "call", T, "\n\n  **Lunch** with Ana\nmore", T, T)
    assert note.first_line == "Lunch with Ana"
    assert Note("n", ("p",), "call", T, "   \n", T, T).first_line == ""
