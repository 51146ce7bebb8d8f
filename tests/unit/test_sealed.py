"""Sealed files: what the command line splices in is exactly what a full rewrite writes,
and anything that is not byte for byte relate's own file takes the ordinary path."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import newest
from relate_tui.storage.errors import JournalUnreadable
from relate_tui.storage.json_format import parse, serialise
from relate_tui.storage.schema import FILE_TABLES
from relate_tui.storage.sealed import SEAL, SealedTables, open_sealed, serialise_sealed
from relate_tui.storage.store import stamp_meta

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
RECORD = st.fixed_dictionaries(
    {"id": st.text("0123456789abcdef", min_size=4, max_size=8), "body": TEXT},
    optional={
        "person_ids": st.lists(TEXT, max_size=3),
        "n": st.integers(-(2**40), 2**40),
        "flag": st.booleans(),
        "nested": st.dictionaries(TEXT, st.lists(TEXT, max_size=2), max_size=2),
    },
)
# Doc ids with gaps, as deletions leave them: 1..~1200 so keys of 1 to 4 digits mix.
TABLE = st.dictionaries(st.integers(1, 1200).map(str), RECORD, max_size=40)


def _journal_data(notes: dict, people: dict, promises: dict | None) -> dict[str, Any]:
    data: dict[str, Any] = {"notes": notes, "people": people}
    if promises is not None:
        data["promises"] = promises
    stamp_meta(data, "test")
    return data


def _inserted(data: dict[str, Any], inserts: dict[str, list[dict]]) -> dict[str, Any]:
    """What TinyDB makes of ``inserts``: each record one past the table's highest id."""
    data = copy.deepcopy(data)
    for name, records in inserts.items():
        table = data.setdefault(name, {}) if records else {}
        for record in records:
            table[str(max(map(int, table), default=0) + 1)] = record
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    notes=TABLE,
    people=TABLE,
    promises=st.one_of(st.none(), TABLE),
    new_notes=st.lists(RECORD, max_size=3),
    new_promises=st.lists(RECORD, max_size=2),
)
def test_a_spliced_record_gives_the_bytes_of_a_full_rewrite(
    notes: dict, people: dict, promises: dict | None, new_notes: list, new_promises: list
) -> None:
    data = _journal_data(notes, people, promises)
    raw = serialise_sealed(data)
    sealed = open_sealed(raw)
    assert sealed is not None
    meta = dict(sealed.meta, revision=sealed.meta["revision"] + 1)
    inserts = {"notes": new_notes, "promises": new_promises}
    pieces = sealed.with_records(inserts, meta)
    assert pieces is not None  # a table the file lacks, sorting last, is added at the end
    spliced = b"".join(pieces)
    expected = _inserted(data, inserts)
    expected["meta"] = {"1": meta}
    assert spliced == serialise_sealed(expected)
    assert open_sealed(spliced) is not None  # and it is sealed for the next one


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    notes=TABLE,
    history=TABLE,
    new_notes=st.lists(RECORD, max_size=2),
    new_entries=st.lists(RECORD, min_size=1, max_size=2),
    keep=st.integers(1, 6),
)
def test_a_bounded_history_spliced_gives_the_bytes_of_a_full_rewrite(
    notes: dict, history: dict, new_notes: list, new_entries: list, keep: int
) -> None:
    """The change history keeps its newest records when one is spliced in, exactly as
    the ordinary write prunes it."""
    data: dict[str, Any] = {"notes": notes, "people": {}, "promises": {}}
    if history:  # else the file has no history table yet: the splice adds it
        data["undo"] = history
    stamp_meta(data, "test")
    sealed = open_sealed(serialise_sealed(data))
    assert sealed is not None
    meta = dict(sealed.meta, revision=sealed.meta["revision"] + 1)
    inserts = {"notes": new_notes, "undo": new_entries}
    pieces = sealed.with_records(inserts, meta, {"undo": keep})
    assert pieces is not None
    expected = _inserted(data, inserts)
    newest = sorted(expected["undo"], key=int)[-keep:]
    expected["undo"] = {k: expected["undo"][k] for k in newest}
    expected["meta"] = {"1": meta}
    spliced = b"".join(pieces)
    assert spliced == serialise_sealed(expected)
    assert open_sealed(spliced) is not None


@settings(max_examples=60, deadline=None)
@given(notes=TABLE, people=TABLE, promises=TABLE)
def test_each_table_reads_alone_as_in_the_whole_file(
    notes: dict, people: dict, promises: dict
) -> None:
    raw = serialise_sealed(_journal_data(notes, people, promises))
    whole = parse(raw)
    sealed = open_sealed(raw)
    assert sealed is not None
    tables = SealedTables(sealed)
    for name in ("notes", "people", "promises"):
        assert tables[name] == whole[name]
    assert serialise(whole) == raw  # canonical: what stock tools read and write back


@settings(max_examples=80, deadline=None)
@given(tables=st.dictionaries(st.sampled_from(FILE_TABLES), TABLE))
def test_any_set_of_tables_is_found_where_it_is(tables: dict[str, dict]) -> None:
    """Whichever tables the file holds (tombstones, the history, none at all), each is
    read from its own bytes, and a table the file lacks reads as empty: the tables after
    the notes are found from the back without reading through the notes."""
    data = dict(tables)
    stamp_meta(data, "test")
    raw = serialise_sealed(data)
    whole = parse(raw)
    sealed = open_sealed(raw)
    assert sealed is not None
    for name in FILE_TABLES:
        assert sealed.table(name) == whole.get(name, {}), name
        assert (sealed.bounds(name) is not None) == (name in whole), name


@settings(max_examples=60, deadline=None)
@given(notes=TABLE, odd=st.lists(TEXT, max_size=3))
def test_the_ids_read_from_the_bytes_are_the_ids_a_parse_gives(notes: dict, odd: list) -> None:
    """``relate show`` lists references from the notes' ids, read without parsing them:
    the same ids, in the same order, whatever an id holds (quotes, escapes, any text)."""
    for number, text in enumerate(odd, start=2000):
        notes[str(number)] = {"id": text, "body": "x", "nested": {"id": ["not this one"]}}
    raw = serialise_sealed(_journal_data(notes, {}, {}))
    sealed = open_sealed(raw)
    assert sealed is not None
    assert SealedTables(sealed).ids("notes") == [r["id"] for r in parse(raw)["notes"].values()]


def _sealed_file() -> bytes:
    records = {str(i): {"id": f"n{i}", "body": f"note {i}"} for i in range(1, 30)}
    return serialise_sealed(_journal_data(records, {"1": {"id": "p1", "name": "Ana"}}, {}))


def _flip(raw: bytes, old: bytes, new: bytes) -> bytes:
    assert len(old) == len(new) and old in raw
    return raw.replace(old, new, 1)


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("a note edited by hand, same length", lambda r: _flip(r, b"note 17", b"NOTE 17")),
        ("a note edited by hand, longer", lambda r: r.replace(b"note 17", b"note 17!")),
        ("a byte of a note corrupted", lambda r: _flip(r, b'"note 3"', b'"note 3\x00')),
        ("the seal removed", lambda r: r.replace(b'"seal"', b'"Seal"')),
        ("the seal's checksum changed", lambda r: r.replace(b'"crc32": "', b'"crc32": "f')),
        ("the seal's highest note key lowered", lambda r: _flip(r, b'"notes": 29', b'"notes": 12')),
        (
            "the schema version changed",
            lambda r: _flip(r, b'"schema_version": 1', b'"schema_version": 7'),
        ),
        ("the revision changed", lambda r: _flip(r, b'"revision": 1,', b'"revision": 9,')),
        ("the seal's length changed", lambda r: r.replace(b'"bytes": ', b'"bytes": 1')),
        ("written compact by another program", lambda r: serialise_compact(r)),
        ("reindented by an editor", lambda r: r.replace(b"\n  ", b"\n    ")),
    ],
)
def test_a_file_relate_did_not_write_is_not_sealed(what: str, change) -> None:
    raw = _sealed_file()
    assert open_sealed(raw) is not None
    assert open_sealed(change(raw)) is None, what


def serialise_compact(raw: bytes) -> bytes:
    import json

    return json.dumps(parse(raw)).encode()


def test_a_table_relate_does_not_know_leaves_the_file_unsealed() -> None:
    data = _journal_data({}, {}, {})
    data["_default"] = {"1": {"x": 1}}  # a stock TinyDB insert
    raw = serialise_sealed(data)
    assert raw == serialise(data) and SEAL not in parse(raw)["meta"]["1"]
    assert open_sealed(raw) is None


# -- through the journal, as `relate log` does --------------------------------------------


def _journal(path: Path, *, by_table: bool) -> Journal:
    return Journal(path, Settings(), FixedClock("2026-12-02T10:00:00"), by_table=by_table)


def _with_people(path: Path) -> None:
    journal = _journal(path, by_table=False)
    for name in ("Ana Lima", "Ben Okafor", "Chen Wei"):
        journal.add_person(name, rhythm="2w")
    ana = journal.resolve_person("Ana")
    for i in range(11):
        journal.log_note([ana.id], f"note {i}", kind="call")
    journal.log_note([ana.id], "note 11", kind="call", promise="lend the book")


def test_logging_by_table_writes_what_the_app_would(tmp_path: Path) -> None:
    """The same notes logged the command line's way and the app's way: the same file,
    but for the moment each was written."""
    base = tmp_path / "base.json"
    _with_people(base)
    files = {}
    for way in ("spliced", "rewritten"):
        path = tmp_path / way / "journal.json"
        path.parent.mkdir()
        path.write_bytes(base.read_bytes())
        journal = _journal(path, by_table=way == "spliced")
        if way == "spliced":
            journal.store.transaction = None  # type: ignore[method-assign]  # never taken
        ben = journal.resolve_person("ben")
        journal.log_note([ben.id], "coffee, talked about the move", promise="send the flat list")
        journal.log_note([ben.id, journal.resolve_person("chen").id], "dinner", kind="meeting")
        files[way] = parse(path.read_bytes())
    for tables in files.values():
        # The last-touch table is exact either way (ties at the same minute fall to the
        # higher random id, so it is compared with the notes, not across the two files).
        by_person = {r["person_id"]: r for r in tables.pop("newest").values()}
        assert by_person == newest.rebuild(tables["notes"].values())
        tables["meta"]["1"]["seal"]["last_ids"].pop("newest")
        tables["meta"]["1"]["seal"].pop("bytes")  # the table's lines differ in length
        tables["meta"]["1"].pop("updated")
        tables["meta"]["1"]["seal"].pop("crc32")  # over the random ids
        for table in ("notes", "promises"):
            for record in tables[table].values():  # ids are random: compare the rest
                record.pop("id")
                record.pop("note_id", None)
        for entry in tables["undo"].values():  # the history names those random ids
            entry.pop("id")
            entry["after"] = {table: len(ids) for table, ids in entry["after"].items()}
    assert files["spliced"] == files["rewritten"]
    assert len(files["spliced"]["notes"]) == 14
    history = files["spliced"]["undo"]
    assert [history[k] for k in sorted(history, key=int)][-2:] == [
        {"at": "2026-12-02T10:00:00+00:00", "by": "cli", "label": "call with Ben Okafor",
         "after": {"notes": 1, "promises": 1}},
        {"at": "2026-12-02T10:00:00+00:00", "by": "cli",
         "label": "meeting with Ben Okafor, Chen Wei", "after": {"notes": 1}},
    ]  # fmt: skip


def test_a_note_logged_by_table_is_seen_by_a_fresh_reader(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _with_people(path)
    cli = _journal(path, by_table=True)
    cli.log_note([cli.resolve_person("chen").id], "first call", kind="call")
    fresh = _journal(path, by_table=False)
    chen = fresh.resolve_person("chen")
    assert [n.body for n in fresh.data().notes_for(chen.id)] == ["first call"]
    assert fresh.data().revision == 16  # 3 people, 12 notes, and this one


def test_a_corrupted_note_stops_the_quick_path_and_the_file_is_left_alone(
    tmp_path: Path,
) -> None:
    """The seal is what makes the quick path safe: a file damaged after relate wrote it
    is read whole, found unreadable, and not written."""
    path = tmp_path / "journal.json"
    _with_people(path)
    journal = _journal(path, by_table=True)
    ben = journal.resolve_person("ben")  # read while the file was sound
    damaged = path.read_bytes().replace(b'"note 5"', b'"note 5\x01', 1)
    path.write_bytes(damaged)
    with pytest.raises(JournalUnreadable):
        journal.log_note([ben.id], "lost?", kind="call")
    assert path.read_bytes() == damaged


def test_a_lowered_highest_key_in_the_seal_never_makes_a_note_vanish(tmp_path: Path) -> None:
    """Editing ``meta.seal.last_ids`` once made the quick path write a key twice: the JSON
    parser keeps the later record, so a note vanished while the doctor called the file
    healthy. The seal now covers the meta record too: the edited file takes the ordinary
    path."""
    from relate_tui.storage.doctor import inspect_journal

    path = tmp_path / "journal.json"
    _with_people(path)
    raw = path.read_bytes()
    edited = _flip(raw, b'"notes": 12,', b'"notes": 3,\x20')
    path.write_bytes(edited)
    journal = _journal(path, by_table=True)
    journal.log_note([journal.resolve_person("chen").id], "the new one", kind="call")
    text = path.read_bytes()
    notes_table = text.split(b'\n  "people": ')[0]  # notes come first after meta
    assert notes_table.count(b'\n    "4": {') == 1  # a key written once
    bodies = sorted(n["body"] for n in parse(text)["notes"].values())
    assert bodies == sorted([f"note {i}" for i in range(12)] + ["the new one"])
    assert inspect_journal(path).healthy
