"""User text made safe to show: control characters made visible, long lines cut.

Names and note bodies may contain escape sequences, bidi overrides or 5,000-character
lines. Control characters are shown as their Unicode pictures and bidi controls as a
visible mark, so a stray ESC cannot move the cursor, set the window title or the
clipboard, and U+202E cannot make a name read backwards. Both front doors use this one
module; the app then puts the result in ``Text`` (never markup), the command line prints it.
"""

from __future__ import annotations

import re

# C0 controls except tab/newline, DEL, C1 controls, and the bidi embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and bidi controls: the replacement character


def visible(text: str) -> str:
    """``text`` with control characters and bidi controls replaced by visible symbols;
    tabs and newlines are kept (for display only, never for storing)."""
    return _UNSAFE.sub(_picture, str(text))


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` made visible, on one line; cut at ``limit`` characters with an ellipsis
    when a limit is given."""
    flat = " ".join(visible(text).split())
    if limit is None or len(flat) <= limit:
        return flat
    return flat[: limit - 1] + "…"
