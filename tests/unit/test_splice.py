"""Changes spliced into a sealed file write exactly what the ordinary path writes, and the
last-touch table in the file is always the one the notes give.

The ordinary path parses the file, applies the changes with TinyDB and writes it whole; the
splice edits the bytes. Both run here through ``apply_changes`` on two copies of one file,
for any mix of records added, replaced, removed and "replaced" when absent, over several
batches, and the files must come out byte for byte the same (but for the meta record's
"updated" stamp).
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from relate_tui.domain import versions
from relate_tui.domain.notes import KINDS
from relate_tui.storage import newest, store, versioning
from relate_tui.storage.change import Change
from relate_tui.storage.changes import _restamp, apply_changes
from relate_tui.storage.json_format import parse
from relate_tui.storage.sealed import open_sealed, serialise_sealed
from relate_tui.storage.store import Store, stamp_meta

PEOPLE = ["p1", "p2", "p3", "pé", "p10"]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
BODY = st.lists(TEXT, max_size=3).map("\n".join)
# Few moments, some equal, some in other offsets: ties and cross-offset order are the
# cases where "newest" must be decided the same way every time.
AT = st.sampled_from(
    [
        "2026-11-20T10:00:00+01:00",
        "2026-11-20T10:00:00+01:00",
        "2026-11-20T09:30:00+00:00",
        "2026-12-01T23:30:00-05:00",
        "2026-12-01T08:00:00.250000+01:00",
        "2025-01-01T00:00:00+00:00",
    ]
)
ID = st.text("0123456789abcdef", min_size=3, max_size=6)
NOTE = st.fixed_dictionaries(
    {
        "id": ID,
        "at": AT,
        "kind": st.sampled_from(KINDS),
        "person_ids": st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=2, unique=True),
        "body": BODY,
        "created": st.just("2026-11-01T10:00:00+01:00"),
        "updated": st.just("2026-11-01T10:00:00+01:00"),
    },
    optional={"gave": st.just(True)},
)
PERSON = st.fixed_dictionaries(
    {"id": st.sampled_from(PEOPLE), "name": TEXT, "created": st.just("2026-01-01T10:00:00+01:00")}
)
PROMISE = st.fixed_dictionaries(
    {
        "id": ID,
        "person_id": st.sampled_from(PEOPLE),
        "text": TEXT,
        "due": st.just("2026-12-04"),
        "created": st.just("2026-11-01T10:00:00+01:00"),
    }
)
RECORDS = {"notes": NOTE, "people": PERSON, "promises": PROMISE}


def _table(records: st.SearchStrategy) -> st.SearchStrategy:
    """A table with gaps in its doc ids (1 to 4 digits), unique record ids."""
    return st.dictionaries(st.integers(1, 1200).map(str), records, max_size=12).map(_unique_ids)


def _unique_ids(table: dict[str, dict]) -> dict[str, dict]:
    seen: set[str] = set()
    return {k: r for k, r in table.items() if not (r["id"] in seen or seen.add(r["id"]))}


# One change: (what, table, which existing record)
CHANGE = st.tuples(
    st.sampled_from(["add", "replace", "remove", "replace absent"]),
    st.sampled_from(sorted(RECORDS)),
    st.integers(0, 50),
)


def _changes(data: dict[str, Any], wanted: list[tuple], draw: Any, batch: int = 0) -> list[Change]:
    changes = []
    for what, table, pick in wanted:
        existing = list(data.get(table, {}).values())
        record = dict(draw.draw(RECORDS[table]))
        if what in ("replace", "remove") and existing:
            record_id = existing[pick % len(existing)]["id"]
            record["id"] = record_id
            after = None if what == "remove" else record
            changes.append(Change(table, record_id, None, after))
        elif what == "replace absent":
            record["id"] = f"absent-{pick}"
            changes.append(Change(table, record["id"], None, record))
        else:
            record["id"] = f"new-{batch}-{len(changes)}-{pick}"  # unique across batches
            changes.append(Change(table, record["id"], None, record, new=True))
    return changes


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of examples: write plainly (durability is tested elsewhere)."""
    monkeypatch.setattr(store, "atomic_write", _plain_write)


@pytest.fixture(autouse=True)
def _one_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both paths give a replaced record's changed fields a new version from the clock:
    the same moment for both, so their bytes can be compared."""
    moment = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    made = versions.next_version

    def at_one_moment(now: datetime, machine: str, seen: Any) -> str:
        return made(moment, machine, seen)

    monkeypatch.setattr(versions, "next_version", at_one_moment)
    monkeypatch.setattr(versioning, "next_version", at_one_moment)


def _plain_write(path: Path, data: Any, **_space: Any) -> None:
    pieces = (data,) if isinstance(data, bytes) else data
    path.write_bytes(b"".join(pieces))


def _without_stamp(raw: bytes) -> dict[str, Any]:
    """The file less the moment it was written: ``updated``, and the seal's checksum,
    which covers it (the two writes of a step can fall in different seconds). The file
    must still be sealed: its checksum checked here instead."""
    assert open_sealed(raw) is not None, "not sealed"
    whole = parse(raw)
    whole["meta"]["1"].pop("updated")
    whole["meta"]["1"]["seal"].pop("crc32")
    return whole


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    notes=_table(NOTE),
    people=_table(PERSON),
    promises=st.one_of(st.none(), _table(PROMISE)),
    batches=st.lists(st.lists(CHANGE, min_size=1, max_size=5), min_size=1, max_size=3),
    draw=st.data(),
)
def test_a_splice_writes_what_the_ordinary_path_writes(
    notes: dict, people: dict, promises: dict | None, batches: list, draw: Any
) -> None:
    data: dict[str, Any] = {"notes": notes, "people": people}
    if promises is not None:
        data["promises"] = promises
    stamp_meta(data, "test")
    start = serialise_sealed(data)
    with tempfile.TemporaryDirectory() as folder:
        spliced, rewritten = Path(folder, "spliced.json"), Path(folder, "rewritten.json")
        spliced.write_bytes(start)
        rewritten.write_bytes(start)
        quick, ordinary = Store(spliced), Store(rewritten)
        ordinary.splice = lambda changes, **_: None  # type: ignore[method-assign]
        took_splice = 0
        for number, batch in enumerate(batches):
            changes = _changes(parse(spliced.read_bytes()), batch, draw, number)
            quick_store_splice = Store.splice(quick, changes, restamp=_restamp)
            if quick_store_splice is None:  # what apply_changes does then
                apply_changes(quick, changes)
            else:
                took_splice += 1
            applied = apply_changes(ordinary, changes)
            if quick_store_splice is not None:
                assert quick_store_splice == applied  # the same "before"s, for undo
            assert _without_stamp(spliced.read_bytes()) == _without_stamp(rewritten.read_bytes())
            raw = spliced.read_bytes()
            assert (
                raw[raw.index(b'\n  "newest"') :]
                == (rewritten.read_bytes()[rewritten.read_bytes().index(b'\n  "newest"') :])
            )
            sealed = open_sealed(raw)
            assert sealed is not None and sealed.newest_current
            whole = parse(raw)
            assert newest.by_person(whole["newest"]) == newest.rebuild(whole["notes"].values())
        event(f"batches spliced: {took_splice} of {len(batches)}")


def test_a_table_the_file_lacks_is_added_at_its_end_only_where_a_rewrite_puts_it(
    tmp_path: Path,
) -> None:
    """A table the file has not got yet is spliced in at the end when it sorts after every
    table there (promises, in a file of notes and people), as a rewrite puts it; elsewhere
    the splice gives up, as it does for a record changed twice in one batch, and the
    ordinary path writes it."""
    created = "2026-11-01T10:00:00+01:00"
    data: dict[str, Any] = {
        "notes": {},
        "people": {"1": {"id": "p1", "name": "Ana", "created": created}},
    }
    stamp_meta(data, "test")
    raw = serialise_sealed(data)
    sealed = open_sealed(raw)
    assert sealed is not None
    promise = {
        "id": "q1",
        "person_id": "p1",
        "text": "deck",
        "due": "2026-12-04",
        "created": created,
    }
    meta = dict(sealed.meta, revision=sealed.meta["revision"] + 1)
    result = sealed.with_changes([Change("promises", "q1", None, promise, new=True)], meta)
    assert result is not None
    expected = {**data, "promises": {"1": promise}, "meta": {"1": meta}}
    assert b"".join(result[0]) == serialise_sealed(expected)
    # People sort before promises: a file of notes and promises gets them the ordinary way.
    no_people = {"notes": {}, "promises": {"1": promise}}
    stamp_meta(no_people, "test")
    lacking = open_sealed(serialise_sealed(no_people))
    assert lacking is not None
    person = {"id": "p1", "name": "Ana", "created": created}
    assert lacking.with_changes([Change("people", "p1", None, person, new=True)], {}) is None
    twice = [
        Change("people", "p1", None, {"id": "p1", "name": n, "created": created})
        for n in ("A", "B")
    ]
    assert sealed.with_changes(twice, {}) is None
    # The ordinary path takes both: the last change wins.
    path = tmp_path / "journal.json"
    path.write_bytes(raw)
    apply_changes(Store(path), twice)
    assert parse(path.read_bytes())["people"]["1"]["name"] == "B"
