"""User text in the Markdown documents (weekly review, journal export) reads as typed in a
Markdown viewer, and stays easy to read raw."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from relate_tui.report.markdown import inline
from relate_tui.report.text import one_line

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PIECES = [
    "*", "_", "**", "__", "[", "]", "(", ")", "<", ">", "`", "#", "&amp;", "&", "&#65;", "~~",
    "|", "\\", "!", "1.", "-", "+", "=", "a", "é", "語", " ", "http://x.org", "[/", "<b>",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=12))
def test_any_text_reads_as_typed_in_a_heading_and_after_a_label(parts: list[str]) -> None:
    text = "".join(parts)
    for prefix, label in (("## ", ""), ("- **Label:** ", "Label: ")):
        tokens = PARSER.parse(prefix + inline(text))
        [line] = [t for t in tokens if t.type == "inline"]
        kinds = {c.type for c in line.children or []}
        assert kinds <= {"text", "strong_open", "strong_close"}, kinds
        shown = "".join(c.content for c in line.children or [] if c.type == "text")
        assert shown == (label + one_line(text)).rstrip()


def test_characters_that_cannot_be_markup_where_they_are_stay_unescaped() -> None:
    assert inline("ana_lima@example.org") == "ana_lima@example.org"
    assert inline("C# and R&D") == "C# and R&D"
    assert inline("_Bo_ #1 &amp; **x**") == "\\_Bo\\_ \\#1 \\&amp; \\*\\*x\\*\\*"
    assert inline("Kim [/ Lee") == "Kim \\[/ Lee"
