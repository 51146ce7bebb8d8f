"""The storage building blocks: atomic_write, schema versions, Store's cache and errors."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from relate_tui.storage import schema
from relate_tui.storage.atomic import atomic_write, ensure_private_dir
from relate_tui.storage.errors import JournalUnreadable, WriteFailed
from relate_tui.storage.json_format import parse, serialise
from relate_tui.storage.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_write_creates_a_private_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "j.json"
    atomic_write(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert _mode(target) == 0o600
    assert os.listdir(tmp_path) == ["j.json"]


def test_atomic_write_keeps_owner_bits_and_drops_group_and_other(tmp_path: Path) -> None:
    target = tmp_path / "j.json"
    target.write_bytes(b"old")
    target.chmod(0o755)
    atomic_write(target, b"new")
    assert _mode(target) == 0o700  # the owner's x bit is theirs to keep
    target.chmod(0o444)
    atomic_write(target, b"newer")
    assert _mode(target) == 0o600  # always writable by the owner


def test_ensure_private_dir_makes_0700_folders(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    old = os.umask(0)
    try:
        ensure_private_dir(folder)
    finally:
        os.umask(old)
    assert _mode(folder) == 0o700


@pytest.mark.parametrize(
    ("data", "version"),
    [
        ({}, schema.SCHEMA_VERSION),
        ({"people": {}}, 0),
        ({"_default": {}}, 0),
        ({"meta": {"1": {"schema_version": 1}}}, 1),
        ({"meta": {"1": {"schema_version": 7}}}, 7),
        ({"meta": {"1": {"schema_version": "1"}}}, -1),
        ({"meta": {"1": {"schema_version": True}}}, -1),
        ({"meta": {}}, schema.SCHEMA_VERSION),
    ],
)
def test_schema_version(data: dict, version: int) -> None:
    assert schema.schema_version(data) == version


def test_a_new_file_gets_meta_with_identity(tmp_path: Path) -> None:
    store = Store(tmp_path / "j.json", writer="app")
    with store.transaction() as db:
        db.table("people").insert({"id": "p1", "name": "Ana"})
    meta = schema.meta_record(parse((tmp_path / "j.json").read_bytes()))
    assert meta["schema_version"] == schema.SCHEMA_VERSION
    assert meta["revision"] == 1 and meta["last_writer"] == "app"
    assert len(meta["file_id"]) == 32 and meta["created"]


CREATED = "2026-12-01T10:00:00+01:00"


def test_the_cache_follows_the_file_and_an_empty_transaction_writes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.json"
    store = Store(path)
    with store.transaction() as db:
        db.table("people").insert({"id": "p1", "name": "Ana", "created": CREATED})
    first = store.load()
    assert store.load() is first  # unchanged file: no re-parse
    before = path.read_bytes()
    with store.transaction():
        pass
    assert path.read_bytes() == before
    other = Store(path)
    with other.transaction() as db:
        db.table("people").insert({"id": "p2", "name": "Bruno", "created": CREATED})
    assert len(store.load()["people"]) == 2  # another writer's change is seen


def test_unreadable_messages_are_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(b'{"people": 3}')
    with pytest.raises(JournalUnreadable) as caught:
        Store(path).load()
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"cannot read journal {path}: it is not a relate journal")
    assert f"relate doctor --db {path}" in message


def test_write_failed_message() -> None:
    error = WriteFailed(Path("/x/j.json"), OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    assert str(error) == (
        "could not save journal /x/j.json: No space left on device; the file is unchanged, "
        "try again once the problem is fixed"
    )
    assert "not JSON" in str(WriteFailed(Path("/x"), TypeError("not JSON")))


def test_serialise_is_stable_and_readable_by_stock_tinydb(tmp_path: Path) -> None:
    from tinydb import TinyDB

    data = {"people": {"1": {"name": "Ana", "id": "p1"}}, "meta": {"1": {"schema_version": 1}}}
    raw = serialise(data)
    assert raw == serialise(parse(raw))  # sorted keys, fixed indent: diff-friendly
    path = tmp_path / "j.json"
    path.write_bytes(raw)
    with TinyDB(path, access_mode="r") as db:
        assert db.table("people").all()[0]["name"] == "Ana"


def test_atomic_write_syncs_before_it_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Durability: the data is on disk (fsync) before the rename makes it the journal, and
    the folder is synced after, so "saved" survives a power cut on a POSIX file system."""
    from relate_tui.storage import atomic

    calls: list[str] = []

    class Recording:
        def __getattr__(self, name: str) -> object:
            real = getattr(os, name)
            if not callable(real) or name not in {
                "write",
                "fchmod",
                "fsync",
                "close",
                "replace",
                "open",
            }:
                return real

            def record(*args: object, **kwargs: object) -> object:
                calls.append(name)
                return real(*args, **kwargs)

            return record

    monkeypatch.setattr(atomic, "os", Recording())
    atomic_write(tmp_path / "j.json", b"x" * 100_000)
    # open (the temp file), write..., then open the folder to sync the rename
    assert calls == [
        "open", "write", "fchmod", "fsync", "close", "replace", "open", "fsync", "close"
    ]  # fmt: skip
