"""The fields a merge compares: a stored record seen as a map of field keys to values.

Two machines that both changed a record are merged field by field, so what counts as "a
field" decides what can be kept from both sides. Mostly it is a key of the record, with
three exceptions where one key holds things people change independently:

- a person's ``channels`` are one field per kind (``channels.email``, ``channels.phone``,
  ...): a new email on the laptop and a new phone on the desktop are two fields;
- a person's ``dates`` are one field per label (``dates.birthday``, ``dates.name day``);
- a promise's ``status`` and ``closed_at`` are one field (``status``): kept on one side
  and dropped on the other is one clash, never a kept promise with a drop's date.

Book-keeping keys are not fields: ``id``, ``created``, ``updated`` and the merge's own
``versions`` and ``conflicts``. A field that is absent from a record has the value None
(records leave empty fields out); ``assemble`` puts a record back together from values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

VERSIONS = "versions"
"""The record key holding each changed field's versions (see ``domain.versions``)."""
CONFLICTS = "conflicts"
"""The record key holding values a merge could not keep in the field (``record_merge``)."""
BOOKKEEPING = frozenset(("id", "created", "updated", VERSIONS, CONFLICTS))
"""Record keys that are not fields of their own."""
DELETED = "deleted"
"""A pseudo-field in ``versions``: the deletions elsewhere this record has outlived."""

_CHANNEL_ORDER = ("email", "phone", "url", "handle")
_SPLIT = {"people": ("channels", "dates"), "promises": ()}
_GROUPED = {"promises": {"closed_at": "status"}}
"""Record keys that travel with another field (promise: ``closed_at`` with ``status``)."""

Values = dict[str, Any]


def _date_key(entry: Mapping[str, Any]) -> str:
    return " ".join(str(entry.get("label", "")).lower().split())


def field_values(table: str, record: Mapping[str, Any]) -> Values:
    """The record's fields (key to value); see the module docstring for the keys."""
    values: Values = {}
    split = _SPLIT.get(table, ())
    grouped = _GROUPED.get(table, {})
    for key, value in record.items():
        if key in BOOKKEEPING or key in grouped:
            continue
        if key in split and isinstance(value, list):
            for entry in value:
                if not isinstance(entry, dict):
                    sub = "?"
                elif key == "channels":
                    sub = str(entry.get("kind", ""))
                else:
                    sub = _date_key(entry)
                values.setdefault(f"{key}.{sub}", []).append(entry)
            continue
        if table == "promises" and key == "status":
            values[key] = [value, record.get("closed_at")]
            continue
        values[key] = value
    if table == "promises" and "status" not in values and record.get("closed_at") is not None:
        values["status"] = [None, record.get("closed_at")]
    return values


def value_of(table: str, record: Mapping[str, Any] | None, key: str) -> Any:
    """One field's value (None when the record has no such field, or no record)."""
    if record is None:
        return None
    return field_values(table, record).get(key)


def canonical(value: Any) -> str:
    """A value as sorted JSON: a total order for values that must be told apart."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _channel_rank(kind: str) -> tuple[int, str]:
    return (_CHANNEL_ORDER.index(kind), "") if kind in _CHANNEL_ORDER else (9, kind)


def _date_rank(entries: list[Any]) -> tuple[int, int, int, str]:
    first = entries[0] if entries and isinstance(entries[0], dict) else {}
    label = _date_key(first)
    month, day = first.get("month", 0), first.get("day", 0)
    month = month if isinstance(month, int) else 0
    day = day if isinstance(day, int) else 0
    return (0 if label == "birthday" else 1, month, day, label)


def assemble(table: str, base: Mapping[str, Any], values: Values) -> dict[str, Any]:
    """A record with ``base``'s book-keeping keys and the given field values.

    Split fields are put back in a fixed order (channels by kind: email, phone, url,
    handle, then others; dates: the birthday, then by month and day), so assembling is
    the same whichever side a value came from.
    """
    record: dict[str, Any] = {k: v for k, v in base.items() if k in BOOKKEEPING}
    split: dict[str, list[tuple[str, Any]]] = {}
    for key, value in values.items():
        if value is None:
            continue
        head, dot, sub = key.partition(".")
        if dot and head in _SPLIT.get(table, ()):
            split.setdefault(head, []).append((sub, value))
            continue
        if table == "promises" and key == "status" and isinstance(value, list):
            status, closed = [*value, None, None][:2]
            if status is not None:
                record["status"] = status
            if closed is not None:
                record["closed_at"] = closed
            continue
        record[key] = value
    for head, parts in split.items():
        if head == "channels":
            parts.sort(key=lambda part: _channel_rank(part[0]))
        else:
            parts.sort(key=lambda part: _date_rank(part[1]))
        record[head] = [entry for _, entries in parts for entry in entries]
    return record
