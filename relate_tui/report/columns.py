"""Columns in a terminal: how many cells a text takes, so a table of names lines up.

``len`` counts characters; a terminal gives East Asian wide characters (Chinese,
Japanese, Korean, most emoji) two cells and combining marks none, so a column padded by
``len`` after "王小明" ends three cells late. Plain Python (``unicodedata``): the command
line loads no Rich.
"""

from __future__ import annotations

import unicodedata

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def _cells(char: str) -> int:
    if char in _ZERO_WIDTH or unicodedata.combining(char):
        return 0
    category = unicodedata.category(char)
    if category in ("Mn", "Me") or "\ufe00" <= char <= "\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The cells ``text`` takes in a terminal (one line, control characters made visible
    first)."""
    if text.isascii():
        return len(text)
    return sum(_cells(char) for char in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` cells."""
    return text + " " * max(0, width - display_width(text))
