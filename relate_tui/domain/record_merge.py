"""One record as two sides left it, merged field by field (``merge_records``).

The same merge serves three callers:

- two copies of the journal (a sync tool's conflict copy, ``relate merge``): no ancestor,
  so each field's versions (``domain.versions``) say which side changed it;
- a git merge (``relate merge-driver``): the common ancestor says it exactly;
- a save in the app that finds the record changed on disk since the form read it: the
  ancestor is what the form read, "ours" what it saves, "theirs" what is on disk.

A field changed on one side only takes that side's value. A field both sides changed
to different values is a clash: for copies and git the later version wins and the other
value is kept in the record's ``conflicts`` for the user to see and resolve; the app asks
instead (``record_clashes=False`` leaves theirs in place and returns the clashes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from relate_tui.domain.record_fields import (
    DELETED,
    VERSIONS,
    assemble,
    canonical,
    field_values,
)
from relate_tui.domain.versions import (
    Lineage,
    conflict_key,
    conflicts_of,
    current,
    is_live,
    joined,
    knows,
    lineage,
    with_bookkeeping,
)

Record = dict[str, Any]


@dataclass(frozen=True)
class Clash:
    """A field both sides changed to different values."""

    field: str
    ours: Any
    theirs: Any
    ours_wins: bool
    """Whether ours is the later change (it stays in the record when clashes are kept)."""


def _instant(text: Any) -> tuple[datetime | None, str]:
    try:
        return (datetime.fromisoformat(text), str(text)) if isinstance(text, str) else (None, "")
    except ValueError:
        return (None, str(text))


def _later_record(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """True when ``a`` was updated after ``b`` (ties: the text), for unversioned clashes."""
    ta, tb = _instant(a.get("updated")), _instant(b.get("updated"))
    if ta[0] is not None and tb[0] is not None and ta[0] != tb[0]:
        return ta[0] > tb[0]
    return ta[1] > tb[1]


def _ours_wins(
    la: Lineage, lb: Lineage, va: Any, vb: Any, a: Mapping[str, Any], b: Mapping[str, Any]
) -> tuple[bool, bool]:
    """(ours wins, it was a clash) for a field whose values differ."""
    ca, cb = current(la), current(lb)
    a_knows, b_knows = knows(la, cb), knows(lb, ca)
    if a_knows and not b_knows:
        return True, False
    if b_knows and not a_knows:
        return False, False
    if ca != cb:
        return ca > cb, True
    if _later_record(a, b) != _later_record(b, a):
        return _later_record(a, b), True
    return canonical(va) > canonical(vb), True


def merge_records(
    table: str,
    ours: Record,
    theirs: Record,
    ancestor: Record | None = None,
    *,
    record_clashes: bool = True,
) -> tuple[Record, list[Clash]]:
    """The two records merged field by field, and the clashes found.

    With ``record_clashes`` the later change of a clash stays in the field and the other
    value is added to the record's conflicts; without, the field keeps ``theirs`` and the
    caller decides. The result is the same whichever side is "ours" when clashes are
    recorded (a property test holds it to that), and merging a result with either input
    again gives the result.
    """
    if ours == theirs:
        return ours, []
    va, vb = field_values(table, ours), field_values(table, theirs)
    vo = field_values(table, ancestor) if ancestor is not None else None
    keys = set(va) | set(vb) | set(_version_keys(ours)) | set(_version_keys(theirs))
    keys.discard(DELETED)
    values: dict[str, Any] = {}
    versions: dict[str, Lineage] = {}
    clashes: list[Clash] = []
    new_conflicts: list[dict[str, Any]] = []
    for key in sorted(keys):
        a, b = va.get(key), vb.get(key)
        la, lb = lineage(ours, key), lineage(theirs, key)
        if a == b:
            values[key] = a
            versions[key] = joined(la, lb) if current(la) >= current(lb) else joined(lb, la)
            continue
        if vo is not None and a == vo.get(key):
            values[key], versions[key] = b, joined(lb, la)
            continue
        if vo is not None and b == vo.get(key):
            values[key], versions[key] = a, joined(la, lb)
            continue
        ours_wins, clash = _ours_wins(la, lb, a, b, ours, theirs)
        if vo is not None:
            # Both changed it since the ancestor. A side whose version is still the
            # ancestor's changed it without a version (a form not saved yet, an older
            # relate): it cannot have seen the other side's change.
            lo = current(lineage(ancestor, key))
            clash = clash or lo in (current(la), current(lb))
        if clash:
            clashes.append(Clash(key, a, b, ours_wins))
            if not record_clashes:
                values[key], versions[key] = b, lb
                continue
            loser, lost = (b, lb) if ours_wins else (a, la)
            new_conflicts.append(
                {
                    "field": key,
                    "value": loser,
                    "version": current(lost),
                    "against": current(la if ours_wins else lb),
                }
            )
        win, line = (a, joined(la, lb)) if ours_wins else (b, joined(lb, la))
        values[key], versions[key] = win, line
    da, db = lineage(ours, DELETED), lineage(theirs, DELETED)
    versions[DELETED] = joined(da, db) if current(da) >= current(db) else joined(db, da)
    versions = {k: v for k, v in versions.items() if v}
    conflicts = live_conflicts(
        table, values, versions, pending(ours) + pending(theirs) + new_conflicts
    )
    bookkeeping = _bookkeeping(ours, theirs)
    # A side that already is the result is returned as it is (byte for byte, so a merge
    # that brings nothing in writes nothing); if both are, the same one either way round.
    sides = sorted((ours, theirs), key=canonical)
    for side in sides:
        if (
            _same_values(table, side, values)
            and versions == _clean_versions(side)
            and conflicts == conflicts_of(side)
            and all(side.get(k) == v for k, v in bookkeeping.items())
        ):
            return side, clashes
    base = {**ours, **bookkeeping}
    return with_bookkeeping(assemble(table, base, values), versions, conflicts), clashes


def pending(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The conflicts ``record`` shows as pending, each live against its field's current
    version in the record.

    A record never stores a conflict its own field has moved past (a write that moves
    the field carries the conflict along, see ``versions.stamped``), except one written
    by an older relate's undo: pointed at the field's version again, it is the pending
    conflict the user sees, and a merge keeps it rather than dropping the other value.
    """
    found = []
    for conflict in conflicts_of(record):
        field = str(conflict["field"])
        now = current(lineage(record, field))
        if field != DELETED and conflict.get("against", "") != now:
            conflict = {**conflict, "against": now}
        found.append(conflict)
    return found


def _same_values(table: str, record: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    own = field_values(table, record)
    keys = set(own) | set(values)
    return all(own.get(k) == values.get(k) for k in keys)


def _clean_versions(record: Mapping[str, Any]) -> dict[str, Lineage]:
    return {k: line for k in _version_keys(record) if (line := lineage(record, k))}


def _version_keys(record: Mapping[str, Any]) -> list[str]:
    found = record.get(VERSIONS)
    return list(found) if isinstance(found, dict) else []


def _bookkeeping(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """``created`` (the earlier) and ``updated`` (the later) of the two."""
    out: dict[str, Any] = {}
    for key, later in (("created", False), ("updated", True)):
        a, b = ours.get(key), theirs.get(key)
        if a is None or b is None:
            chosen = a if b is None else b
        else:
            ta, tb = _instant(a), _instant(b)
            a_first = (ta[0], ta[1]) < (tb[0], tb[1]) if ta[0] and tb[0] else ta[1] < tb[1]
            chosen = (b if a_first else a) if later else (a if a_first else b)
        if chosen is not None:
            out[key] = chosen
    return out


def live_conflicts(
    table: str,
    values: Mapping[str, Any],
    versions: Mapping[str, Lineage],
    conflicts: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """``conflicts`` without duplicates, without those retired by a newer version of
    their field, and without those whose value the field holds now; in a fixed order."""
    kept: dict[tuple[str, str, str], dict[str, Any]] = {}
    for conflict in conflicts:
        field = conflict["field"]
        if not is_live(conflict, versions):
            continue
        if field != DELETED and conflict.get("value") == values.get(field):
            continue
        kept.setdefault(conflict_key(conflict), conflict)
    return [kept[key] for key in sorted(kept)]


def with_values(table: str, record: Record, changes: Mapping[str, Any]) -> Record:
    """``record`` with some fields set (None clears one); versions are left to the write,
    which gives each changed field a new version (``domain.versions.stamped``)."""
    values = field_values(table, record)
    values.update(changes)
    return assemble(table, record, values)
