"""Schema migrations: every old version has a fixture and a step, a migration keeps a
byte-identical backup and every note's text, and a current file costs nothing extra.

Fixtures live in tests/data/: ``journal-v{N}.json`` is a file as relate version N wrote
it (kept forever), ``journal-v{N}.migrated.json`` the tables it must become (without the
``meta`` record, whose times and id are new on every run).
"""

from __future__ import annotations

import copy
import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage import atomic, migrations, schema
from relate_tui.storage.backups import all_backups, backup_dir
from relate_tui.storage.errors import JournalUnreadable, WriteFailed
from relate_tui.storage.json_format import parse, serialise
from relate_tui.storage.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"
OLD_VERSIONS = range(schema.OLDEST_VERSION, schema.SCHEMA_VERSION)


def _fixture(version: int) -> bytes:
    return (DATA / f"journal-v{version}.json").read_bytes()


def _without_meta(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != schema.META}


def _journal(path: Path) -> Journal:
    return Journal(path, Settings(), FixedClock("2026-12-02T10:00:00"))


def test_every_old_version_has_a_step_and_a_fixture() -> None:
    assert sorted(migrations.STEPS) == list(OLD_VERSIONS)
    for version in OLD_VERSIONS:
        assert (DATA / f"journal-v{version}.json").is_file()
        assert (DATA / f"journal-v{version}.migrated.json").is_file()
        assert schema.schema_version(parse(_fixture(version))) == version


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_opening_an_old_file_migrates_it_after_a_byte_identical_backup(
    version: int, tmp_path: Path
) -> None:
    path = tmp_path / "journal.json"
    original = _fixture(version)
    path.write_bytes(original)
    data = Store(path).load()

    assert schema.schema_version(data) == schema.SCHEMA_VERSION
    on_disk = parse(path.read_bytes())
    assert schema.schema_version(on_disk) == schema.SCHEMA_VERSION
    expected = parse((DATA / f"journal-v{version}.migrated.json").read_bytes())
    assert _without_meta(on_disk) == expected
    backups = all_backups(path)
    assert [b.kind for b in backups] == ["migration"]
    assert backups[0].path.name.startswith(f"journal.v{version}-")
    assert backups[0].path.read_bytes() == original
    assert backups[0].label == f"before migration from v{version}"
    # Every note's text survived, byte for byte.
    bodies = sorted(n["body"] for n in parse(original)["notes"].values())
    assert sorted(n["body"] for n in on_disk["notes"].values()) == bodies


def test_the_v0_fixture_reads_as_the_app_expects(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_bytes(_fixture(0))
    journal = _journal(path)
    data = journal.data()
    assert not data.read_only
    ana = next(p for p in data.people if p.name == "Ana Lima")
    assert [n.kind for n in data.notes_for(ana.id)] == ["message", "call"]
    status = {p.text: p.status for p in data.promises}
    assert status == {
        "send the deck": "kept",
        "intro to Carla": "open",
        "recipe for Stollen": "open",
    }
    assert "Jürgen Weiß" in {p.name for p in data.people}
    journal.add_person("Dan")  # and it is writable afterwards
    assert len(all_backups(path)) == 2  # the migration copy and today's daily copy


def test_migrated_once_only(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_bytes(_fixture(0))
    Store(path).load()
    after_first = path.read_bytes()
    Store(path).load()
    Store(path).load()
    assert path.read_bytes() == after_first
    assert len(all_backups(path)) == 1


def test_a_current_file_is_never_rewritten_by_reading(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    _journal(path).add_person("Ana")
    before = path.read_bytes()
    backups_before = sorted(backup_dir(path).iterdir())  # the first save's copy
    Store(path).load()
    assert path.read_bytes() == before
    assert sorted(backup_dir(path).iterdir()) == backups_before


def test_steps_are_pure() -> None:
    data = parse(_fixture(0))
    snapshot = copy.deepcopy(data)
    migrations.migrate(data, 0)
    assert data == snapshot


def test_a_migration_that_loses_a_note_is_refused_and_the_file_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.json"
    original = _fixture(0)
    path.write_bytes(original)

    def lossy(data: dict[str, Any]) -> dict[str, Any]:
        out = migrations._v0_to_v1(data)
        out["notes"].pop("2")
        return out

    monkeypatch.setitem(migrations.STEPS, 0, lossy)
    with pytest.raises(JournalUnreadable, match="could not be upgraded"):
        Store(path).load()
    assert path.read_bytes() == original
    assert all_backups(path) == []


def test_a_migration_that_changes_note_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def editing(d: dict[str, Any]) -> dict[str, Any]:
        out = migrations._v0_to_v1(d)
        out["notes"]["4"]["body"] = out["notes"]["4"]["body"].strip()  # "tidying" whitespace
        return out

    monkeypatch.setitem(migrations.STEPS, 0, editing)
    with pytest.raises(migrations.MigrationError, match="text changed"):
        migrations.migrate(parse(_fixture(0)), 0)


def test_no_step_means_no_migration() -> None:
    with pytest.raises(migrations.MigrationError, match="no migration from schema version"):
        migrations.migrate({}, -3)
    with pytest.raises(migrations.MigrationError, match="down"):
        migrations.migrate({}, schema.SCHEMA_VERSION + 1)


def test_on_a_read_only_disk_an_old_file_is_read_but_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading works from the migrated data in memory; writing says why it cannot."""

    class ReadOnly:
        def __getattr__(self, name: str) -> Any:
            if name == "replace":

                def replace(*args: Any) -> None:
                    raise OSError(errno.EROFS, os.strerror(errno.EROFS))

                return replace
            return getattr(os, name)

    path = tmp_path / "journal.json"
    original = _fixture(0)
    path.write_bytes(original)
    monkeypatch.setattr(atomic, "os", ReadOnly())
    journal = _journal(path)
    assert len(journal.data().notes) == 4
    with pytest.raises(WriteFailed, match="Read-only file system"):
        journal.add_person("Dan")
    assert path.read_bytes() == original
    monkeypatch.undo()
    journal.add_person("Dan")
    assert schema.schema_version(parse(path.read_bytes())) == schema.SCHEMA_VERSION


def test_relate_queue_on_an_old_file_migrates_and_answers(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_bytes(_fixture(0))
    env = {**os.environ, "RELATE_NOW": "2026-12-02T10:00:00"}
    done = subprocess.run(
        [sys.executable, "-m", "relate_tui", "queue", "--db", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Ana Lima" in done.stdout
    assert [b.path.read_bytes() for b in all_backups(path)] == [_fixture(0)]


_BODIES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # any text JSON can hold
    max_size=300,
)


def _v0_with(bodies: list[str]) -> dict[str, Any]:
    return {
        "people": {"1": {"id": "p1", "name": "Ana", "created": "2024-01-01T10:00:00+00:00"}},
        "notes": {
            str(i + 1): {
                "id": f"n{i}",
                "person_id": "p1",
                "kind": "call",
                "at": "2024-01-02T10:00:00+00:00",
                "body": body,
                "created": "2024-01-02T10:00:00+00:00",
            }
            for i, body in enumerate(bodies)
        },
        "promises": {},
    }


@given(bodies=st.lists(_BODIES, max_size=8))
@settings(max_examples=150, deadline=None)
def test_migration_keeps_every_note_body_exactly(bodies: list[str]) -> None:
    migrated = migrations.migrate(_v0_with(bodies), 0)
    assert [n["body"] for n in migrated["notes"].values()] == bodies
    assert all(n["person_ids"] == ["p1"] for n in migrated["notes"].values())


@given(bodies=st.lists(_BODIES, min_size=1, max_size=5))
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_migration_through_the_file_keeps_every_note_body_exactly(
    bodies: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "journal.json"
    for old in all_backups(path):
        old.path.unlink()
    original = serialise(_v0_with(bodies))
    path.write_bytes(original)
    Store(path).load()
    assert [n["body"] for n in parse(path.read_bytes())["notes"].values()] == bodies
    assert [b.path.read_bytes() for b in all_backups(path)] == [original]


def test_upgrade_for_other_readers() -> None:
    current = {"meta": {"1": {"schema_version": schema.SCHEMA_VERSION}}, "people": {}}
    assert migrations.upgrade(current) is current
    old = parse(_fixture(0))
    assert schema.schema_version(migrations.upgrade(old)) == schema.SCHEMA_VERSION
    with pytest.raises(migrations.MigrationError, match="unknown schema version"):
        migrations.upgrade({"meta": {"1": {"schema_version": schema.SCHEMA_VERSION + 1}}})


def test_an_upgrade_tells_each_step_as_it_goes(tmp_path: Path) -> None:
    """``on_migrate_progress`` hears the read, each of the 10 records converted, the old
    file's copy and the new file, in order, then the end (the command line's bar)."""
    path = tmp_path / "journal.json"
    path.write_bytes(_fixture(0))
    told: list[tuple[int, int]] = []
    store = Store(path)
    store.on_migrate_progress = lambda done, total: told.append((done, total))
    store.load()
    assert told == [(done, 13) for done in range(1, 14)] + [(13, 13)]
    assert schema.schema_version(parse(path.read_bytes())) == schema.SCHEMA_VERSION


def test_a_refused_upgrade_still_ends_its_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.json"
    path.write_bytes(_fixture(0))

    def lossy(data: dict[str, Any], tick: Any = None) -> dict[str, Any]:
        out = migrations._v0_to_v1(data, tick)
        out["notes"].pop("2")
        return out

    monkeypatch.setitem(migrations.STEPS, 0, lossy)
    told: list[tuple[int, int]] = []
    store = Store(path)
    store.on_migrate_progress = lambda done, total: told.append((done, total))
    with pytest.raises(JournalUnreadable):
        store.load()
    assert told[-1] == (13, 13)  # the bar is wiped before the error is said


def test_ticking_changes_nothing_in_the_result() -> None:
    data = parse(_fixture(0))
    ticks: list[None] = []
    assert migrations.migrate(data, 0, tick=lambda: ticks.append(None)) == migrations.migrate(
        data, 0
    )
    assert len(ticks) == migrations.records_to_convert(data, 0) == 10
