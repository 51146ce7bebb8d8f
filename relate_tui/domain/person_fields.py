"""A person's fields as people type them, read one by one: the one set of rules behind the
app's person form and ``relate edit``, so both accept and refuse the same things.

Each field is text; ``parse_field`` turns it into the value stored (or raises
``InputError`` with one line saying what was expected), and ``with_fields`` puts parsed
values into a ``Person``: channels replace the first channel of their kind, a birthday the
first birthday, and an empty text clears a field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.matching import find_people
from relate_tui.domain.people import (
    Channel,
    ImportantDate,
    Person,
    check_email,
    parse_yearly_date,
)

TEXT_FIELDS = ("nickname", "org", "role", "met", "about")
"""Fields kept as typed (trimmed)."""
CHANNEL_FIELDS = ("email", "phone", "url")
"""Fields that are a contact channel; "url" holds a handle too ("@ana")."""
FIELDS = (
    "name", "nickname", "org", "role", "rhythm", "tags", "email", "phone", "url", "met",
    "met_on", "introduced_by", "birthday", "dates", "about",
)  # fmt: skip
"""Every field, in the order forms show them."""


def parse_field(
    key: str,
    text: str,
    *,
    today: date,
    tiers: Mapping[str, str],
    week_start: int = 0,
    others: Sequence[Person] = (),
    person: Person | None = None,
) -> Any:
    """The value of field ``key`` typed as ``text`` (None or empty: cleared).

    ``others`` are the people "introduced by" may name (everyone but the person edited);
    ``person`` is the one edited (None: someone new).

    Raises:
        InputError: the text is not understood (one line saying what was expected).
    """
    from relate_tui.domain.dates import parse_met_on
    from relate_tui.domain.rhythm import normalise_rhythm

    text = text.strip("\n") if key == "about" else text.strip()
    if key == "name":
        if not text:
            raise InputError("a person needs a name")
        return " ".join(text.split())
    if key == "rhythm":
        return normalise_rhythm(text, tiers) if text else None
    if key == "tags":
        return tuple(dict.fromkeys(t.lstrip("#") for t in text.replace(",", " ").split() if t))
    if key == "met_on":  # a day, "sept 2008" or "2008"; never still to come
        return parse_met_on(text, today, week_start) if text else None
    if key == "birthday":
        return parse_yearly_date(text, today=today) if text else None
    if key == "dates":
        return parse_dates(text, today)
    if key == "introduced_by":
        return introducer(text, others, person) if text else None
    if key == "email":
        known = person.channel("email") if person else ""
        # An address imported as it was is left alone; a new one is checked.
        return check_email(text) if text and text != known else text
    if key in TEXT_FIELDS or key in CHANNEL_FIELDS:
        return text
    raise InputError(f'no field "{shown(key)}": use one of {", ".join(FIELDS)}')


def parse_dates(text: str, today: date | None = None) -> tuple[ImportantDate, ...]:
    """Other yearly dates: "anniversary: 12 jun; name day: 3 mar"."""
    dates = []
    for part in filter(str.strip, text.split(";")):
        label, sep, when = part.partition(":")
        if not sep or not label.strip():
            raise InputError(f'write "label: date" like "anniversary: 12 jun", not “{shown(part)}”')
        dates.append(parse_yearly_date(when, label=label.strip(), today=today))
    return tuple(dates)


def introducer(text: str, others: Sequence[Person], person: Person | None = None) -> Person:
    """The one person "introduced by" ``text`` names; ``InputError`` naming the candidates
    when several fit as well (never a guess), or saying nobody does — or that it names
    ``person``, the one edited, who cannot have introduced themselves. The words are the
    ones a name given to ``relate log`` gets."""
    found = find_people(others, text)
    if not found:
        if person is not None and find_people([person], text):
            raise InputError(
                f'"{shown(text)}" is {shown(person.name)}: nobody is introduced by themselves'
            )
        raise InputError(f'nobody called "{shown(text)}"')
    if len(found) > 1:
        names = ", ".join(shown(p.name) for p in found[:4])
        more = f" and {len(found) - 4} more" if len(found) > 4 else ""
        raise InputError(f'"{shown(text)}" could be {names}{more}: type more of the name')
    return found[0]


def with_fields(person: Person, values: Mapping[str, Any]) -> Person:
    """``person`` with the parsed ``values`` (from ``parse_field``) put in."""
    plain = {k: v for k, v in values.items() if k not in (*CHANNEL_FIELDS, "birthday", "dates")}
    if "introduced_by" in plain:
        intro = plain["introduced_by"]
        plain["introduced_by"] = intro.id if isinstance(intro, Person) else intro
    for key in TEXT_FIELDS:
        if key in plain and plain[key] is None:
            plain[key] = ""
    channels = list(person.channels)
    for kind in CHANNEL_FIELDS:
        if kind in values:
            channels = _set_channel(channels, kind, values[kind] or "")
    dates = list(person.dates)
    if "dates" in values:  # the other yearly dates, all at once; the birthday stays
        dates = [d for d in dates if d.is_birthday] + list(values["dates"] or ())
    if "birthday" in values:
        first = next((i for i, d in enumerate(dates) if d.is_birthday), None)
        if first is not None:
            del dates[first]
        if values["birthday"] is not None:
            dates.insert(0, values["birthday"])
    return replace(person, channels=tuple(channels), dates=tuple(dates), **plain)


def _set_channel(channels: list[Channel], kind: str, value: str) -> list[Channel]:
    """``channels`` with the first of ``kind`` replaced by ``value`` (removed if empty);
    a "url" starting with "@" is a handle."""
    kinds = ("url", "handle") if kind == "url" else (kind,)
    out = list(channels)
    first = next((c for c in out if c.kind in kinds), None)
    if first is not None:
        out.remove(first)
    if value:
        new_kind = "handle" if kind == "url" and value.startswith("@") else kind
        out.insert(0, Channel(new_kind, value, first.label if first else ""))
    return out
