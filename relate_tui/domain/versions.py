"""Per-field versions: how a merge tells "changed on one side" from "changed on both".

A record keeps, under ``versions``, one entry per field changed after the record was
created (fields never changed have none, so the file stays small)::

    "versions": {"org": ["2026-11-29T10:10:10.123Z~a1b2c3", "2026-11-02T08:00:00.000Z~77e0f1"]}

The first version is the field's current one; the rest are versions it is known to have
replaced, newest first, at most ``LINEAGE`` in all. A field with no entry holds the value
it was created with: the base version ``""``, which every version replaces.

A version is a hybrid logical clock: the later of the wall clock (UTC, milliseconds) and
one millisecond past the newest version in the record, followed by a short machine id.
So a change made after seeing another always carries a later version, even when this
machine's clock is behind, and two machines never make the same version.

Merging two copies of a field: if one side's lineage holds the other's current version,
it descends from it and wins with no conflict (an edit made after seeing the other). If
neither knows the other's, the edits were concurrent: the later version wins and the
other value is kept as a conflict. "Later" there only orders edits that did not see each
other, so a wrong clock can only pick which of two concurrent values shows first, never
lose one. A lineage longer than ``LINEAGE`` forgets its oldest entries; a copy that old
then looks concurrent and gives a conflict to dismiss, never a silent loss.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from relate_tui.domain.record_fields import (
    CONFLICTS,
    DELETED,
    VERSIONS,
    canonical,
    field_values,
)

LINEAGE = 6
"""How many versions a field remembers (its current one included)."""
BASE = ""
"""The version of a value the record was created with."""
_ONE_MS = timedelta(milliseconds=1)

Lineage = list[str]


def make_version(moment: datetime, machine: str) -> str:
    """The version string of ``moment`` (aware) made on ``machine``."""
    utc = moment.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z~{machine}"


def version_time(version: str) -> datetime | None:
    """When ``version`` was made (UTC), or None for the base or a damaged version."""
    stamp = version.partition("~")[0]
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def next_version(now: datetime, machine: str, seen: Iterable[str]) -> str:
    """A version later than every one of ``seen``: max(now, newest seen + 1 ms)."""
    moment = now.astimezone(UTC).replace(microsecond=now.microsecond // 1000 * 1000)
    for version in seen:
        when = version_time(version)
        if when is not None and when + _ONE_MS > moment:
            moment = when + _ONE_MS
    return make_version(moment, machine)


def all_versions(record: Mapping[str, Any] | None) -> list[str]:
    """Every version the record mentions (its fields' lineages and its conflicts')."""
    if record is None:
        return []
    found = [v for key in _versions(record) for v in lineage(record, key)]
    for conflict in conflicts_of(record):
        found += [conflict.get("version", ""), conflict.get("against", "")]
    return [v for v in found if isinstance(v, str) and v]


def _versions(record: Mapping[str, Any]) -> Mapping[str, Any]:
    table = record.get(VERSIONS)
    return table if isinstance(table, dict) else {}


def lineage(record: Mapping[str, Any] | None, key: str) -> Lineage:
    """The versions of ``key`` in ``record``, current first (``[]`` for the base)."""
    if record is None:
        return []
    entry = _versions(record).get(key)
    if not isinstance(entry, list):
        return []
    return [v for v in entry if isinstance(v, str) and v]


def current(line: Lineage) -> str:
    """The current version of a lineage (the base when it is empty)."""
    return line[0] if line else BASE


def knows(line: Lineage, version: str) -> bool:
    """True when a field with lineage ``line`` descends from ``version``."""
    return version == BASE or version in line


def joined(winner: Lineage, *others: Lineage, also: Iterable[str] = ()) -> Lineage:
    """``winner``'s current version, then every other version of all of them (and
    ``also``), newest first, at most ``LINEAGE`` in all."""
    head = current(winner)
    rest = {v for line in (winner, *others) for v in line} | {v for v in also if v}
    rest.discard(head)
    tail = sorted(rest, reverse=True)[: LINEAGE - 1]
    return [head, *tail] if head else tail[:LINEAGE]


def conflicts_of(record: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The record's stored conflicts (entries that are not objects are skipped)."""
    if record is None:
        return []
    found = record.get(CONFLICTS)
    if not isinstance(found, list):
        return []
    return [c for c in found if isinstance(c, dict) and isinstance(c.get("field"), str)]


def with_bookkeeping(
    record: dict[str, Any], versions: Mapping[str, Lineage], conflicts: list[dict[str, Any]]
) -> dict[str, Any]:
    """``record`` with its ``versions`` and ``conflicts`` replaced (left out when empty)."""
    out = {k: v for k, v in record.items() if k not in (VERSIONS, CONFLICTS)}
    kept = {key: list(line) for key, line in sorted(versions.items()) if line}
    if kept:
        out[VERSIONS] = kept
    if conflicts:
        out[CONFLICTS] = conflicts
    return out


def stamped(
    table: str,
    before: Mapping[str, Any] | None,
    after: dict[str, Any] | None,
    new_version: Any,
) -> dict[str, Any] | None:
    """``after`` as it is written over ``before``, with its versions brought up to date.

    Called under the lock with the record on disk as ``before``. For each field:

    - its value changed and ``after`` does not already carry a version that descends
      from ``before``'s (an ordinary edit, an undo): a new version, replacing
      ``before``'s current one;
    - its value changed and ``after``'s version descends from ``before``'s (a merge
      that brought a newer version in): ``after``'s lineage;
    - unchanged: ``after``'s lineage if it descends from ``before``'s, else ``before``'s
      (an edit made from a record read without versions cannot drop them).

    A conflict recorded against a field's version follows the field to its new version,
    so editing a field never hides a conflict about it: one live in ``before`` (an edit)
    and one live in ``after`` as written (an undo putting back a pending conflict with
    the value it was about, which the undo's new version must not retire).
    ``new_version()`` gives the one version this write uses; it is called only when a
    field changed.
    """
    if before is None or after is None:
        return after
    old, new = field_values(table, before), field_values(table, after)
    keys = set(old) | set(new) | set(_versions(before)) | set(_versions(after))
    versions: dict[str, Lineage] = {}
    moved: dict[str, tuple[str, str]] = {}
    made: str | None = None
    for key in sorted(keys):
        b, a = lineage(before, key), lineage(after, key)
        descends = knows(a, current(b))
        if key != DELETED and old.get(key) != new.get(key):
            if descends and current(a) != current(b):
                versions[key] = a
                continue
            if made is None:
                made = new_version()
            versions[key] = joined([made], b)
            moved[key] = (current(b), current(a), made)
        else:
            versions[key] = a if descends else b
    versions = {key: line for key, line in versions.items() if line}
    mine = conflicts_of(after)
    theirs = [c for c in conflicts_of(before) if conflict_key(c) not in {*map(conflict_key, mine)}]
    conflicts = []
    for carried, conflict in [(False, c) for c in mine] + [(True, c) for c in theirs]:
        follow = moved.get(conflict["field"])
        if follow is not None:
            was_live = (follow[0],) if carried else follow[:2]
            if conflict.get("against", BASE) in was_live:
                conflict = {**conflict, "against": follow[2]}
        if carried and not is_live(conflict, versions):
            continue  # resolved by this write (its field moved on), or stale already
        conflicts.append(conflict)
    if versions == dict(_versions(after)) and conflicts == conflicts_of(after):
        return after
    return with_bookkeeping(after, versions, conflicts)


def conflict_key(conflict: Mapping[str, Any]) -> tuple[str, str, str]:
    """What makes two stored conflicts the same one: field, version and value."""
    return (
        str(conflict.get("field")),
        str(conflict.get("version", BASE)),
        canonical(conflict.get("value")),
    )


def is_live(conflict: Mapping[str, Any], versions: Mapping[str, Lineage]) -> bool:
    """True while the field still holds the version the conflict was recorded against:
    resolving a conflict gives its field a new version, which retires it everywhere."""
    return conflict.get("against", BASE) == current(versions.get(str(conflict["field"]), []))
