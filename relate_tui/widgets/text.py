"""User text is data: helpers that turn it into ``Text`` that is never parsed as markup.

Names and note bodies may contain ``[bold]``, ``[/]``, escape sequences or 5,000-character
lines. ``Text`` objects are never markup-parsed; control characters are made visible so a
stray ESC cannot move the cursor or recolour the terminal.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls except tab/newline, DEL and C1 controls: shown as their Unicode pictures.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def clean(text: str) -> str:
    """``text`` with control characters replaced by visible symbols (for display only)."""
    return _CONTROL.sub(_picture, text)


def one_line(text: str, limit: int = 200) -> str:
    """``text`` cleaned, on one line, cut at ``limit`` characters with an ellipsis."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def data(text: str, style: str = "") -> Text:
    """A ``Text`` holding user text literally."""
    return Text(clean(text), style=style)
