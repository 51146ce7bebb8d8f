"""User text in Markdown documents (the weekly review, the journal export): it reads as
written, never as markup.

A name like ``Kim [/ Lee``, ``**Bo**`` or ``<b>Ana</b>`` is escaped character by character,
so a Markdown viewer shows exactly what was typed; control characters are made visible
first by ``report.text``, the one place that makes user text safe to show.
"""

from __future__ import annotations

import re

from relate_tui.report.text import one_line, visible

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
"""Characters Markdown (CommonMark and GitHub's tables, strikethrough and entities) may
read as markup inside a line; a backslash before each makes it plain text."""


def inline(text: str) -> str:
    """User text on one line (``report.text.one_line``), escaped for Markdown."""
    return _SPECIAL.sub(r"\\\1", one_line(text))


def block(text: str) -> str:
    """User Markdown (a note body, "about") kept as Markdown, control characters made
    visible; line ends are "\\n"."""
    return visible(text)
