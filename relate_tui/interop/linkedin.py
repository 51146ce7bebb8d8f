"""LinkedIn's ``Connections.csv`` (Settings → Data privacy → Get a copy of your data).

The file opens with a few "Notes:" lines before the real header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; the header is
found by its column names, not by its line number, since LinkedIn has changed the
preamble over the years. Email addresses are often empty (people can hide them).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from relate_tui.domain.errors import InputError
from relate_tui.domain.file_lines import split_lines
from relate_tui.domain.ids import new_id
from relate_tui.domain.people import Channel, Person
from relate_tui.interop import Imported, Parsed, Problem

TAG = "linkedin"
_COLUMNS = {
    "first": "first name",
    "last": "last name",
    "url": "url",
    "email": "email address",
    "company": "company",
    "position": "position",
    "connected": "connected on",
}


def looks_like_linkedin(text: str) -> bool:
    """True when ``text`` has LinkedIn's header line in its first lines."""
    return _header_line(split_lines(text)[:30]) is not None


def _header_line(lines: list[str]) -> int | None:
    for number, line in enumerate(lines):
        cells = [c.strip().strip('"').casefold() for c in line.split(",")]
        if _COLUMNS["first"] in cells and _COLUMNS["last"] in cells:
            return number
    return None


def parse_connected_on(text: str) -> date | None:
    """ "15 Nov 2023" (LinkedIn's form) or 2023-11-15; None for anything else."""
    text = text.strip()
    for form in ("%d %b %Y", "%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def parse_connections(text: str, *, now: datetime) -> Parsed:
    """Everyone in a LinkedIn ``Connections.csv``; rows without a name become problems.

    Raises ``InputError`` when the file has no LinkedIn header at all."""
    parsed = Parsed()
    lines = split_lines(text)
    header = _header_line(lines[:30])
    if header is None:
        raise InputError("not a LinkedIn Connections.csv: no First Name,Last Name header")
    reader = csv.reader(io.StringIO("\n".join(lines[header:])))
    columns = [c.strip().casefold() for c in next(reader)]
    at = {key: columns.index(name) for key, name in _COLUMNS.items() if name in columns}
    for row in reader:
        line = header + reader.line_num
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            i = at.get(key)
            return " ".join(row[i].split()) if i is not None and i < len(row) else ""

        name = " ".join(f"{cell('first')} {cell('last')}".split())
        where = f'row on line {line}, "{name}"' if name else f"row on line {line}"
        if not name:
            parsed.problems.append(Problem(where, "no first or last name"))
            continue
        channels = []
        if cell("email"):
            channels.append(Channel("email", cell("email")))
        if cell("url"):
            channels.append(Channel("url", cell("url"), TAG))
        met_on = None
        if cell("connected"):
            met_on = parse_connected_on(cell("connected"))
            if met_on is None:
                parsed.problems.append(
                    Problem(
                        where,
                        f'left out "Connected On" "{cell("connected")}": expected 15 Nov 2023',
                        skipped=False,
                    )
                )
        person = Person(
            id=new_id(),
            name=name,
            created=now,
            updated=now,
            org=cell("company"),
            role=cell("position"),
            met="LinkedIn",
            met_on=met_on,
            tags=(TAG,),
            channels=tuple(channels),
        )
        parsed.people.append(Imported(person, where))
    return parsed
