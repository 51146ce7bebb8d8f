"""A sealed file's tables as the journal reads them: each looked up without parsing the
others (ids, one record, the notes since a day), the last-touch table brought up to date
on every sealed write, and the tables after a splice read exactly as the new file would.
"""

from __future__ import annotations

from typing import Any

from relate_tui.storage import newest
from relate_tui.storage.change import Change
from relate_tui.storage.json_format import parse
from relate_tui.storage.schema import META
from relate_tui.storage.sealed import (
    SealedTables,
    WrittenFile,
    open_sealed,
    sealed_pieces,
    serialise_sealed,
)
from relate_tui.storage.store import stamp_meta


def note(note_id: str, at: str, body: str, *people: str, kind: str = "call") -> dict[str, Any]:
    return {"id": note_id, "at": at, "kind": kind, "body": body, "person_ids": list(people)}


# Doc ids 1..9, so the next one ("10") sorts between "1" and "2" as the file lists them;
# the note ids do not sort like the doc ids, and every moment has seconds and microseconds.
NOTES = {
    str(n): note(f"n{10 - n}", f"2026-11-{20 + n:02d}T09:17:43.120004+01:00", f"call {n}", "pa")
    for n in range(1, 10)
}
PEOPLE = {"1": {"id": "pz", "name": "Zoe"}, "2": {"id": "pa", "name": "Ana"}}


def journal(**tables: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = dict(tables)
    stamp_meta(data, "test")
    return data


def sealed_tables(data: dict[str, Any]) -> SealedTables:
    sealed = open_sealed(serialise_sealed(data))
    assert sealed is not None
    return SealedTables(sealed)


def test_a_record_is_found_by_its_id_and_a_missing_one_is_none() -> None:
    tables = sealed_tables(journal(notes=NOTES, people=PEOPLE))
    assert tables.find("people", "pa") == {"id": "pa", "name": "Ana"}
    assert tables.find("people", "nobody") is None
    assert tables.ids("people") == ["pz", "pa"]  # the records' ids, in file order
    assert tables.ids("notes") == [f"n{10 - n}" for n in range(1, 10)]
    assert not tables.is_parsed("people")  # found without parsing the table


def test_a_file_without_a_table_finds_nothing_in_it() -> None:
    tables = sealed_tables(journal())  # meta alone
    assert tables.find("people", "pa") is None
    assert tables.ids("people") == []
    assert tables.notes_since("2000-01-01") == []
    assert tables.mentioning("pa") == []


def test_the_notes_since_a_day_are_those_on_it_or_after() -> None:
    tables = sealed_tables(journal(notes=NOTES, people=PEOPLE))
    recent = tables.notes_since("2026-11-28")
    assert [n["body"] for n in recent] == ["call 8", "call 9"]
    assert tables.notes_since("2026-12-01") == []
    assert not tables.is_parsed("notes")


def test_a_table_counts_as_parsed_once_it_is_read() -> None:
    tables = sealed_tables(journal(notes=NOTES, people=PEOPLE))
    assert not tables.is_parsed("notes")
    assert tables["notes"] == NOTES
    assert tables.is_parsed("notes") and tables.is_parsed(META)


def test_every_sealed_write_rebuilds_the_last_touch_table_from_the_notes() -> None:
    stale = {"1": {"person_id": "pa", "note": {"at": "2000-01-01", "id": "old", "kind": "call"}}}
    current = newest.as_table(newest.rebuild(NOTES.values()))
    assert current != stale
    for write in (serialise_sealed, lambda d: b"".join(map(bytes, sealed_pieces(d)))):
        raw = write(journal(notes=NOTES, people=PEOPLE, newest=stale))
        assert parse(raw)[newest.NEWEST] == current
        sealed = open_sealed(raw)
        assert sealed is not None and sealed.newest_current


def test_a_last_touch_table_said_to_be_current_is_written_as_given() -> None:
    given = newest.as_table(newest.rebuild(list(NOTES.values())[:3]))
    raw = serialise_sealed(journal(notes=NOTES, newest=given), newest_current=True)
    assert parse(raw)[newest.NEWEST] == given


def _spliced(tables: SealedTables, changes: list[Change]) -> tuple[SealedTables, bytes]:
    """``tables`` after ``changes`` are spliced into their file, and the new file's bytes."""
    sealed = tables.file
    meta = dict(sealed.meta, revision=sealed.meta["revision"] + 1)
    result = sealed.with_changes(changes, meta)
    assert result is not None
    pieces, splice = result
    raw = b"".join(map(bytes, pieces))
    return tables.after(WrittenFile(pieces), splice), raw


def test_the_tables_after_a_splice_read_as_the_new_file_does() -> None:
    tables = sealed_tables(journal(notes=NOTES, people=PEOPLE, promises={}))
    people, _ = tables["people"], tables["notes"]
    added = note("n0", "2026-11-30T08:00:59.999999+01:00", "met", "pa", kind="meeting")
    after, raw = _spliced(tables, [Change("notes", "n0", None, added, new=True)])
    fresh = parse(raw)
    assert after[META] == fresh[META] and after[META] != tables[META]  # the new revision
    assert after["notes"] == fresh["notes"]
    assert list(after["notes"]) == list(fresh["notes"])  # "10" in its place, after "1"
    assert list(after["notes"])[:3] == ["1", "10", "2"]
    assert after["people"] is people  # unchanged: not parsed again
    assert after.is_parsed("notes") and after.is_parsed("people")
    assert not after.is_parsed("promises")  # never read before, not read now


def test_a_record_replaced_by_a_splice_keeps_its_place() -> None:
    tables = sealed_tables(journal(notes=NOTES, people=PEOPLE))
    before = tables["people"]["1"]
    renamed = dict(before, name="Zoë")
    after, raw = _spliced(tables, [Change("people", "pz", before, renamed)])
    assert after["people"] == parse(raw)["people"]
    assert list(after["people"]) == ["1", "2"]
    assert after["people"]["1"]["name"] == "Zoë"


def test_history_entries_cut_by_the_same_splice_are_not_in_the_tables_after_it() -> None:
    """The history keeps its newest entries: one added and cut at once never reached the
    file, so the tables read after the splice do not hold it either."""
    tables = sealed_tables(journal(notes=NOTES, undo={"7": {"label": "old"}}))
    assert tables["undo"]
    sealed = tables.file
    entries = [Change("undo", "?", None, {"label": label}, new=True) for label in "abc"]
    result = sealed.with_changes(entries, dict(sealed.meta), keep_newest={"undo": 2})
    assert result is not None
    pieces, splice = result
    after = tables.after(WrittenFile(pieces), splice)
    fresh = parse(b"".join(map(bytes, pieces)))
    assert fresh["undo"] == {"9": {"label": "b"}, "10": {"label": "c"}}
    assert after["undo"] == fresh["undo"] and list(after["undo"]) == list(fresh["undo"])
