"""One-line summaries of Markdown note bodies, as the queue, review and CLI show them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

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


def _plain_markdown_always_parsed(line: str) -> str:
    """``plain_markdown`` as it was before lines without markup skipped the patterns."""
    from relate_tui.domain import notes

    text = notes._LINE_START.sub("", line.strip())
    text = notes._LINK.sub(r"\1", text)
    previous = None
    while previous != text:
        previous, text = text, notes._EMPHASIS.sub(r"\2", text)
    return text.strip()


MARKDOWNISH = st.text(
    st.one_of(
        st.sampled_from(list("#>-*+[]()!_`~xX .)1٣\t\n\u00a0\u2003\x1c\x85")),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=24,
)
MARKERS = st.sampled_from(["", " ", "1. ", "12) ", "٣. ", "# ", "### ", "> ", "- ", "* [x] ", "+ "])


@given(MARKERS, MARKDOWNISH)
@example("", "a __bold__ word")
@example("", "a ~~struck~~ word")
@example("", "some `code` here")
@example("", "see [the deck](https://x.y)")
@example("", "**loud** and *soft*")
@example("", "3) third")
@settings(max_examples=500, deadline=None)
def test_a_line_without_markup_reads_as_the_patterns_would_read_it(marker: str, rest: str) -> None:
    """The quick way past lines with nothing to remove gives what the patterns give."""
    line = marker + rest
    assert plain_markdown(line) == _plain_markdown_always_parsed(line)
