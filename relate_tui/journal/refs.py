"""Short references to notes and promises, like git's short commit ids: the start of the
record's id, long enough to be unique (at least ``SHOWN`` characters).

A reference is stable: it is part of the id, which never changes, so one printed today
still works tomorrow (it would need more characters only if a new record's id started
the same way, which at seven hex characters is about one chance in 268 million per pair).
Any unique start of at least ``SHORTEST`` characters is accepted, and so is the whole id.
"""

from __future__ import annotations

from collections.abc import Iterable

from relate_tui.domain.errors import InputError, shown

SHOWN = 7
"""Characters of an id shown as its reference."""
SHORTEST = 4
"""The fewest characters accepted as a reference."""


def _shared(one: str, other: str) -> int:
    """How many leading characters ``one`` and ``other`` share."""
    count = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        count += 1
    return count


def short_refs(ids: Iterable[str]) -> dict[str, str]:
    """Each id's reference: its first ``SHOWN`` characters, more where two ids share them."""
    ordered = sorted(set(ids))
    refs: dict[str, str] = {}
    last = len(ordered) - 1
    for i, record_id in enumerate(ordered):
        size = SHOWN
        # Only a neighbour sharing the first SHOWN - 1 characters can make it longer: one
        # slice compared per neighbour, so 100,000 notes take a blink (``relate show``).
        head = record_id[: SHOWN - 1]
        for j in (i - 1, i + 1):
            if 0 <= j <= last and ordered[j].startswith(head):
                size = max(size, _shared(record_id, ordered[j]) + 1)
        refs[record_id] = record_id[:size]
    return refs


def resolve_ref(ref: str, ids: Iterable[str], what: str, listed_by: str) -> str:
    """The one id ``ref`` starts; ``InputError`` when none or several do.

    ``what`` names the records for messages ("note"), ``listed_by`` the command that
    lists them ("relate notes NAME").
    """
    ref = ref.strip().lower()
    if len(ref) < SHORTEST:
        raise InputError(
            f'"{shown(ref)}" is too short to name a {what}: give at least {SHORTEST} '
            f"characters of the reference relate lists"
        )
    found = [record_id for record_id in ids if record_id.lower().startswith(ref)]
    if not found:
        raise InputError(f'no {what} "{shown(ref)}": {listed_by} lists them with their references')
    if len(found) > 1:
        raise InputError(f'"{shown(ref)}" starts {len(found)} {what}s: give more characters')
    return found[0]
