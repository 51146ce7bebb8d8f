"""Fixtures for the fault suite: isolated paths, a few-MB journal, CLI runs, fault doubles.

Nothing here touches the developer's files: every test gets its own RELATE_CONFIG and
RELATE_DB under tmp_path, and subprocesses get the same through ``env``.
"""

from __future__ import annotations

import errno
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings
from relate_tui.storage.atomic import atomic_write
from relate_tui.storage.json_format import parse, serialise
from relate_tui.storage.sealed import serialise_sealed
from relate_tui.storage.store import stamp_meta

NOW = "2026-12-02T10:00:00"
REPO = Path(__file__).resolve().parents[2]
_WORDS = (
    "call coffee project deck hiring climbing kids conference intro article feedback "
    "marathon Lisbon bakery graph databases ethics pitch Friday team growing spring"
).split()


def journal_data(people: int, notes: int, promises: int = 0, seed: int = 1) -> dict[str, Any]:
    """A journal's tables with ``people``/``notes``/``promises`` records (deterministic).

    Built as raw records rather than through ``Journal`` so the fixture does not depend
    on domain code that other people are changing, and so a few MB take milliseconds.
    """
    rng = random.Random(seed)
    stamp = "2025-06-01T10:00:00+00:00"
    data: dict[str, Any] = {
        "people": {
            str(i + 1): {
                "id": f"p{i:05d}",
                "name": f"Person {i}",
                "created": stamp,
                "updated": stamp,
                "rhythm": rng.choice(["2w", "1m", "3m", None]),
                "tags": ["work"],
            }
            for i in range(people)
        },
        "notes": {
            str(i + 1): {
                "id": f"n{i:06d}",
                "person_ids": [f"p{rng.randrange(people):05d}"],
                "kind": rng.choice(["call", "coffee", "note"]),
                "at": "2026-01-01T10:00:00+00:00",
                "body": " ".join(rng.choice(_WORDS) for _ in range(40)),
                "created": "2026-01-01T10:00:00+00:00",
            }
            for i in range(notes)
        },
        "promises": {
            str(i + 1): {
                "id": f"r{i:05d}",
                "person_id": f"p{rng.randrange(people):05d}",
                "text": "send the deck",
                "due": "2026-12-10",
                "created": stamp,
                "updated": stamp,
                "status": "open",
            }
            for i in range(promises)
        },
    }
    stamp_meta(data, "test")
    return data


def write_journal(path: Path, data: dict[str, Any]) -> bytes:
    """Write ``data`` as relate does (sealed) at ``path``; returns the bytes written."""
    raw = serialise_sealed(data)
    atomic_write(path, raw)
    return raw


def read_tables(path: Path) -> dict[str, Any]:
    """The parsed file (fails the test with the parser's message if it is not JSON)."""
    return parse(path.read_bytes())


def note_bodies(path: Path) -> list[str]:
    """Every note body in the file at ``path``."""
    return [n["body"] for n in read_tables(path).get("notes", {}).values()]


def make_journal(path: Path, *, writer: str = "cli", **kwargs: Any) -> Journal:
    """A ``Journal`` on ``path`` with default settings and the suite's fixed clock."""
    settings = kwargs.pop("settings", Settings())
    return Journal(path, settings, FixedClock(NOW), writer=writer, **kwargs)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point config, default journal, cache and log at tmp_path; returns the env for
    subprocesses. (It replaces the suite's own ``isolated_env``, so it points them all.)"""
    config = tmp_path / "config.toml"
    default_db = tmp_path / "default" / "journal.json"
    cache, log = tmp_path / "cache", tmp_path / "relate.log"
    monkeypatch.setenv("RELATE_CONFIG", str(config))
    monkeypatch.setenv("RELATE_DB", str(default_db))
    monkeypatch.setenv("RELATE_CACHE", str(cache))
    monkeypatch.setenv("RELATE_LOG", str(log))
    monkeypatch.setenv("RELATE_NOW", NOW)
    return {
        **os.environ,
        "RELATE_CONFIG": str(config),
        "RELATE_DB": str(default_db),
        "RELATE_CACHE": str(cache),
        "RELATE_LOG": str(log),
        "RELATE_NOW": NOW,
        "PYTHONPATH": str(REPO),
        "NO_COLOR": "1",
    }


@pytest.fixture
def run_cli(
    isolated_env: dict[str, str], tmp_path: Path
) -> Callable[..., subprocess.CompletedProcess]:
    """Run ``relate ARGS...`` as a new process (``python -m relate_tui``), bounded in time."""

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "relate_tui", *args],
            env=isolated_env,
            cwd=tmp_path,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    return run


@pytest.fixture(scope="session")
def big_journal_bytes() -> bytes:
    """A ~4 MB journal (1,000 people, 8,000 notes), serialised once per session."""
    return serialise(journal_data(people=1000, notes=8000, promises=50))


class FaultyOs:
    """A stand-in for the ``os`` module inside ``storage.atomic``: one call fails.

    Only ``atomic`` sees it (the test patches the module's ``os`` name), so pytest and
    filelock keep the real functions. ``after`` lets the first N calls through, to fail a
    later step (the second ``os.write`` of a big file, for example).
    """

    def __init__(self, name: str, error: OSError, after: int = 0) -> None:
        self._name = name
        self._error = error
        self._after = after
        self.calls = 0
        self.armed = True

    def __getattr__(self, attr: str) -> Any:
        real = getattr(os, attr)
        if attr != self._name:
            return real

        def failing(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.armed and self.calls > self._after:
                raise self._error
            return real(*args, **kwargs)

        return failing


def os_error(code: int) -> OSError:
    """An ``OSError`` as the kernel would raise it (``errno``, ``strerror``)."""
    return OSError(code, os.strerror(code))


ENOSPC = errno.ENOSPC
EROFS = errno.EROFS
EIO = errno.EIO


@pytest.fixture
def journal_path(tmp_path: Path) -> Iterator[Path]:
    """The path of a journal in its own 0700 folder under tmp_path."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    yield folder / "journal.json"
