"""vCard text values: backslash escapes, lists and compound values, and line folding.

A vCard text value escapes ``\\``, ``,``, ``;`` and line breaks with a backslash (RFC 2426
§4, RFC 6350 §3.4). Commas separate the items of a list (``CATEGORIES``, ``NICKNAME``) and
semicolons the parts of a compound value (``N``, ``ORG``). Many writers do not escape a
comma in a single-valued property (vCard 2.1 never asked them to), so a single value is
read whole: ``NOTE:Met at PyCon, talked about Rust`` is one note, not "Met at PyCon".
"""

from __future__ import annotations

import re

_UNESCAPED = {"\\": "\\", ",": ",", ";": ";", ":": ":", "n": "\n", "N": "\n"}
"""Escapes a reader undoes. ``\\:`` is not in the RFCs, but Google writes ``https\\://``."""

_ESCAPE = re.compile(r"\\([\\,;:nN])")
_SEPARATORS = {sep: re.compile(rf"\\.|{sep}", re.DOTALL) for sep in (",", ";")}
"""A separator, or an escape pair to step over (so ``\\,`` is not a separator)."""
_TO_ESCAPE = re.compile(r"\r\n|[\\,;\r\n]")
FOLD_OCTETS = 75
"""RFC 2426 §2.6 / RFC 6350 §3.2: lines SHOULD be no longer than 75 octets, line end aside."""


def unescape(value: str) -> str:
    """The text a single escaped value stands for; an unknown escape is kept as written
    (``C:\\Users`` in a 2.1 note stays ``C:\\Users``)."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], value)


def split_escaped(value: str, separator: str) -> list[str]:
    """``value`` cut at each ``separator`` that is not escaped, escapes left in place (so
    each part can be split again, then unescaped)."""
    if "\\" not in value:
        return value.split(separator)
    parts: list[str] = []
    start = 0
    for match in _SEPARATORS[separator].finditer(value):
        if match.group() == separator:
            parts.append(value[start : match.start()])
            start = match.end()
    parts.append(value[start:])
    return parts


def text_list(value: str) -> list[str]:
    """The items of a comma-separated list value, unescaped and stripped, empty ones
    dropped: ``CATEGORIES:work,close friends``."""
    items = (unescape(part).strip() for part in split_escaped(value, ","))
    return [item for item in items if item]


def compound(value: str) -> list[list[str]]:
    """The parts of a semicolon-separated value, each a list of its comma-separated items:
    ``N:Lima;Ana;Maria,Clara;;`` → [["Lima"], ["Ana"], ["Maria", "Clara"], [], []]."""
    return [text_list(part) for part in split_escaped(value, ";")]


def escape(text: str) -> str:
    """``text`` as a vCard 3.0 text value: backslash, comma and semicolon escaped, and each
    line break (CR LF, CR or LF) written ``\\n``, so a value is always one content line."""
    return _TO_ESCAPE.sub(
        lambda m: "\\n" if m.group() in ("\r\n", "\r", "\n") else "\\" + m.group(), text
    )


def fold(line: str, limit: int = FOLD_OCTETS) -> str:
    """A content line folded so no physical line is longer than ``limit`` octets of UTF-8,
    each continuation starting with one space, never inside a character's bytes; joined
    with CR LF, without the final line end."""
    if len(line) * 4 <= limit or len(line.encode("utf-8")) <= limit:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8", "surrogatepass"))
        if size + width > limit:
            pieces.append("".join(current))
            current = [" "]
            size = 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n".join(pieces)
