"""Record <-> dataclass converters for the three tables.

Dates are stored as ``YYYY-MM-DD`` and moments as ISO 8601 with offset. Fields this
version does not know are kept in ``extra`` and written back untouched. Reading uses
``datetime.fromisoformat`` rather than pendulum: it is ~50x faster and the journal can
hold 100,000 notes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from relate_tui.domain.notes import Note
from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.domain.promises import Promise

_PERSON_FIELDS = frozenset(
    [
        "id",
        "name",
        "created",
        "updated",
        "nickname",
        "org",
        "role",
        "met",
        "met_on",
        "introduced_by",
        "tags",
        "channels",
        "dates",
        "about",
        "rhythm",
        "snooze_until",
        "archived",
        "vcard_uid",
    ]
)
_NOTE_FIELDS = frozenset(
    ["id", "person_ids", "kind", "at", "body", "created", "updated", "gave", "asked"]
)
_PROMISE_FIELDS = frozenset(
    ["id", "person_id", "text", "due", "created", "updated", "status", "closed_at", "note_id"]
)


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _extra(record: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    if known.issuperset(record):  # the common case, checked in C
        return {}
    return {k: v for k, v in record.items() if k not in known}


def person_from_record(r: dict[str, Any]) -> Person:
    """A ``Person`` from its stored record."""
    return Person(
        id=r["id"],
        name=r.get("name", ""),
        created=datetime.fromisoformat(r["created"]),
        updated=datetime.fromisoformat(r.get("updated") or r["created"]),
        nickname=r.get("nickname", ""),
        org=r.get("org", ""),
        role=r.get("role", ""),
        met=r.get("met", ""),
        met_on=_day(r.get("met_on")),
        introduced_by=r.get("introduced_by"),
        tags=tuple(r.get("tags", ())),
        channels=tuple(
            Channel(c["kind"], c["value"], c.get("label", "")) for c in r.get("channels", ())
        ),
        dates=tuple(
            ImportantDate(d["label"], d["month"], d["day"], d.get("year"))
            for d in r.get("dates", ())
        ),
        about=r.get("about", ""),
        rhythm=r.get("rhythm"),
        snooze_until=_day(r.get("snooze_until")),
        archived=bool(r.get("archived", False)),
        vcard_uid=r.get("vcard_uid", ""),
        extra=_extra(r, _PERSON_FIELDS),
    )


def _compact(record: dict[str, Any], required: tuple[str, ...]) -> dict[str, Any]:
    """Drop empty optional fields: a smaller file is faster to read and easier to diff."""
    return {
        k: v
        for k, v in record.items()
        if k in required or (v is not None and v != "" and v != [] and v is not False)
    }


_PERSON_REQUIRED = ("id", "name", "created", "updated")
_NOTE_REQUIRED = ("id", "person_ids", "kind", "at", "body", "created", "updated")
_PROMISE_REQUIRED = ("id", "person_id", "text", "due", "created", "updated", "status")


def person_to_record(p: Person) -> dict[str, Any]:
    """The stored record of ``p``."""
    record = dict(p.extra)
    record.update(
        id=p.id,
        name=p.name,
        created=_iso(p.created),
        updated=_iso(p.updated),
        nickname=p.nickname,
        org=p.org,
        role=p.role,
        met=p.met,
        met_on=_iso(p.met_on),
        introduced_by=p.introduced_by,
        tags=list(p.tags),
        channels=[{"kind": c.kind, "value": c.value, "label": c.label} for c in p.channels],
        dates=[{"label": d.label, "month": d.month, "day": d.day, "year": d.year} for d in p.dates],
        about=p.about,
        rhythm=p.rhythm,
        snooze_until=_iso(p.snooze_until),
        archived=p.archived,
        vcard_uid=p.vcard_uid,
    )
    record["channels"] = [_compact(c, ("kind", "value")) for c in record["channels"]]
    record["dates"] = [_compact(d, ("label", "month", "day")) for d in record["dates"]]
    return _compact(record, _PERSON_REQUIRED)


def note_from_record(r: dict[str, Any]) -> Note:
    """A ``Note`` from its stored record."""
    return Note(
        id=r["id"],
        person_ids=tuple(r.get("person_ids", ())),
        kind=r.get("kind", "note"),
        at=datetime.fromisoformat(r["at"]),
        body=r.get("body", ""),
        created=datetime.fromisoformat(r["created"]),
        updated=datetime.fromisoformat(r.get("updated") or r["created"]),
        gave=bool(r.get("gave", False)),
        asked=bool(r.get("asked", False)),
        extra=_extra(r, _NOTE_FIELDS),
    )


def note_to_record(n: Note) -> dict[str, Any]:
    """The stored record of ``n``."""
    record = dict(n.extra)
    record.update(
        id=n.id,
        person_ids=list(n.person_ids),
        kind=n.kind,
        at=_iso(n.at),
        body=n.body,
        created=_iso(n.created),
        updated=_iso(n.updated),
        gave=n.gave,
        asked=n.asked,
    )
    return _compact(record, _NOTE_REQUIRED)


def promise_from_record(r: dict[str, Any]) -> Promise:
    """A ``Promise`` from its stored record."""
    return Promise(
        id=r["id"],
        person_id=r["person_id"],
        text=r.get("text", ""),
        due=date.fromisoformat(r["due"]),
        created=datetime.fromisoformat(r["created"]),
        updated=datetime.fromisoformat(r.get("updated") or r["created"]),
        status=r.get("status", "open"),
        closed_at=_moment(r.get("closed_at")),
        note_id=r.get("note_id"),
        extra=_extra(r, _PROMISE_FIELDS),
    )


def promise_to_record(p: Promise) -> dict[str, Any]:
    """The stored record of ``p``."""
    record = dict(p.extra)
    record.update(
        id=p.id,
        person_id=p.person_id,
        text=p.text,
        due=_iso(p.due),
        created=_iso(p.created),
        updated=_iso(p.updated),
        status=p.status,
        closed_at=_iso(p.closed_at),
        note_id=p.note_id,
    )
    return _compact(record, _PROMISE_REQUIRED)
