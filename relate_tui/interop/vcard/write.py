"""Writing vCards: 3.0 (what Apple, Google and khard read best), one card per person, with
a stable UID: the UID the person was imported with, else one made from their id.

Written by hand rather than through a library, so that what goes out is exactly what
``vcard.read`` takes back: every text value escaped (backslash, comma, semicolon, line
breaks), lines folded at 75 octets of UTF-8 without splitting a character, and labels
written where they come back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC

from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.interop.vcard.fields import SKIPPED_TYPES, TYPE_TO_LABEL
from relate_tui.interop.vcard.properties import (
    RELATE_MET,
    RELATE_MET_ON,
    RELATE_PRODID,
    RELATE_RHYTHM,
    UID_DOMAIN,
)
from relate_tui.interop.vcard.values import escape, fold

_LABEL_TO_TYPE = {"mobile": "CELL"}
_EXPORT_TYPES = {"home", "work", "mobile", "fax", "pager", "main", "iphone", "other"}
"""Labels written as TYPE values; any other label goes into an Apple-style X-ABLabel."""
_SERVICE = re.compile(r"[\w.+-]+")
"""A handle's label that can be a TYPE parameter as it is (``X-SOCIALPROFILE;TYPE=mastodon``)."""


def card_uid(person: Person) -> str:
    """The UID written for ``person``: the one they came with, else ``<id>@relate``.

    Keeping an imported UID means a card exported back to the address book it came from
    updates that contact instead of adding a twin.
    """
    return person.vcard_uid or f"{person.id}@{UID_DOMAIN}"


def _split_name(name: str) -> tuple[str, str]:
    """(given, family) for the N property: the last word is the family name. Only a
    guess, but N is required and FN carries the name exactly as written."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return " ".join(words[:-1]), words[-1]


def _date_value(important: ImportantDate) -> str:
    if important.year is None:
        return f"--{important.month:02d}-{important.day:02d}"
    return f"{important.year:04d}-{important.month:02d}-{important.day:02d}"


class _Card:
    """Content lines being written, with Apple's ``itemN`` groups numbered as they come."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.groups = 0

    def add(self, name: str, value: str, params: str = "", group: str = "") -> None:
        """One property; ``value`` is written as it is (escape text before)."""
        head = f"{group}.{name}" if group else name
        self.lines.append(fold(f"{head}{params}:{value}"))

    def text(self, name: str, value: str) -> None:
        self.add(name, escape(value))

    def labelled(self, name: str, value: str, label: str, types: Iterable[str] = ()) -> None:
        """A channel or date with its label: as TYPE values when the label is made of the
        usual type words (and reads back the same), else in an ``X-ABLabel``."""
        words = label.split()
        as_types = (
            label == " ".join(words)
            and len(set(words)) == len(words)
            and all(w in _EXPORT_TYPES for w in words)
        )
        written = list(types)
        if as_types:
            written += [_LABEL_TO_TYPE.get(w, w.upper()) for w in words]
        params = f";TYPE={','.join(written)}" if written else ""
        if as_types or not label:
            self.add(name, escape(value), params)
            return
        self.groups += 1
        group = f"item{self.groups}"
        self.add(name, escape(value), params, group)
        self.add("X-ABLabel", escape(label), group=group)


def _channel(card: _Card, channel: Channel) -> None:
    if channel.kind == "email":
        card.labelled("EMAIL", channel.value, channel.label, ["INTERNET"])
    elif channel.kind == "phone":
        card.labelled("TEL", channel.value, channel.label)
    elif channel.kind == "url":
        card.labelled("URL", channel.value, channel.label)
    elif _is_service(channel.label):
        # TYPE=service, as Apple writes it.
        card.add("X-SOCIALPROFILE", escape(channel.value), f";TYPE={channel.label}")
    else:
        card.labelled("X-SOCIALPROFILE", channel.value, channel.label)


def _is_service(label: str) -> bool:
    """True when a handle's label reads back unchanged as a TYPE value."""
    return (
        bool(_SERVICE.fullmatch(label))
        and label == label.lower()
        and label not in SKIPPED_TYPES
        and label not in TYPE_TO_LABEL
    )


def person_to_lines(person: Person) -> list[str]:
    """The folded content lines of ``person``'s vCard 3.0, BEGIN to END."""
    card = _Card()
    card.add("BEGIN", "VCARD")
    card.add("VERSION", "3.0")
    card.add("PRODID", RELATE_PRODID)
    card.text("UID", card_uid(person))
    card.text("FN", person.name)
    if person.org and person.org == person.name:
        # A company, not a person (what an ORG-only card imports as): Apple's way.
        card.add("N", ";;;;")
        card.add("X-ABShowAs", "COMPANY")
    else:
        given, family = _split_name(person.name)
        card.add("N", f"{escape(family)};{escape(given)};;;")
    if person.nickname:
        card.text("NICKNAME", person.nickname)
    if person.org:
        card.text("ORG", person.org)
    if person.role:
        card.text("TITLE", person.role)
    for channel in person.channels:
        _channel(card, channel)
    birthday = anniversary = False
    for important in person.dates:
        if important.is_birthday and not birthday:
            card.add("BDAY", _date_value(important))
            birthday = True
        elif important.label == "anniversary" and not anniversary:
            card.add("X-ANNIVERSARY", _date_value(important))
            anniversary = True
        else:
            card.groups += 1
            group = f"item{card.groups}"
            card.add("X-ABDATE", _date_value(important), group=group)
            card.add("X-ABLabel", escape(important.label.strip() or "date"), group=group)
    if person.tags:
        card.add("CATEGORIES", ",".join(escape(tag) for tag in person.tags))
    if person.about:
        card.text("NOTE", person.about)
    if person.rhythm:
        card.text(RELATE_RHYTHM.upper(), person.rhythm)
    if person.met:
        card.text(RELATE_MET.upper(), person.met)
    if person.met_on:
        card.add(RELATE_MET_ON.upper(), person.met_on.isoformat())
    card.add("REV", person.updated.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
    card.add("END", "VCARD")
    return card.lines


def export_vcard(person: Person) -> str:
    """One person as vCard 3.0 text (CR LF line ends, folded lines)."""
    return "\r\n".join(person_to_lines(person)) + "\r\n"


def export_vcards(people: Iterable[Person], on_card: Callable[[], object] | None = None) -> bytes:
    """Everyone as one vCard 3.0 file, by name; ``on_card`` is called after each card."""
    ordered = sorted(people, key=lambda p: (p.name.casefold(), p.id))
    cards = []
    for person in ordered:
        cards.append(export_vcard(person))
        if on_card is not None:
            on_card()
    return "".join(cards).encode("utf-8", "surrogatepass")


def card_file_name(person: Person) -> str:
    """The file name of a person's card in an exported folder: their id, which never
    changes, so a second export replaces the first one's files. (Ids are hex; one edited
    by hand into something else must still not name a path outside the folder.)"""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", person.id)
    return f"{safe or 'person'}.vcf"
