"""git as a sync engine: two real clones of one journal repository, both changed, pulled
with relate's merge driver (``relate sync git``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from relate_tui.storage.json_format import parse
from relate_tui.storage.sealed import open_sealed
from relate_tui.storage.store import Store

from .conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

EDIT = """
import sys
from dataclasses import replace
from relate_tui.domain.people import Channel
from relate_tui.startup import open_journal
from relate_tui.storage.changes import Change
journal = open_journal(None)
ana = journal.resolve_person("ana")
what, value = sys.argv[1], sys.argv[2]
if what == "email":
    journal.save_person(replace(ana, channels=(*ana.channels, Channel("email", value))))
elif what == "delete-promise":
    promise = next(p for p in journal.data().promises if p.text == value)
    journal._commit("delete promise", [Change("promises", promise.id, None, None)])
else:
    journal.save_person(replace(ana, **{what: value}))
"""


class Clone:
    """One machine's clone of the journal repository."""

    def __init__(self, folder: Path, env: dict[str, str], machine: str) -> None:
        self.folder = folder
        self.env = {**env, "RELATE_DB": str(folder / "journal.json"), "RELATE_MACHINE": machine}

    def git(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["git", *args], cwd=self.folder, env=self.env, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip

    def relate(self, *args: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-m", "relate_tui", *args], cwd=self.folder, env=self.env,
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result

    def edit(self, what: str, value: str) -> None:
        result = subprocess.run(
            [sys.executable, "-c", EDIT, what, value], cwd=self.folder, env=self.env,
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr

    def commit(self, message: str) -> None:
        assert self.git("add", "-A").returncode == 0
        assert self.git("commit", "-qm", message).returncode == 0

    @property
    def tables(self) -> dict:
        return parse((self.folder / "journal.json").read_bytes())


@pytest.fixture
def clones(tmp_path: Path, isolated_env: dict[str, str]) -> tuple[Clone, Clone]:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **isolated_env,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
        "PYTHONPATH": str(REPO),
    }  # fmt: skip
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], env=env, check=True)
    subprocess.run(
        ["git", "clone", "-q", str(origin), str(tmp_path / "laptop")], env=env, check=True
    )
    laptop = Clone(tmp_path / "laptop", env, "laptop")
    laptop.relate("add", "Ana Lima", "--rhythm", "2w")
    laptop.relate("add", "Bruno Costa")
    laptop.relate("log", "ana", "first call", "--promise", "send the deck")
    laptop.relate("sync", "git")
    (laptop.folder / ".gitignore").write_text("journal.json.bak/\n*.lock\n")
    laptop.commit("a journal")
    assert laptop.git("push", "-q", "origin", "HEAD").returncode == 0
    subprocess.run(
        ["git", "clone", "-q", str(origin), str(tmp_path / "desktop")], env=env, check=True
    )
    desktop = Clone(tmp_path / "desktop", env, "desktop")
    desktop.relate("sync", "git")  # git's config is per clone
    return laptop, desktop


def test_a_pull_both_machines_wrote_to_merges_record_by_record(clones: tuple[Clone, Clone]) -> None:
    laptop, desktop = clones
    laptop.relate("log", "ana", "laptop: coffee")
    laptop.edit("org", "Datalab")
    laptop.commit("laptop")
    assert laptop.git("push", "-q").returncode == 0

    desktop.relate("log", "bruno", "desktop: a call")
    desktop.edit("email", "ana@lab.org")
    desktop.edit("delete-promise", "send the deck")
    desktop.commit("desktop")
    pulled = desktop.git("pull", "--no-rebase", "-q")
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert desktop.git("diff", "--name-only", "--diff-filter=U").stdout == ""
    raw = (desktop.folder / "journal.json").read_bytes()
    assert b"<<<<<<<" not in raw and b">>>>>>>" not in raw
    assert open_sealed(raw) is not None  # one valid, sealed journal
    Store(desktop.folder / "journal.json").load()

    tables = desktop.tables
    assert sorted(n["body"] for n in tables["notes"].values()) == [
        "desktop: a call", "first call", "laptop: coffee",
    ]  # fmt: skip
    ana = next(p for p in tables["people"].values() if p["name"] == "Ana Lima")
    assert ana["org"] == "Datalab" and {"kind": "email", "value": "ana@lab.org"} in ana["channels"]
    assert tables.get("promises", {}) == {}  # the deleted promise is gone
    assert "conflicts" not in ana

    # The merge travels back: the laptop pulls it and has everything too.
    assert desktop.git("push", "-q").returncode == 0
    assert laptop.git("pull", "--no-rebase", "-q").returncode == 0
    assert laptop.tables["notes"] == tables["notes"]


def test_the_same_field_changed_on_both_clones_is_a_conflict_to_resolve(
    clones: tuple[Clone, Clone],
) -> None:
    laptop, desktop = clones
    laptop.edit("role", "ML lead")
    laptop.commit("laptop")
    assert laptop.git("push", "-q").returncode == 0
    desktop.edit("role", "CTO")
    desktop.commit("desktop")
    pulled = desktop.git("pull", "--no-rebase", "-q")
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    listed = desktop.relate("conflicts").stdout
    assert (
        "Ana Lima: role is “CTO”, this machine's later change; the other machine had “ML lead”"
        in listed
    ), listed
    ref = listed.split()[0]
    assert "took the other value" in desktop.relate("conflicts", "take", ref).stdout
    ana = next(p for p in desktop.tables["people"].values() if p["name"] == "Ana Lima")
    assert ana["role"] == "ML lead" and "conflicts" not in ana
    assert "No conflicts" in desktop.relate("conflicts").stdout


def test_sync_git_outside_a_repository_says_so(
    tmp_path: Path, isolated_env: dict[str, str]
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    env = {**isolated_env, "RELATE_DB": str(folder / "journal.json"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "relate_tui", "sync", "git"], env=env, capture_output=True,
        text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "is not in a git repository" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (folder / ".gitattributes").exists()
    assert os.listdir(folder) == []
