"""User text made safe to show: control characters made visible, long lines cut.

Names and note bodies may contain escape sequences, bidi overrides or 5,000-character
lines. Control characters are shown as their Unicode pictures and bidi controls as a
visible mark, so a stray ESC cannot move the cursor, set the window title or the
clipboard, and U+202E cannot make a name read backwards. Both front doors use this one
module; the app then puts the result in ``Text`` (never markup), the command line prints it.

The command line does not have to remember to call it: ``terminal_safe()`` puts every
line a command prints (stdout and stderr) through ``visible``. What it writes as bytes
instead (``--json``, an export to stdout) uses ``json_safe`` or ``visible_lines``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

TYPE_CHECKING = False  # typing is not imported on the lean read's path (``quick_queue``)
if TYPE_CHECKING:
    from typing import Any, TextIO

# C0 controls except tab/newline, DEL, C1 controls, the bidi embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069), and lone surrogates (what Python makes of bytes
# that are not UTF-8 in argv or a file name: they cannot even be printed).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_LINE_END = re.compile(r"\r?\n")
# The same characters as they appear in UTF-8 JSON: orjson escapes C0 controls (JSON
# requires it) but writes DEL, C1 and bidi controls as they are.
_UNSAFE_IN_JSON = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls, bidi controls, lone surrogates: the replacement character


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


def visible_lines(text: str) -> str:
    """``text`` made visible line by line, keeping its line endings (``\\r\\n`` too: vCard
    and iCalendar need them); a carriage return inside a line is shown as ␍."""
    ends = _LINE_END.findall(text)
    lines = _LINE_END.split(text)
    return "".join(visible(line) + end for line, end in zip(lines, [*ends, ""], strict=True))


def _escape_in_json(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode("utf-8"))


def json_safe(payload: bytes) -> bytes:
    """UTF-8 JSON with DEL, C1 and bidi controls written as ``\\uXXXX`` escapes.

    The parsed text is exactly the same (the escapes mean those characters), but none of
    them reaches a terminal raw when the JSON is printed. Outside strings JSON holds only
    ASCII, so the bytes replaced are always inside a string.
    """
    return _UNSAFE_IN_JSON.sub(_escape_in_json, payload)


class SafeStream:
    """A text stream that writes everything through ``visible`` to the stream it wraps.

    ``buffer`` is the wrapped stream's: bytes written there (JSON, an export) are the
    writer's to make safe. Text the stream's encoding cannot hold is replaced rather than
    ending the command with a traceback.
    """

    def __init__(self, stream: TextIO) -> None:
        self.wrapped = stream

    def write(self, text: str) -> int:
        """Write ``text`` made visible; returns ``len(text)``, as a text stream does."""
        safe = visible(text)
        try:
            self.wrapped.write(safe)
        except UnicodeEncodeError:
            encoding = getattr(self.wrapped, "encoding", None) or "utf-8"
            self.wrapped.write(safe.encode(encoding, "replace").decode(encoding))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def under(stream: TextIO) -> TextIO:
    """The stream beneath a ``SafeStream`` (else ``stream``): for the program's own control
    codes, such as a progress bar's ``\r``. Any text written there must be made visible by
    the writer."""
    return stream.wrapped if isinstance(stream, SafeStream) else stream


@contextmanager
def terminal_safe() -> Iterator[None]:
    """Within this block, everything printed to stdout and stderr goes through ``visible``."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
