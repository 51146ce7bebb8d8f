"""Contacts in, calendar out: vCard, LinkedIn ``Connections.csv``, ICS, JSON and Markdown.

Each format is a module of pure functions: parsers turn text into ``Parsed`` (people read
from the file plus the problems met on the way), exporters turn journal data into bytes.
``merge`` decides how imported people meet the ones already in the journal. The command
(``relate_tui.cli.interop``) reads files, writes through ``Journal.bulk_save`` and prints.

icalendar is imported inside the functions that need it, never at module level, so
``relate log`` and ``relate queue`` never pay for it. vCards are read and written by our
own code (``interop.vcard``), which takes back exactly what it writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from relate_tui.domain.errors import InputError
from relate_tui.domain.people import Person

__all__ = [
    "Imported",
    "Parsed",
    "Problem",
    "clean_tags",
    "decode_text",
    "read_bytes",
    "read_text",
]


@dataclass(frozen=True)
class Problem:
    """Something in an imported file we could not use.

    ``skipped`` is True when a whole card or row was left out, False when only one of its
    fields was (an unreadable birthday, say) and the person was still imported.
    """

    where: str
    """Which card or row: 'card 4 (line 37, "Bob")'."""
    why: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


@dataclass(frozen=True)
class Imported:
    """One person read from a file, not yet matched against the journal."""

    person: Person
    where: str
    """Which card or row it came from, for messages."""


@dataclass
class Parsed:
    """What a parser made of a file: people in file order and the problems met."""

    people: list[Imported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_bytes(path: Path) -> bytes:
    """The bytes of an import file; ``InputError`` with a one-line reason when it cannot be
    read (a folder, missing, no permission)."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(
            f"{path} is a folder: pass a .vcf file or a folder of .vcf files"
        ) from None
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_text(path: Path) -> str:
    """The text of an import file, whatever its encoding (see ``decode_text``)."""
    return decode_text(read_bytes(path))


def decode_text(raw: bytes) -> str:
    """Text from the bytes of an export, line by line.

    Exports come as UTF-8 (with or without a byte-order mark), UTF-16 from some Windows
    tools, and now and then Windows-1252 from old phones. A file that is not UTF-8 as a
    whole is decoded one line at a time (UTF-8, else Windows-1252), so one stray byte
    garbles one line, not every name in the file.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    pieces = re.split(rb"(\r\n|\r|\n)", raw.removeprefix(b"\xef\xbb\xbf"))
    return "".join(_decode_line(piece) for piece in pieces)


def _decode_line(raw: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # never fails: every byte is a character


def clean_tags(tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tags stripped of space around them and a leading '#', empty ones dropped, first
    spelling kept among those that differ only in case. (Space inside a tag is kept, as
    the journal keeps it, so a tag comes back from an export as it went out.)"""
    seen: dict[str, str] = {}
    for tag in tags:
        tag = tag.strip().lstrip("#").strip()
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return tuple(seen.values())
