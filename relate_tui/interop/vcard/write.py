"""Writing vCards: 3.0 (what Apple, Google and khard read best), one card per person, with
a stable UID: the UID the person was imported with, else one made from their id."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC
from typing import Any

from relate_tui.domain.people import ImportantDate, Person
from relate_tui.interop.vcard.properties import (
    RELATE_MET,
    RELATE_MET_ON,
    RELATE_RHYTHM,
    UID_DOMAIN,
)

_LABEL_TO_TYPE = {"mobile": "CELL"}
_EXPORT_TYPES = {"home", "work", "mobile", "fax", "pager", "main", "iphone", "other"}
"""Labels written as TYPE values; any other label goes into an Apple-style X-ABLabel."""


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


def person_to_vcard(person: Person) -> Any:
    """A vobject vCard 3.0 component for ``person``."""
    import vobject

    card = vobject.vCard()
    card.add("version").value = "3.0"
    card.add("prodid").value = "-//relate//relate//EN"
    card.add("uid").value = card_uid(person)
    card.add("fn").value = person.name
    if person.org and person.org == person.name:
        # A company, not a person (what an ORG-only card imports as): Apple's way.
        card.add("n").value = vobject.vcard.Name()
        card.add("x-abshowas").value = "COMPANY"
    else:
        given, family = _split_name(person.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if person.nickname:
        card.add("nickname").value = person.nickname
    if person.org:
        card.add("org").value = [person.org]
    if person.role:
        card.add("title").value = person.role
    groups = 0

    def labelled(prop: str, value: str, label: str, default_types: Iterable[str] = ()) -> None:
        nonlocal groups
        words = label.lower().split()
        if all(w in _EXPORT_TYPES for w in words):
            item = card.add(prop)
            types = [*default_types, *(_LABEL_TO_TYPE.get(w, w.upper()) for w in words)]
            if types:
                item.type_param = types
        else:
            groups += 1
            item = card.add(prop, group=f"item{groups}")
            if default_types:
                item.type_param = list(default_types)
            card.add("x-ablabel", group=f"item{groups}").value = label
        item.value = value

    for channel in person.channels:
        if channel.kind == "email":
            labelled("email", channel.value, channel.label, ["INTERNET"])
        elif channel.kind == "phone":
            labelled("tel", channel.value, channel.label)
        elif channel.kind == "url":
            labelled("url", channel.value, channel.label)
        elif re.fullmatch(r"[\w.+-]*", channel.label):
            item = card.add("x-socialprofile")  # TYPE=service, as Apple writes it
            item.value = channel.value
            if channel.label:
                item.type_param = [channel.label]
        else:
            labelled("x-socialprofile", channel.value, channel.label)
    for important in person.dates:
        label = important.label.strip()
        if important.is_birthday and "bday" not in card.contents:
            card.add("bday").value = _date_value(important)
        elif label.lower() == "anniversary" and "x-anniversary" not in card.contents:
            card.add("x-anniversary").value = _date_value(important)
        else:
            groups += 1
            card.add("x-abdate", group=f"item{groups}").value = _date_value(important)
            card.add("x-ablabel", group=f"item{groups}").value = label or "date"
    if person.tags:
        card.add("categories").value = list(person.tags)
    if person.about:
        card.add("note").value = person.about
    if person.rhythm:
        card.add(RELATE_RHYTHM).value = person.rhythm
    if person.met:
        card.add(RELATE_MET).value = person.met
    if person.met_on:
        card.add(RELATE_MET_ON).value = person.met_on.isoformat()
    card.add("rev").value = person.updated.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return card


def export_vcard(person: Person) -> str:
    """One person as vCard 3.0 text (CRLF line ends, folded lines)."""
    return person_to_vcard(person).serialize()


def export_vcards(people: Iterable[Person], on_card: Callable[[], object] | None = None) -> bytes:
    """Everyone as one vCard 3.0 file, by name; ``on_card`` is called after each card."""
    ordered = sorted(people, key=lambda p: (p.name.casefold(), p.id))
    cards = []
    for person in ordered:
        cards.append(export_vcard(person))
        if on_card is not None:
            on_card()
    return "".join(cards).encode("utf-8")


def card_file_name(person: Person) -> str:
    """The file name of a person's card in an exported folder: their id, which never
    changes, so a second export replaces the first one's files. (Ids are hex; one edited
    by hand into something else must still not name a path outside the folder.)"""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", person.id)
    return f"{safe or 'person'}.vcf"
