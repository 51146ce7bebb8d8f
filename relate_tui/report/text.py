"""User text made safe to show: control characters made visible, long lines cut.

Names and note bodies may contain escape sequences or 5,000-character lines. Control
characters are shown as their Unicode pictures, so a stray ESC cannot move the cursor or
recolour the terminal. Both front doors use this; the app then puts the result in ``Text``
(never markup).
"""

from __future__ import annotations

import re

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
