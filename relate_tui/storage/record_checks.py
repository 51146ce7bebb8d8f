"""What a valid record is: every field the converters in ``storage.records`` read, with
the type they need.

A journal edited by hand (or by a tool) can hold a note whose ``at`` is
``"last tuesday-ish"`` or ``12345``, a promise due ``"soonish"``, a person whose name is
``null``. Converting such a record fails deep inside the queue with a traceback, or
worse, compares a date with a number. So every record is checked when the file is read
whole (``Store.load``) and every record is checked before it is written
(``storage.changes``); a bad one is named by table and id, and the file is refused as
unreadable, so nothing is ever written on top of it. Hence a sealed file holds only records
that passed, and its tables are not checked again (see ``storage.sealed``).

Rules: a field that is present holds its type; optional fields may be left out, and the
ones that mean "none" (dates, references, ``updated``) may also be ``null``. Moments are
ISO 8601 with their offset, days are ``YYYY-MM-DD``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

Check = Callable[[Any], str | None]
"""What is wrong with a value, or None when it is fine."""

_PROMISE_STATUSES = ("open", "kept", "dropped")


def _text(value: Any) -> str | None:
    return None if type(value) is str else "is not text"


def _flag(value: Any) -> str | None:
    return None if type(value) is bool else "is not true or false"


def _moment(value: Any) -> str | None:
    if type(value) is not str:
        return "is not a date and time"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return "is not a date and time"
    return None if moment.tzinfo is not None else "has no time-zone offset"


def _day(value: Any) -> str | None:
    if type(value) is not str:
        return "is not a date"
    try:
        date.fromisoformat(value)
    except ValueError:
        return "is not a date"
    return None


def _texts(value: Any) -> str | None:
    if type(value) is list and all(type(v) is str for v in value):
        return None
    return "is not a list of text"


def _or_none(check: Check) -> Check:
    def checked(value: Any) -> str | None:
        return None if value is None else check(value)

    return checked


def _list_of(fields: dict[str, Check], required: set[str]) -> Check:
    needed = frozenset(required)

    def checked(value: Any) -> str | None:
        if type(value) is not list:
            return "is not a list"
        for item in value:
            if type(item) is not dict:
                return "holds an entry that is not an object"
            problem = _fields_problem(item, fields, needed)
            if problem:
                return f"holds an entry whose {problem}"
        return None

    return checked


def _month(value: Any) -> str | None:
    return None if type(value) is int and 1 <= value <= 12 else "is not a month (1-12)"


def _day_of_month(value: Any) -> str | None:
    return None if type(value) is int and 1 <= value <= 31 else "is not a day of the month"


def _year(value: Any) -> str | None:
    return None if type(value) is int and 1 <= value <= 9999 else "is not a year"


def _status(value: Any) -> str | None:
    return None if value in _PROMISE_STATUSES else "is not open, kept or dropped"


PERSON: dict[str, Check] = {
    "name": _text,
    "created": _moment,
    "updated": _or_none(_moment),
    "nickname": _text,
    "org": _text,
    "role": _text,
    "met": _text,
    "met_on": _or_none(_day),
    "introduced_by": _or_none(_text),
    "tags": _texts,
    "channels": _list_of({"kind": _text, "value": _text, "label": _text}, {"kind", "value"}),
    "dates": _list_of(
        {"label": _text, "month": _month, "day": _day_of_month, "year": _or_none(_year)},
        {"label", "month", "day"},
    ),
    "about": _text,
    "rhythm": _or_none(_text),
    "snooze_until": _or_none(_day),
    "archived": _flag,
    "vcard_uid": _text,
}
NOTE: dict[str, Check] = {
    "person_ids": _texts,
    "kind": _text,
    "at": _moment,
    "body": _text,
    "created": _moment,
    "updated": _or_none(_moment),
    "gave": _flag,
    "asked": _flag,
}
PROMISE: dict[str, Check] = {
    "person_id": _text,
    "text": _text,
    "due": _day,
    "created": _moment,
    "updated": _or_none(_moment),
    "status": _status,
    "closed_at": _or_none(_moment),
    "note_id": _or_none(_text),
}
FIELDS = {"people": PERSON, "notes": NOTE, "promises": PROMISE}
"""The fields of each table's records that relate reads, with their checks."""
REQUIRED = {
    "people": frozenset({"id", "name", "created"}),
    "notes": frozenset({"id", "person_ids", "kind", "at", "created"}),
    "promises": frozenset({"id", "person_id", "due", "created"}),
}
"""The fields a record of each table cannot do without."""


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:39] + "…"


def _fields_problem(
    record: dict[str, Any], fields: dict[str, Check], required: frozenset[str]
) -> str | None:
    if not required <= record.keys():
        return f"{min(required - record.keys())} is missing"
    for name, value in record.items():  # only the fields present: most are optional
        check = fields.get(name)
        if check is not None and (problem := check(value)):
            return f"{name} {_shown(value)} {problem}"
    return None


def record_problem(table: str, record: Any) -> str | None:
    """What is wrong with ``record`` of ``table`` ("at "soonish" is not a date and time"),
    or None when relate can read it."""
    if type(record) is not dict:
        return "is not an object"
    if type(record.get("id")) is not str or not record["id"]:
        return "has no id"
    return _fields_problem(record, FIELDS[table], REQUIRED[table])


def _aware(value: str) -> bool:
    return datetime.fromisoformat(value).tzinfo is not None


def _note_is_fine(r: dict[str, Any]) -> bool:
    """The common note, checked in one expression: a journal can hold 100,000 of them, and
    this takes half the time of ``record_problem``, which looks at anything it refuses."""
    try:
        ids = r["person_ids"]
        return (
            type(r["id"]) is str
            and r["id"] != ""  # the same rule as record_problem: an id is never empty
            and type(ids) is list
            # most notes are about one person: no generator for them
            and (type(ids[0]) is str if len(ids) == 1 else all(type(i) is str for i in ids))
            and type(r["kind"]) is str
            and type(r.get("body", "")) is str
            and type(r.get("gave", False)) is bool
            and type(r.get("asked", False)) is bool
            and _aware(at := r["at"])
            # most notes are written when they happen, and never edited: one date to read
            and ((created := r["created"]) == at or _aware(created))
            and ((updated := r.get("updated")) in (None, created, at) or _aware(updated))
        )
    except (KeyError, TypeError, ValueError):
        return False


def bad_records(tables: Mapping[str, Any]) -> Iterable[tuple[str, str, str]]:
    """(table, record id, problem) for every record of ``tables`` relate cannot read."""
    for table in FIELDS:
        fine = _note_is_fine if table == "notes" else None
        for record in (tables.get(table) or {}).values():
            if fine is not None and fine(record):
                continue
            problem = record_problem(table, record)
            if problem:
                record_id = record.get("id") if isinstance(record, dict) else None
                yield table, str(record_id), problem
