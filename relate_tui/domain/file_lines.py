"""The lines of a file: split on CR LF, CR and LF, and nothing else.

``str.splitlines()`` also splits on U+2028, U+2029, U+0085, form feed, vertical tab and
the file/group/record separators. Those are characters *inside* a line of a vCard, a CSV
row, a Markdown note or a config file: splitting on them cuts a value in two (a note with a
line separator made its card "not a readable vCard", and saving the theme turned a
U+2028 in a config comment into a line of its own). Every place that reads lines of a
file format uses these functions instead; text laid out for the screen may still use
``splitlines``.
"""

from __future__ import annotations

import re

_LINE_END = re.compile(r"\r\n|\r|\n")
_BYTE_LINE_END = re.compile(rb"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """``text`` cut at CR LF, CR and LF only, line ends removed; like ``splitlines``, a
    final line end does not start another, empty line."""
    lines = _LINE_END.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def split_byte_lines(raw: bytes) -> list[bytes]:
    """``raw`` cut the same way before it is decoded, so that a line in one encoding can
    be decoded apart from a line in another."""
    lines = _BYTE_LINE_END.split(raw)
    if lines[-1] == b"":
        lines.pop()
    return lines
