"""Matching imported people with the journal, and merging them in without losing anything.

Matching, in order (the first key that finds someone wins):

1. the vCard UID: a person imported with that UID, or exported by relate with it;
2. a LinkedIn profile URL both have, when the names agree (share a first or last name);
3. an email address both have (case ignored), when the names agree;
4. the exact same name (case and spacing ignored), and only when the two do not carry
   different UIDs: two cards with their own UIDs are two contacts, even if both are
   called "John Smith".

A key that points at two different people is ambiguous: the card is skipped and the
message names both, rather than guessing.

Merging never blanks or overwrites what the journal has: empty fields are filled from
the file, tags and channels are added to (duplicates ignored), an important date is added
when the person has none with that label (or gains its year), and a card's note is added
to "about" unless "about" already contains it. A value that differs (another company,
say) keeps the journal's and is reported, so the person can decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from relate_tui.domain.matching import fold
from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.interop import Imported, Problem, clean_tags
from relate_tui.interop.vcard import UID_DOMAIN, channel_key

_FILLED = ("nickname", "org", "role", "met", "met_on", "rhythm", "vcard_uid")
"""Single-value fields: taken from the file only when the journal's is empty."""
_REPORTED = ("nickname", "org", "role")
"""Of those, the ones where a different value in the file is worth telling (a new job)."""


@dataclass
class MergePlan:
    """What an import will do: people to add, people to update, and what it leaves out."""

    added: list[Person] = field(default_factory=list)
    updated: list[Person] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Problem] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Values the file disagreed with, where the journal's was kept."""
    brought: list[str] = field(default_factory=list)
    """What the import added to each updated person, one line each ("Ana Lima: added
    email ana@old.example"): an import only adds, so it says what, for the user to
    remove a value they had replaced by hand."""

    @property
    def people(self) -> list[Person]:
        """Every record to write."""
        return self.added + self.updated


def name_key(name: str) -> str:
    """The form of a name that "the exact same name" compares."""
    return " ".join(name.casefold().split())


def _profile_key(channel: Channel) -> str | None:
    """A LinkedIn profile URL as a match key (other URLs, like a company's site, are
    shared by many people and say nothing about who someone is)."""
    if channel.kind != "url":
        return None
    key = channel_key(channel)
    return key if re.match(r"^[a-z.]*linkedin\.com/in/", key) else None


class _Index:
    """Lookups from match keys to person ids, kept current as the import goes."""

    def __init__(self) -> None:
        self.uid: dict[str, str] = {}
        self.profile: dict[str, set[str]] = {}
        self.email: dict[str, set[str]] = {}
        self.name: dict[str, set[str]] = {}

    def add(self, person: Person) -> None:
        if person.vcard_uid:
            self.uid.setdefault(person.vcard_uid, person.id)
        self.uid.setdefault(f"{person.id}@{UID_DOMAIN}", person.id)
        for channel in person.channels:
            profile = _profile_key(channel)
            if profile:
                self.profile.setdefault(profile, set()).add(person.id)
            if channel.kind == "email":
                self.email.setdefault(channel_key(channel), set()).add(person.id)
        self.name.setdefault(name_key(person.name), set()).add(person.id)


def names_agree(a: str, b: str) -> bool:
    """Whether two names can be one person's: they share a first or a last name, accents
    and case aside ("Bob Smith" and "Robert Smith", "Jurgen" and "Jürgen Müller").

    An email or profile only matches when the names agree: a shared address such as
    office@acme.example must not fold Ana and Bruno into one person.
    """
    first, second = fold(a).split(), fold(b).split()
    if not first or not second:
        return True
    return first[0] == second[0] or first[-1] == second[-1]


def _uid_clash(a: Person, b: Person) -> bool:
    return bool(a.vcard_uid and b.vcard_uid and a.vcard_uid != b.vcard_uid)


def find_match(
    incoming: Person, index: _Index, people: dict[str, Person]
) -> tuple[Person | None, str | None]:
    """(the person ``incoming`` is, or None; why it was skipped, or None)."""
    uid = incoming.vcard_uid
    if uid and uid in index.uid:
        return people[index.uid[uid]], None
    keyed = [
        ("LinkedIn profile", index.profile, [_profile_key(c) for c in incoming.channels]),
        ("email", index.email, [channel_key(c) for c in incoming.channels if c.kind == "email"]),
    ]
    for what, table, keys in keyed:
        ids: set[str] = set()
        for key in keys:
            if key:
                ids |= table.get(key, set())
        ids = {i for i in ids if names_agree(incoming.name, people[i].name)}
        if len(ids) == 1:
            return people[ids.pop()], None
        if len(ids) > 1:
            names = " and ".join(sorted(people[i].name for i in ids))
            return None, f"its {what} matches {names}: merge them in relate first"
    ids = {
        i
        for i in index.name.get(name_key(incoming.name), set())
        if not _uid_clash(incoming, people[i])
    }
    if len(ids) == 1:
        return people[ids.pop()], None
    if len(ids) > 1:
        return None, f'{len(ids)} people are called "{incoming.name}": not sure which one it is'
    return None, None


def merge_person(
    current: Person,
    incoming: Person,
    now: datetime,
    kept: list[str] | None = None,
    brought: list[str] | None = None,
) -> Person:
    """``current`` with what ``incoming`` adds; ``current`` itself when nothing is new.

    Values of ``incoming`` that differ from filled ones in ``current`` are described in
    ``kept`` (the journal's value stays); what it adds, in ``brought`` (one line).
    """
    changes: dict[str, object] = {}
    for name in _FILLED:
        mine, theirs = getattr(current, name), getattr(incoming, name)
        if theirs in (None, "") or (name == "vcard_uid" and theirs == f"{current.id}@{UID_DOMAIN}"):
            continue  # (relate's own UID for this person says nothing new)
        if mine in (None, ""):
            changes[name] = theirs
        elif mine != theirs and kept is not None and name in _REPORTED:
            kept.append(f'{current.name}: kept {name} "{mine}" (the file says "{theirs}")')
    tags = clean_tags((*current.tags, *incoming.tags))
    if tags != current.tags:
        changes["tags"] = tags
    channels = _merge_channels(current.channels, incoming.channels)
    if channels != current.channels:
        changes["channels"] = channels
    dates = _merge_dates(current.dates, incoming.dates)
    if dates != current.dates:
        changes["dates"] = dates
    about = incoming.about.strip()
    if about and about not in current.about:
        changes["about"] = (
            f"{current.about.rstrip()}\n\n{about}" if current.about.strip() else about
        )
    if not changes:
        return current
    merged = replace(current, **changes, updated=now)
    if brought is not None:
        brought.append(f"{current.name}: {', '.join(_what_was_added(current, merged))}")
    return merged


def _what_was_added(before: Person, after: Person) -> list[str]:
    """What a merge added to ``before``, in words: "added email a@b.example", "set org
    “Acme”", "added tag #work"."""
    said = [
        f"set {name.replace('_', ' ')} “{getattr(after, name)}”"
        for name in _FILLED
        if name != "vcard_uid" and getattr(before, name) != getattr(after, name)
    ]
    had = set(before.channels)
    for channel in after.channels:
        if channel in had:
            continue
        old = [c for c in before.channels if (c.kind, c.value) == (channel.kind, channel.value)]
        label = f" ({channel.label})" if channel.label else ""
        verb = "labelled" if old else "added"
        said.append(f"{verb} {channel.kind} {channel.value}{label}")
    said += [f"added tag #{t}" for t in after.tags if t not in before.tags]
    said += [
        f"added {d.label or 'a'} date"
        if d.label not in {b.label for b in before.dates}
        else f"added the year of {d.label or 'a date'}"
        for d in after.dates
        if d not in before.dates
    ]
    if after.about != before.about:
        said.append("added the card's note to about")
    if after.vcard_uid != before.vcard_uid:
        said.append("kept the card's UID")
    return said


def _merge_channels(mine: Sequence[Channel], theirs: Iterable[Channel]) -> tuple[Channel, ...]:
    out = list(mine)
    where = {(c.kind, channel_key(c)): i for i, c in enumerate(out)}
    for channel in theirs:
        key = (channel.kind, channel_key(channel))
        if key not in where:
            where[key] = len(out)
            out.append(channel)
        elif not out[where[key]].label and channel.label:
            out[where[key]] = replace(out[where[key]], label=channel.label)
    return tuple(out)


def _merge_dates(
    mine: Sequence[ImportantDate], theirs: Iterable[ImportantDate]
) -> tuple[ImportantDate, ...]:
    out = list(mine)
    for important in theirs:
        label = important.label.casefold()
        same = [i for i, d in enumerate(out) if d.label.casefold() == label]
        if not same:
            out.append(important)
            continue
        i = same[0]
        d = out[i]
        if (
            d.year is None
            and important.year
            and (d.month, d.day)
            == (
                important.month,
                important.day,
            )
        ):
            out[i] = replace(d, year=important.year)
    return tuple(out)


def plan_merge(
    existing: Iterable[Person], incoming: Iterable[Imported], now: datetime
) -> MergePlan:
    """Decide, for each imported person in file order, whether they are new, someone the
    journal has (merged in), or ambiguous (skipped). A person twice in one file (Google
    exports duplicates) is merged with themself, not added twice."""
    plan = MergePlan()
    people: dict[str, Person] = {}
    index = _Index()
    for person in existing:
        people[person.id] = person
        index.add(person)
    added: set[str] = set()
    touched: set[str] = set()
    same: set[str] = set()
    for item in incoming:
        match, why = find_match(item.person, index, people)
        if why:
            plan.skipped.append(Problem(item.where, why))
            continue
        if match is None:
            people[item.person.id] = item.person
            index.add(item.person)
            added.add(item.person.id)
            continue
        # A person twice in one file is one person added, not one added and updated.
        brought = None if match.id in added else plan.brought
        merged = merge_person(match, item.person, now, plan.kept, brought)
        if merged is not match:
            people[merged.id] = merged
            index.add(merged)
            if merged.id not in added:
                touched.add(merged.id)
        else:
            same.add(merged.id)
    plan.added = [people[i] for i in people if i in added]
    plan.updated = [people[i] for i in people if i in touched]
    plan.unchanged = len(same - added - touched)
    return plan
