"""Contacts in, calendar out: vCard, LinkedIn ``Connections.csv``, ICS, JSON and Markdown.

Each format is a module of pure functions: parsers turn text into ``Parsed`` (people read
from the file plus the problems met on the way), exporters turn journal data into bytes.
``merge`` decides how imported people meet the ones already in the journal. The command
(``relate_tui.cli.interop``) reads files, writes through ``Journal.bulk_save`` and prints.

vobject and icalendar are imported inside the functions that need them, never at module
level, so ``relate log`` and ``relate queue`` never pay for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from relate_tui.domain.errors import InputError
from relate_tui.domain.people import Person

__all__ = ["Imported", "Parsed", "Problem", "clean_tags", "read_text"]


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


def read_text(path: Path) -> str:
    """The text of an import file, whatever its encoding.

    Exports come as UTF-8 (with or without a byte-order mark), UTF-16 from some Windows
    tools, and now and then Latin-1/Windows-1252 from old phones; try them in that order.
    """
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(
            f"{path} is a folder: pass a .vcf file or a folder of .vcf files"
        ) from None
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")  # never fails: every byte is a character


def clean_tags(tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tags stripped of space and a leading '#', empty ones dropped, first spelling kept
    among those that differ only in case."""
    seen: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(tag.split()).lstrip("#").strip()
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return tuple(seen.values())
