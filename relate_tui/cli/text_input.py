"""Text typed on the command line or piped in must be UTF-8: anything else is bad input.

Python hands over bytes that are not UTF-8 as lone surrogates (in argv) or fails to decode
them (stdin). Left alone, they reach the save and come back as "could not save journal",
which sends people looking at their disk. Here they are refused up front, exit code 2,
with a line saying which text and where its first bad byte is. File paths are exempt:
a file name on Linux may be any bytes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from relate_tui.domain.errors import InputError

if TYPE_CHECKING:
    import argparse

PATH_OPTIONS = frozenset({"db", "file", "output", "restore"})
"""Options that name files: their bytes are the file system's, not text to store."""

_WHAT = {"name": "NAME", "text": "the note", "others": "--with", "command": "the command"}


def _shown(text: str) -> str:
    """``text`` with each byte that is not UTF-8 written as ``\\xff``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _bad_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_arguments(args: argparse.Namespace) -> None:
    """Refuse any text argument that is not valid UTF-8 (``InputError``)."""
    for key, value in vars(args).items():
        if key in PATH_OPTIONS:
            continue
        for text in value if isinstance(value, list) else (value,):
            if isinstance(text, str) and _bad_utf8(text):
                what = _WHAT.get(key, "--" + key.replace("_", "-"))
                raise InputError(
                    f'{what} is not valid UTF-8 text ("{_shown(text)}"): check the terminal\'s '
                    "or the script's encoding; nothing was changed"
                )


def read_stdin() -> str:
    """All of stdin as text (``relate log NAME -``), refusing bytes that are not UTF-8.

    A byte-order mark at the start (some Windows editors write one) is dropped.
    """
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # stdin replaced by a text stream (tests, embedding)
        text = sys.stdin.read()
        if _bad_utf8(text):
            raise InputError("the text on stdin is not valid UTF-8; nothing was changed")
        return text
    raw = buffer.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the text on stdin is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at position "
            f"{exc.start}): check the file's encoding; nothing was changed"
        ) from None
