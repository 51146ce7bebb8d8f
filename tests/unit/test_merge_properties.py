"""Random histories on two copies of one journal, merged: the merge's promises as properties.

Each example starts from one journal, copies it to a "laptop" and a "desktop" file, runs a
random history of adds, edits, notes, promises and deletes on each through the real
``Journal`` (so versions and tombstones are what the write path makes), then merges.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate_tui.domain.clock import FixedClock
from relate_tui.domain.journal_merge import merge_journals
from relate_tui.domain.people import Channel
from relate_tui.domain.record_fields import field_values
from relate_tui.domain.versions import conflicts_of, current, knows, lineage
from relate_tui.journal import Journal
from relate_tui.journal.merge import record_tables, tombstones
from relate_tui.settings import Settings
from relate_tui.storage import records, versioning
from relate_tui.storage.changes import Change
from relate_tui.storage.json_format import parse

TABLES = ("people", "notes", "promises")
WORDS = st.sampled_from(["Datalab", "Acme", "ML lead", "CTO", "likes climbing", "", "Lisbon"])

operation = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 9), st.sampled_from(["org", "role", "about"]), WORDS),
    st.tuples(st.just("email"), st.integers(0, 9), st.sampled_from(["a@x.org", "b@y.org"])),
    st.tuples(st.just("phone"), st.integers(0, 9), st.sampled_from(["+1 555", "+351 91"])),
    st.tuples(st.just("log"), st.integers(0, 9), WORDS),
    st.tuples(st.just("edit_note"), st.integers(0, 19), WORDS),
    st.tuples(st.just("delete_note"), st.integers(0, 19)),
    st.tuples(st.just("add_person"), st.sampled_from(["Zoe", "Yann", "Xu"])),
    st.tuples(st.just("keep"), st.integers(0, 9)),
    st.tuples(st.just("drop"), st.integers(0, 9)),
    st.tuples(st.just("delete_promise"), st.integers(0, 9)),
    st.tuples(st.just("delete_person"), st.integers(0, 9)),
    st.tuples(st.just("promise"), st.integers(0, 9), st.sampled_from(["send deck", "intro"])),
)
history = st.lists(operation, max_size=8)


@contextmanager
def machine(name: str):
    """Writes made inside are made on machine ``name``."""
    old = os.environ.get("RELATE_MACHINE")
    os.environ["RELATE_MACHINE"] = name
    versioning.machine_id.cache_clear()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("RELATE_MACHINE", None)
        else:
            os.environ["RELATE_MACHINE"] = old
        versioning.machine_id.cache_clear()


def run(journal: Journal, ops: list[tuple[Any, ...]]) -> None:
    """Apply a history, skipping steps that no longer apply (a deleted record)."""
    for op in ops:
        data = journal.data()
        people, notes, promises = data.people, data.notes, data.promises
        kind = op[0]
        if kind == "add_person":
            if not any(p.name == op[1] for p in people):
                journal.add_person(op[1])
            continue
        if kind in ("edit", "email", "phone", "log", "promise", "delete_person") and people:
            person = people[op[1] % len(people)]
            if kind == "edit":
                journal.save_person(replace(person, **{op[2]: op[3]}))
            elif kind in ("email", "phone"):
                others = tuple(c for c in person.channels if c.kind != kind)
                journal.save_person(replace(person, channels=(Channel(kind, op[2]), *others)))
            elif kind == "log":
                journal.log_note([person.id], op[2] or "a call")
            elif kind == "promise":
                journal.add_promise(person.id, op[2])
            else:
                journal.delete_person(person.id)
        elif kind in ("edit_note", "delete_note") and notes:
            chosen = notes[op[1] % len(notes)]
            if kind == "edit_note":
                journal.save_note(replace(chosen, body=op[2] or "edited"))
            else:
                journal.delete_note(chosen.id)
        elif kind in ("keep", "drop", "delete_promise"):
            open_ones = [p for p in promises if p.is_open] if kind != "delete_promise" else promises
            if not open_ones:
                continue
            chosen = open_ones[op[1] % len(open_ones)]
            if kind == "keep":
                journal.keep_promise(chosen.id)
            elif kind == "drop":
                journal.drop_promise(chosen.id)
            else:
                journal._commit("delete promise", [Change("promises", chosen.id, None, None)])


def tables_of(path: Path) -> dict[str, Any]:
    return parse(path.read_bytes())


def base_journal(path: Path, clock: FixedClock) -> None:
    journal = Journal(path, Settings(), clock)
    ana = journal.add_person("Ana Lima", org="Datalab")
    bruno = journal.add_person("Bruno Costa")
    journal.add_person("Carla Dias", about="met at PyCon")
    journal.log_note([ana.id], "first call")
    journal.log_note([ana.id, bruno.id], "dinner together", kind="meal")
    journal.add_promise(bruno.id, "send the deck")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(laptop_ops=history, desktop_ops=history)
def test_merging_two_histories(tmp_path: Path, laptop_ops: list, desktop_ops: list) -> None:
    clock = FixedClock("2026-12-02T10:00:00", tz="Europe/Berlin")
    folder = tmp_path / f"run-{os.urandom(4).hex()}"
    folder.mkdir()
    base, laptop, desktop = folder / "base.json", folder / "laptop.json", folder / "desktop.json"
    with machine("base"):
        base_journal(base, clock)
    shutil.copy(base, laptop)
    shutil.copy(base, desktop)
    with machine("laptop"):
        run(Journal(laptop, Settings(), clock), laptop_ops)
    with machine("desktop"):
        run(Journal(desktop, Settings(), clock), desktop_ops)

    a, b = tables_of(laptop), tables_of(desktop)
    ra, rb, ta, tb = record_tables(a), record_tables(b), tombstones(a), tombstones(b)
    ab = merge_journals(ra, rb, ta, tb)
    ba = merge_journals(rb, ra, tb, ta)

    # merge(A, B) and merge(B, A) give the same records and tombstones.
    assert ab.tables == ba.tables
    assert ab.tombstones == ba.tombstones
    # merge(A, A) = A.
    assert merge_journals(ra, ra, ta, ta).tables == ra
    # Merging the same copy again changes nothing.
    again = merge_journals(ab.tables, rb, list(ab.tombstones.values()), tb)
    assert again.tables == ab.tables and again.report.empty

    tombs = {"a": {(t["table"], t["id"]) for t in ta}, "b": {(t["table"], t["id"]) for t in tb}}
    for table in TABLES:
        for rid in set(ra[table]) | set(rb[table]):
            if rid in ab.tables[table]:
                continue
            # Missing only when the side without it deleted it.
            deleter = "b" if rid in ra[table] else "a"
            assert rid not in (ra if deleter == "a" else rb)[table]
            assert (table, rid) in tombs[deleter], f"{table} {rid} lost"
        for rid in set(ra[table]) & set(rb[table]):
            _every_clash_is_kept(table, ra[table][rid], rb[table][rid], ab.tables[table][rid])
    _is_a_journal(ab.tables)

    # Through the files: the laptop merges the desktop's copy, twice.
    with machine("laptop"):
        journal = Journal(laptop, Settings(), clock)
        journal.merge_file(desktop)
        assert not journal.merge_file(desktop).written
    _is_a_journal(record_tables(tables_of(laptop)))


def _every_clash_is_kept(table: str, a: dict, b: dict, merged: dict) -> None:
    va, vb, vm = field_values(table, a), field_values(table, b), field_values(table, merged)
    kept = {(c["field"], repr(c.get("value"))) for c in conflicts_of(merged)}
    for key in set(va) | set(vb):
        if va.get(key) == vb.get(key):
            continue
        la, lb = lineage(a, key), lineage(b, key)
        if knows(la, current(lb)) != knows(lb, current(la)):
            continue  # one side saw the other's change: no clash
        assert vm.get(key) in (va.get(key), vb.get(key))
        loser = vb.get(key) if vm.get(key) == va.get(key) else va.get(key)
        assert (key, repr(loser)) in kept, f"{table} {a['id']} {key}: {loser!r} not kept"


def _is_a_journal(tables: dict[str, dict[str, dict]]) -> None:
    people = tables["people"]
    for record in people.values():
        records.person_from_record(record)
    for record in tables["notes"].values():
        records.note_from_record(record)
        assert set(record["person_ids"]) <= set(people)
    for record in tables["promises"].values():
        records.promise_from_record(record)
        assert record["person_id"] in people
