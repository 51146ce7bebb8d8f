"""relate's note of the file it last sealed (``storage.seal_record``): after any save by
either door a lean read trusts it, reads only the tables it needs and answers exactly as
the full path does; anything that may have changed the file since — an edit in place of
the same size (its mtime moved or set back), a replaced file, a touched file, a change
while the tables are read, times too coarse to tell, a missing, damaged or foreign
record — is not trusted, and the answer is still the full path's."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate_tui import locations, quick_due, quick_queue, quick_read, status_line
from relate_tui.cli import main
from relate_tui.domain.errors import InputError
from relate_tui.journal import Journal
from relate_tui.storage import newest, seal_record
from relate_tui.storage.sealed_file import SealedBytes, read_seal
from tests.unit.test_newest import NAMES, OP, _apply, _journal
from tests.unit.test_quick_due import _no_fsync, environment, full
from tests.unit.test_quick_queue import assert_same_queue

__all__ = ["_no_fsync"]  # the fixture, used here too (autouse)

TABLES = (newest.NEWEST, "people", "promises")
LINES = (["queue"], ["queue", "--json"], ["due"], ["due", "--count"])


def trusted(path: Path) -> seal_record.TrustedTables | None:
    """What the lean read gets from the record for ``path`` (None: not trusted)."""
    folder = locations.cache_dir_text()
    assert folder is not None
    fd = os.open(path, os.O_RDONLY)
    try:
        return seal_record.trusted(folder, os.path.realpath(path), fd, TABLES)
    finally:
        os.close(fd)


def record_file(path: Path) -> Path:
    folder = locations.cache_dir_text()
    assert folder is not None
    return Path(seal_record.record_path(folder, os.path.realpath(path)))


def fine_times(path: Path) -> bool:
    """True when the file's times show digits below the millisecond (one stamp in a
    thousand does not, by chance, and is rightly not trusted)."""
    st_ = os.stat(path)
    return bool(st_.st_mtime_ns % 1_000_000 and st_.st_ctime_ns % 1_000_000)


def noting(path: Path, writer: str) -> Journal:
    """A journal (``Journal`` API) whose saves leave their note, as ``open_journal``'s do."""
    journal = _journal(path, writer)
    journal.store.seal_records = locations.cache_dir_text()
    return journal


def assert_trusted_as_checked(path: Path) -> None:
    """The record's tables are the file's, where a full read of it finds them."""
    raw = path.read_bytes()
    found = read_seal(raw)
    assert found is not None
    sealed = SealedBytes(raw, *found)
    tables = trusted(path)
    if not fine_times(path):
        assert tables is None
        return
    assert tables is not None, "a save by relate leaves a note the lean read trusts"
    assert tables.meta == sealed.meta
    for name in TABLES:
        assert tables.table(name) == sealed.table(name)
    record = orjson.loads(record_file(path).read_bytes())
    assert record["tables"] == {name: list(at) for name, at in sealed._layout.items()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OP, min_size=1, max_size=10), people=st.integers(0, 3))
def test_after_any_save_the_trusted_read_answers_as_the_full_path(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, str, int, str]], people: int
) -> None:
    folder = tmp_path_factory.mktemp("j")
    path = folder / "journal.json"
    app = noting(path, "app")
    for number, name in enumerate(NAMES[:people]):
        app.add_person(name, rhythm=["1w", "A", "3d"][number])
    with environment(RELATE_NOW="2026-12-02T10:00:00", RELATE_CONFIG=str(folder / "none")):
        for door, what, pick, kind in ops:
            journal = app if door == "app" else noting(path, "cli")
            try:
                _apply(journal, what, pick, kind)
            except InputError:
                continue
            assert_trusted_as_checked(path)
            assert_same_queue(path)
            found = quick_due.count(status_line.Key(str(path)))
            assert found is not None and found[0] == full(path)[0]


@pytest.fixture
def journal(monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal the command line wrote, its note trusted: Ana's call on 22 November
    makes her due this week (rhythm 2w)."""
    monkeypatch.setenv("RELATE_NOW", "2026-12-02T10:00:00")
    assert main(["add", "Ana Lima", "--rhythm", "2w"]) == 0
    assert main(["add", "Bruno Costa", "--rhythm", "1w"]) == 0
    assert main(["log", "bruno", "coffee", "--kind", "coffee", "--at", "2 days ago"]) == 0
    for _ in range(5):  # a stamp of whole milliseconds is one in a thousand
        assert main(["log", "ana", "a call", "--kind", "call", "--at", "2026-11-22"]) == 0
        path = Path(os.environ["RELATE_DB"])
        if fine_times(path):
            break
    assert trusted(path) is not None
    time.sleep(0.02)  # past the file system clock's tick: an edit now shows in its times
    return path


def answers(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What each line prints as the console script answers it — read lean, or by the full
    path where the lean read steps aside — each checked against the full path's."""
    found = []
    for argv in LINES:
        capsys.readouterr()
        if not (quick_due.answer(argv) or quick_queue.answer(argv)):
            assert main(argv) == 0
        said = capsys.readouterr()
        assert main(argv) == 0
        assert capsys.readouterr() == said
        found.append(said.out)
    return found


def edit_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Replace the last ``old`` by ``new`` (the same length) where it is in the file."""
    assert len(old) == len(new)
    raw = path.read_bytes()
    at = raw.rindex(old)  # in the notes (the last-touch table comes before them)
    with open(path, "r+b") as file:
        file.seek(at)
        file.write(new)


# Ana's call moved from 22 to 30 November: the same size, and her next call moves from
# this week to later (the full path, finding the seal broken, rebuilds her last touch
# from the notes; the last-touch table in the file still says 22 November).
CALL, MOVED = b'"at": "2026-11-22T', b'"at": "2026-11-30T'


def test_the_note_is_trusted_and_the_answers_are_the_full_paths(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "Ana Lima" in answers(capsys)[0].split("Next week")[0]


def test_an_edit_in_place_of_the_same_size_is_not_trusted(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = answers(capsys)
    edit_in_place(journal, CALL, MOVED)
    assert trusted(journal) is None
    after = answers(capsys)
    assert after[0] != before[0]


def test_an_edit_in_place_with_its_mtime_set_back_is_not_trusted(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = answers(capsys)
    stamp = os.stat(journal)
    edit_in_place(journal, CALL, MOVED)
    os.utime(journal, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # the ctime moves
    assert os.stat(journal).st_mtime_ns == stamp.st_mtime_ns
    assert trusted(journal) is None
    assert answers(capsys)[0] != before[0]


def test_a_replaced_file_is_not_trusted(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = answers(capsys)
    stamp = os.stat(journal)
    other = journal.with_name("other.json")
    other.write_bytes(journal.read_bytes().replace(CALL, MOVED))
    os.utime(other, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    os.replace(other, journal)  # the same size and mtime, another file
    assert trusted(journal) is None
    assert answers(capsys)[0] != before[0]


def test_a_touched_file_is_not_trusted(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = answers(capsys)
    os.utime(journal)
    assert trusted(journal) is None
    assert answers(capsys) == before


@pytest.mark.parametrize(
    "record",
    [None, b"", b"\x00garbage{", b'{"format": "relate-seal-1"}', b"[1, 2]"],
    ids=["deleted", "empty", "garbage", "incomplete", "not a record"],
)
def test_a_missing_or_damaged_record_is_not_trusted(
    journal: Path, capsys: pytest.CaptureFixture[str], record: bytes | None
) -> None:
    before = answers(capsys)
    if record is None:
        record_file(journal).unlink()
    else:
        record_file(journal).write_bytes(record)
    assert trusted(journal) is None
    assert answers(capsys) == before


def test_another_journals_record_is_not_trusted(journal: Path) -> None:
    other = journal.with_name("other.json")
    other.write_bytes(journal.read_bytes())
    record = orjson.loads(record_file(journal).read_bytes())
    st_ = os.stat(other)
    record["identity"] = [st_.st_dev, st_.st_ino, st_.st_size, st_.st_mtime_ns, st_.st_ctime_ns]
    record_file(other).write_bytes(orjson.dumps(record))  # names the first journal
    assert trusted(other) is None


def test_a_record_of_another_meta_record_is_not_trusted(journal: Path) -> None:
    """The meta record (revision and checksum) must be the file's, byte for byte."""
    record = orjson.loads(record_file(journal).read_bytes())
    head = record["head"]
    at = head.index('"crc32": "') + len('"crc32": "')
    digit = "1" if head[at] != "1" else "2"
    record["head"] = head[:at] + digit + head[at + 1 :]  # the same length
    record_file(journal).write_bytes(orjson.dumps(record))
    assert trusted(journal) is None


def test_times_coarser_than_a_millisecond_are_never_trusted(journal: Path) -> None:
    """Where the file system's clock ticks in seconds, a change in the tick of relate's
    own write would keep every field: a record is believed only for finer times."""

    def with_identity_of_now() -> None:
        record = orjson.loads(record_file(journal).read_bytes())
        st_ = os.stat(journal)
        record["identity"] = [
            st_.st_dev, st_.st_ino, st_.st_size, st_.st_mtime_ns, st_.st_ctime_ns
        ]  # fmt: skip
        record_file(journal).write_bytes(orjson.dumps(record))

    stamp = os.stat(journal).st_mtime_ns
    os.utime(journal, ns=(stamp, stamp + 1))  # fine times: the record, made again, is good
    with_identity_of_now()
    assert trusted(journal) is not None or not fine_times(journal)
    whole_second = stamp - stamp % 1_000_000_000
    os.utime(journal, ns=(whole_second, whole_second))
    with_identity_of_now()
    assert trusted(journal) is None


def test_a_change_while_the_tables_are_read_is_not_trusted(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = []
    preadv = os.preadv

    def changed_meanwhile(fd: int, buffers: list, offset: int) -> int:
        reads.append(offset)
        if len(reads) == 1:  # the first table read: the file changes under it
            os.utime(journal)
        return preadv(fd, buffers, offset)

    monkeypatch.setattr(seal_record.os, "preadv", changed_meanwhile)
    assert trusted(journal) is None
    assert len(reads) >= 2  # the last-touch table and the people: each read, then refused


def test_the_lean_read_trusts_the_note_and_reads_no_other_table(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After relate's own save, ``queue`` neither reads the notes nor checks the seal."""

    def no_whole_read(fd: int) -> None:
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(quick_read, "_checked", no_whole_read)
    lean = quick_read.read(status_line.Key(str(journal)))
    assert lean is not None and len(lean.people) == 2


def test_an_unsealed_write_leaves_no_record(journal: Path) -> None:
    store = noting(journal, "cli").store
    store._noted(journal, [b'{"meta": {}}\n'])
    assert not record_file(journal).exists()


def test_the_record_is_private_and_in_the_cache_folder_alone(journal: Path) -> None:
    record = record_file(journal)
    assert record.parent == Path(os.environ["RELATE_CACHE"])
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert stat.S_IMODE(record.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in journal.parent.iterdir() if "seal" in p.name) == []


def test_a_save_knows_where_its_tables_are_without_searching(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file written whole (the first save) and a splice (every save after) each say
    where their tables are; the note only checks it (a search would read a tenth of the
    file on every save)."""

    def no_search(*args: object) -> int:
        raise AssertionError("searched the written bytes")

    monkeypatch.setattr(seal_record._Joined, "find", no_search)
    monkeypatch.setattr(seal_record._Joined, "rfind", no_search)
    monkeypatch.setenv("RELATE_NOW", "2026-12-02T10:00:00")
    path = Path(os.environ["RELATE_DB"])
    assert main(["add", "Ana Lima", "--rhythm", "2w"]) == 0  # written whole
    assert_trusted_as_checked(path)
    assert main(["log", "ana", "a call", "--kind", "call", "--promise", "the deck"]) == 0
    assert_trusted_as_checked(path)  # spliced


def test_where_a_splice_puts_no_table_the_written_bytes_are_searched(journal: Path) -> None:
    """Hints that are wrong (or none) are never believed: the tables are found anyway."""
    raw = journal.read_bytes()
    pieces = [raw[: raw.index(b',\n  "newest"')], raw[raw.index(b',\n  "newest"') :]]
    found = seal_record._sealed_layout(pieces, {"people": 5, "notes": 10**9})
    assert found is not None
    found_sealed = read_seal(raw)
    assert found_sealed is not None
    sealed = SealedBytes(raw, *found_sealed)
    assert found[1] == {name: list(at) for name, at in sealed.layout.items()}


def test_a_note_that_cannot_be_written_never_fails_a_save(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cache folder is a file: every save still succeeds, and the lean read checks
    the whole file instead."""
    cache = Path(os.environ["RELATE_CACHE"])
    cache.write_text("not a folder")
    monkeypatch.setenv("RELATE_NOW", "2026-12-02T10:00:00")
    assert main(["add", "Ana Lima", "--rhythm", "2w"]) == 0
    assert main(["log", "ana", "a call", "--kind", "call"]) == 0
    assert cache.read_text() == "not a folder"
    capsys.readouterr()
    assert quick_queue.answer(["queue"])
    lean = capsys.readouterr().out
    assert main(["queue"]) == 0
    assert capsys.readouterr().out == lean


@pytest.mark.parametrize("writer", ["cli", "app"])
def test_both_doors_note_their_saves(writer: str) -> None:
    """The command line and the app open the journal the one way (``startup``), and both
    leave the note: the app's save, written first and its backup copy after, too."""
    from relate_tui.startup import open_journal

    path = Path(os.environ["RELATE_DB"])
    journal = open_journal(path, writer=writer)
    assert journal.store.seal_records == os.environ["RELATE_CACHE"]
    journal.add_person("Ana Lima", rhythm="2w")
    person = journal.data().people[0]
    journal.log_note([person.id], "a call", kind="call")
    journal.store.settle()
    assert_trusted_as_checked(path)


def test_notes_of_journals_not_saved_for_a_week_are_deleted(journal: Path) -> None:
    """Each ``relate demo`` is a journal of its own: their notes do not pile up."""
    cache = Path(os.environ["RELATE_CACHE"])
    stale, fresh = cache / "seal-00000000.json", cache / "seal-11111111.json"
    other = cache / "due-00000000.txt"
    for path in (stale, fresh, other):
        path.write_text("{}")
    week_ago = time.time() - seal_record.KEEP_SECONDS - 60
    os.utime(stale, (week_ago, week_ago))
    os.utime(other, (week_ago, week_ago))
    assert main(["log", "ana", "another call", "--kind", "call"]) == 0
    assert not stale.exists()
    assert fresh.exists() and other.exists() and record_file(journal).exists()
