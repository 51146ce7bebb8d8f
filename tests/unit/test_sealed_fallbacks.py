"""Every way a journal falls back from the sealed quick path, and what the quick path reads:
a file that cannot be sealed is written the ordinary way (never as ``null``, never
half-sealed), a table the file has not got reads as empty, and the revision a sealed read
reports is the file's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage.json_format import parse, serialise
from relate_tui.storage.schema import FILE_TABLES, META
from relate_tui.storage.sealed import SEAL, SealedTables, open_sealed, serialise_sealed
from relate_tui.storage.store import stamp_meta

CLOCK = FixedClock("2026-12-02T10:00:37.250613")


def journal_data(**tables: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = dict(tables)
    stamp_meta(data, "test")
    return data


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("a record key that is not a number", lambda d: d["notes"].update({"x1": {"a": 1}})),
        ("no meta record", lambda d: d.update({META: {}})),
        ("two meta records", lambda d: d[META].update({"2": {"revision": 9}})),
        ("meta that is not a table", lambda d: d.update({META: [1]})),
        ("a table relate does not know", lambda d: d.update({"_default": {"1": {"x": 1}}})),
    ],
)
def test_a_journal_that_cannot_be_sealed_is_written_whole_and_unsealed(what: str, change) -> None:
    data = journal_data(notes={"2": {"body": "kept"}}, people={})
    change(data)
    raw = serialise_sealed(data)
    assert raw == serialise(data), what
    assert parse(raw)["notes"]["2"] == {"body": "kept"}
    assert open_sealed(raw) is None


def test_a_journal_of_meta_alone_is_sealed_and_reads_every_table_as_empty() -> None:
    data = journal_data()
    raw = serialise_sealed(data)
    assert {k: v for k, v in parse(raw).items() if k != "newest"} == {META: data[META]}  # not null
    sealed = open_sealed(raw)
    assert sealed is not None
    assert sealed.meta[SEAL]["bytes"] == len(raw) - raw.index(b"\n  }") - len(b"\n  }")
    tables = SealedTables(sealed)
    assert next(iter(tables)) == META and set(FILE_TABLES) <= set(tables)
    assert len(tables) == len(list(tables))
    assert tables["notes"] == {} and tables[META] == data[META]


def test_each_table_reads_with_its_highest_key_sealed() -> None:
    data = journal_data(
        notes={"9": {"body": "nine"}, "10": {"body": "ten"}}, people={}, promises={"3": {}}
    )
    sealed = open_sealed(serialise_sealed(data))
    assert sealed is not None
    last_ids = sealed.meta[SEAL]["last_ids"]
    assert {k: last_ids[k] for k in ("notes", "people", "promises")} == {
        "notes": 10, "people": 0, "promises": 3
    }  # fmt: skip
    assert sealed.table("notes") == {"9": {"body": "nine"}, "10": {"body": "ten"}}
    assert sealed.table("people") == {}
    assert sealed.table("undo") == {}


def test_records_go_into_an_empty_table_and_a_new_last_table() -> None:
    data = journal_data(notes={"4": {"body": "old"}}, people={})
    sealed = open_sealed(serialise_sealed(data))
    assert sealed is not None
    meta = {**sealed.meta, "revision": sealed.meta["revision"] + 1}
    inserts = {"people": [{"name": "Ana"}], "undo": [{"label": "a"}, {"label": "b"}]}
    pieces = sealed.with_records(inserts, meta, keep_newest={"undo": 1})
    assert pieces is not None
    raw = b"".join(bytes(p) for p in pieces)
    expected = {
        "notes": {"4": {"body": "old"}},
        "people": {"1": {"name": "Ana"}},
        "undo": {"2": {"label": "b"}},
    }
    assert {k: v for k, v in parse(raw).items() if k not in (META, "newest")} == expected
    # Byte for byte what a full rewrite writes, and sealed again.
    again = open_sealed(raw)
    assert again is not None and again.meta["revision"] == meta["revision"]
    assert raw == serialise_sealed({**parse(raw), META: {"1": meta}})


def test_a_new_table_that_would_not_go_last_takes_the_ordinary_path() -> None:
    data = journal_data(people={"1": {"name": "Ana"}})
    sealed = open_sealed(serialise_sealed(data))
    assert sealed is not None
    assert sealed.with_records({"notes": [{"body": "x"}]}, dict(sealed.meta)) is None


def test_the_revision_read_by_table_is_the_files(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    writer = Journal(path, Settings(), CLOCK, by_table=False)
    writer.add_person("Ana Lima", rhythm="2w")
    writer.add_person("Ben Okafor")
    reader = Journal(path, Settings(), CLOCK, by_table=True)
    assert reader.store.sealed() is not None  # read the quick way
    assert reader.data().revision == writer.data().revision == 2
    reader.log_note([reader.resolve_person("ben").id], "called", kind="call")
    assert Journal(path, Settings(), CLOCK, by_table=False).data().revision == 3
    assert reader.data().revision == 3


def test_two_new_tables_at_the_end_both_get_their_records_in_key_order() -> None:
    data = journal_data(notes={"4": {"body": "old"}})
    sealed = open_sealed(serialise_sealed(data))
    assert sealed is not None
    ten = [{"label": str(n)} for n in range(1, 11)]  # keys 1..10: "10" sorts before "2"
    pieces = sealed.with_records({"people": [{"name": "Ana"}], "undo": ten}, dict(sealed.meta))
    assert pieces is not None
    raw = b"".join(bytes(p) for p in pieces)
    tables = parse(raw)
    assert tables["people"] == {"1": {"name": "Ana"}}
    assert tables["undo"] == {str(n): {"label": str(n)} for n in range(1, 11)}
    assert raw == serialise_sealed({k: v for k, v in tables.items()})


def test_a_seal_with_its_highest_keys_not_a_table_is_not_trusted() -> None:
    import re

    raw = serialise_sealed(journal_data())
    listed = re.sub(rb'"last_ids": \{[^}]*\}', b'"last_ids": []', raw)
    assert listed != raw and open_sealed(listed) is None
