"""The seal's checksum worked out from the last file's marks is the one ``zlib.crc32`` gives
over the whole new file, after any sequence of splices, and the app's saves seal their
files so with it (``storage.crc_marks``)."""

from __future__ import annotations

import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import crc_marks, store
from relate_tui.storage.crc_marks import CrcMarks, combined, spliced_marks
from relate_tui.storage.sealed import open_sealed

SMALL_STEP = 64
"""Marks every 64 bytes, so that small examples cross many marks (256 KiB in use)."""


@pytest.fixture(autouse=True)
def _small_step(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crc_marks, "STEP", SMALL_STEP)


def _assert_marks_of(marks: CrcMarks, data: bytes) -> None:
    assert marks.length == len(data)
    assert marks.crc == zlib.crc32(data)
    assert marks.offsets == sorted(set(marks.offsets)) and marks.offsets[0] == 0
    for offset, crc in zip(marks.offsets, marks.crcs, strict=True):
        assert crc == zlib.crc32(data[:offset]), offset


@given(st.binary(max_size=300), st.binary(max_size=300))
def test_two_crcs_combine_into_the_crc_of_both(a: bytes, b: bytes) -> None:
    assert combined(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


# One splice: the old bytes cut at some points, some bytes dropped after each cut, and new
# bytes put in at each (as ``storage.splice`` does: records replaced, removed, added).
EDIT = st.tuples(st.integers(0, 10_000), st.integers(0, 200), st.binary(max_size=150))


def _splice(old: bytes, edits: list[tuple[int, int, bytes]]) -> tuple[list[Any], dict[int, int]]:
    view = memoryview(old)
    pieces: list[Any] = []
    origins: dict[int, int] = {}
    cursor = 0
    for at, dropped, new in sorted(edits):
        at = max(cursor, min(at, len(old)))
        piece = view[cursor:at]
        pieces.append(piece)
        origins[id(piece)] = cursor
        pieces.append(new)
        cursor = min(len(old), at + dropped)
    piece = view[cursor:]
    pieces.append(piece)
    origins[id(piece)] = cursor
    return pieces, origins


@settings(max_examples=300, deadline=None)
@given(
    start=st.binary(min_size=0, max_size=3_000),
    splices=st.lists(st.lists(EDIT, max_size=6), min_size=1, max_size=6),
)
def test_after_any_sequence_of_splices_the_marks_are_those_made_from_scratch(
    start: bytes, splices: list[list[tuple[int, int, bytes]]]
) -> None:
    data, marks = start, CrcMarks.of(start)
    _assert_marks_of(marks, data)
    for edits in splices:
        pieces, origins = _splice(data, edits)
        marks = spliced_marks(marks, data, pieces, origins)
        data = b"".join(bytes(p) for p in pieces)
        _assert_marks_of(marks, data)
        # Thinned: never closer than half a step, so their number stays bounded.
        assert len(marks.offsets) <= 2 * len(data) // SMALL_STEP + 2


def _journal(path: Path) -> Journal:
    clock = FixedClock("2026-12-02T10:00:00", tz="Europe/Berlin")
    return Journal(path, Settings(backups=0), clock, writer="app")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(st.tuples(st.sampled_from(["log", "edit", "delete"]), st.integers(0, 9))))
def test_the_apps_saves_seal_each_file_with_the_checksum_of_all_its_bytes(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, int]]
) -> None:
    path = tmp_path_factory.mktemp("j") / "journal.json"
    journal = _journal(path)
    people = [journal.add_person(name, rhythm="1w") for name in ("Ana", "Bruno", "Carla")]
    for index in range(12):  # a file of a few KB: many marks at 64 bytes
        journal.log_note([people[index % 3].id], f"note {index} " + "x" * index, kind="call")
    for what, pick in ops:
        person = people[pick % 3]
        notes = journal.data().notes_for(person.id)
        if not notes:
            what = "log"
        if what == "log":
            at = journal.clock.now() - timedelta(hours=pick)
            journal.log_note([person.id], f"talked {pick}", kind="coffee", at=at)
        elif what == "edit":
            from dataclasses import replace

            journal.save_note(replace(notes[pick % len(notes)], body=f"edited {pick}"))
        else:
            journal.delete_note(notes[pick % len(notes)].id)
        raw = path.read_bytes()
        sealed = open_sealed(raw)  # checks the seal's CRC over every byte
        assert sealed is not None, "the file is sealed with the checksum of all its bytes"
        kept = journal.store.sealed()
        assert kept is not None
        rest = raw[kept.rest_start :]
        if what != "delete":  # spliced (a deletion leaves a tombstone: written whole)
            assert kept.crc_marks is not None, "carried from save to save"
        if kept.crc_marks is not None:
            _assert_marks_of(kept.crc_marks, rest)


def test_a_splice_into_the_file_as_read_carries_its_marks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first save after reading the file reuses the marks its seal's check made, and
    the save after it those the first one made: the journal is never hashed whole again."""
    path = tmp_path / "journal.json"
    journal = _journal(path)
    ana = journal.add_person("Ana", rhythm="1w")
    for index in range(20):
        journal.log_note([ana.id], f"note {index}", kind="call")
    app = _journal(path)  # a new process: reads the file, checks its seal
    app.data()
    whole: list[int] = []
    saving = [False]
    made = CrcMarks.of.__func__  # type: ignore[attr-defined]

    def counted(cls: type[CrcMarks], data: Any) -> CrcMarks:
        if saving[0]:
            whole.append(len(data))
        return made(cls, data)

    monkeypatch.setattr(CrcMarks, "of", classmethod(counted))
    monkeypatch.setattr(store, "atomic_write", _plain_write)
    for index in range(3):
        saving[0] = True
        app.log_note([ana.id], f"later {index}", kind="call")
        saving[0] = False
        assert open_sealed(path.read_bytes()) is not None
    assert whole == [], "no save hashed the whole file"


def _plain_write(path: Path, data: Any, **_space: Any) -> None:
    pieces = (data,) if isinstance(data, bytes) else data
    path.write_bytes(b"".join(pieces))
