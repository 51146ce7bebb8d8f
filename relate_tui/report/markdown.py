"""User text in Markdown documents (the weekly review, the journal export): it reads as
written, never as markup.

A name like ``Kim [/ Lee``, ``**Bo**`` or ``<b>Ana</b>`` is escaped character by character,
so a Markdown viewer shows exactly what was typed; control characters are made visible
first by ``report.text``, the one place that makes user text safe to show.
"""

from __future__ import annotations

import re

from relate_tui.report.text import one_line, visible

_SPECIAL = re.compile(r"[\\`*_\[\]<>|#~&]")
"""Characters Markdown (CommonMark, and GitHub's tables, strikethrough and entities) may
read as markup inside a line; a backslash before one makes it plain text."""
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _escaped(match: re.Match[str]) -> str:
    char, text, at = match.group(), match.string, match.start()
    before, after = text[at - 1 : at], text[at + 1 : at + 2]
    # Left as they are where they cannot be markup, so an export stays easy to read raw:
    if char == "_" and before.isalnum() and after.isalnum():
        return char  # inside a word (ana_lima@example.org): never emphasis
    if char == "#" and before and not before.isspace():
        return char  # C#: only a '#' starting a word can open or close a heading
    if char == "&" and not _ENTITY.match(text, at):
        return char  # R&D: only "&name;" is an entity
    return "\\" + char


def inline(text: str) -> str:
    """User text on one line (``report.text.one_line``), escaped for Markdown."""
    return _SPECIAL.sub(_escaped, one_line(text))


def block(text: str) -> str:
    """User Markdown (a note body, "about") kept as Markdown, control characters made
    visible; line ends are "\\n"."""
    return visible(text)
