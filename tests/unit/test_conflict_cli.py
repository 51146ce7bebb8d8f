"""Pending conflicts on the command line, as a new user met them: undone, merged again,
named by whose value is whose. Each test asserts the output, the exit code and the file."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

import pytest

from relate_tui.cli import main
from relate_tui.storage import versioning
from relate_tui.storage.json_format import parse

NOW = "2026-12-02T10:00:00"


def run(*argv: str) -> int:
    try:
        return main(list(argv))
    except SystemExit as exit:  # argparse's own mistakes end the process
        return int(exit.code or 0)


def as_machine(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("RELATE_MACHINE", name)
    versioning.machine_id.cache_clear()


def bea(path: Path) -> dict:
    return next(p for p in parse(path.read_bytes())["people"].values() if p["name"] == "Bea Cruz")


def emails(path: Path) -> list[str]:
    return [c["value"] for c in bea(path).get("channels", []) if c["kind"] == "email"]


def conflicts(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    capsys.readouterr()
    assert run("--db", str(db), "conflicts", "--json") == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(autouse=True)
def ticking_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Versions come from a clock a second later at every change: which edit is the
    later one is the test's choice, not the machine's speed."""
    moments = (datetime(2026, 12, 2, 10, 0, tzinfo=UTC) + timedelta(seconds=n) for n in count())
    monkeypatch.setattr(versioning, "utc_now", lambda: next(moments))


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """``a.json`` and ``b.json``, copies of one journal, before either changed."""
    monkeypatch.setenv("RELATE_NOW", NOW)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    as_machine(monkeypatch, "laptop")
    assert run("--db", str(a), "add", "Bea Cruz", "--email", "bea@old.example") == 0
    shutil.copy(a, b)
    return a, b


def edit_both(monkeypatch: pytest.MonkeyPatch, a: Path, b: Path, *, newer: str) -> None:
    """a.json (the laptop) and b.json (the desktop) change Bea's email differently,
    ``newer`` ("a" or "b") the later of the two; the commands then run on the laptop."""
    order = [("laptop", a, "bea@a.example"), ("desktop", b, "bea@b.example")]
    if newer == "a":
        order.reverse()
    for machine, path, email in order:
        as_machine(monkeypatch, machine)
        assert run("--db", str(path), "edit", "bea", "--email", email) == 0
    as_machine(monkeypatch, "laptop")


def test_an_undone_resolve_leaves_the_conflict_pending_through_a_merge_again(
    copies: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, b = copies
    edit_both(monkeypatch, a, b, newer="b")
    assert run("--db", str(a), "merge", str(b)) == 0
    (pending,) = conflicts(a, capsys)
    assert run("--db", str(a), "conflicts", "take", pending["ref"]) == 0
    assert emails(a) == ["bea@a.example"] and conflicts(a, capsys) == []
    assert run("--db", str(a), "undo") == 0
    assert conflicts(a, capsys) == [pending]
    undone = a.read_bytes()

    # Merging the same copy again brings nothing and loses nothing.
    capsys.readouterr()
    assert run("--db", str(a), "merge", str(b)) == 0
    assert "nothing new, the journal is unchanged" in capsys.readouterr().out
    assert a.read_bytes() == undone
    assert conflicts(a, capsys) == [pending]
    assert emails(a) == ["bea@b.example"]

    # The conflict still resolves either way, with the same code.
    assert run("--db", str(a), "conflicts", "take", pending["ref"]) == 0
    assert emails(a) == ["bea@a.example"] and conflicts(a, capsys) == []


def test_a_conflict_edited_over_then_undone_is_still_pending(
    copies: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Any change undone gives back the conflict as it was, live: here an edit of the
    field (which retires nothing: the conflict follows it) and its undo."""
    a, b = copies
    edit_both(monkeypatch, a, b, newer="b")
    assert run("--db", str(a), "merge", str(b)) == 0
    (pending,) = conflicts(a, capsys)
    assert run("--db", str(a), "edit", "bea", "--email", "bea@third.example") == 0
    assert run("--db", str(a), "undo") == 0
    assert conflicts(a, capsys) == [pending]
    assert run("--db", str(a), "merge", str(b)) == 0
    assert conflicts(a, capsys) == [pending]
    assert emails(a) == ["bea@b.example"]


@pytest.mark.parametrize(
    ("newer", "line"),
    [
        (
            "b",
            "Bea Cruz: email is “bea@b.example”, the other machine's later change; "
            "this machine had “bea@a.example”",
        ),
        (
            "a",
            "Bea Cruz: email is “bea@a.example”, this machine's later change; "
            "the other machine had “bea@b.example”",
        ),
    ],
)
def test_the_conflict_says_which_value_is_whose_whichever_is_newer(
    copies: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    newer: str,
    line: str,
) -> None:
    a, b = copies
    edit_both(monkeypatch, a, b, newer=newer)
    assert run("--db", str(a), "merge", str(b)) == 0
    assert emails(a) == [f"bea@{newer}.example"]
    capsys.readouterr()
    assert run("--db", str(a), "conflicts") == 0
    out = capsys.readouterr().out
    assert line in out, out
    capsys.readouterr()
    assert run("--db", str(a), "doctor") == 0
    assert line in capsys.readouterr().out
    # "take" takes the value kept aside, whoever made it.
    (pending,) = conflicts(a, capsys)
    assert run("--db", str(a), "conflicts", "take", pending["ref"]) == 0
    older = {"a": "b", "b": "a"}[newer]
    assert emails(a) == [f"bea@{older}.example"]


def test_a_conflict_reference_is_seven_characters_like_a_note_s(
    copies: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, b = copies
    edit_both(monkeypatch, a, b, newer="b")
    assert run("--db", str(a), "merge", str(b)) == 0
    assert run("--db", str(a), "log", "bea", "a call") == 0
    capsys.readouterr()
    assert run("--db", str(a), "notes", "bea") == 0
    note_ref = next(w for w in capsys.readouterr().out.split() if len(w) >= 7 and w.isalnum())
    (pending,) = conflicts(a, capsys)
    assert len(pending["ref"]) == len(note_ref) == 7
    assert run("--db", str(a), "conflicts") == 0
    assert capsys.readouterr().out.startswith(pending["ref"] + "  Bea Cruz: email is")
    # As with notes, fewer than four characters name nothing: one line, exit 2, no change.
    before = a.read_bytes()
    assert run("--db", str(a), "conflicts", "take", pending["ref"][:3]) == 2
    err = capsys.readouterr().err
    assert "too short" in err and len(err.strip().splitlines()) == 1
    assert a.read_bytes() == before
    assert run("--db", str(a), "conflicts", "take", pending["ref"][:4]) == 0
    assert emails(a) == ["bea@a.example"]


def test_a_conflict_resolved_on_the_other_machine_is_said_to_be_settled_there(
    copies: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, b = copies
    edit_both(monkeypatch, a, b, newer="b")
    assert run("--db", str(a), "merge", str(b)) == 0
    as_machine(monkeypatch, "desktop")
    assert run("--db", str(b), "merge", str(a)) == 0
    (there,) = conflicts(b, capsys)
    assert run("--db", str(b), "conflicts", "keep", there["ref"]) == 0
    as_machine(monkeypatch, "laptop")
    capsys.readouterr()
    assert run("--db", str(a), "merge", str(b)) == 0
    out = capsys.readouterr().out
    assert "Merged b.json: 1 conflict settled there (Bea Cruz). relate undo takes it back." in out
    assert conflicts(a, capsys) == [] and emails(a) == ["bea@b.example"]
    assert run("--db", str(a), "undo") == 0
    assert "Undone: merge b.json" in capsys.readouterr().out
    assert [c["ref"] for c in conflicts(a, capsys)] == [there["ref"]]


def test_a_merge_that_changes_nothing_you_see_says_so_and_leaves_undo_alone(
    copies: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Both copies were given the same new email: the merge only learns the other
    copy's versions of it. Nothing to see, so nothing to undo: `relate undo` still takes
    back the last change the user made."""
    a, b = copies
    as_machine(monkeypatch, "desktop")
    assert run("--db", str(b), "edit", "bea", "--email", "bea@new.example") == 0
    as_machine(monkeypatch, "laptop")
    assert run("--db", str(a), "edit", "bea", "--email", "bea@new.example") == 0
    assert run("--db", str(a), "edit", "bea", "--org", "Acme") == 0
    capsys.readouterr()
    assert run("--db", str(a), "merge", str(b)) == 0
    assert capsys.readouterr().out == "Merged b.json: nothing new, the journal is unchanged.\n"
    assert emails(a) == ["bea@new.example"] and conflicts(a, capsys) == []
    assert run("--db", str(a), "undo") == 0
    assert "Undone: edit Bea Cruz" in capsys.readouterr().out
    assert "org" not in bea(a) and emails(a) == ["bea@new.example"]


def test_two_copies_edited_on_one_machine_name_the_later_and_the_earlier_change(
    copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Both edits made here (the finding's own steps, on one machine): "this machine"
    and "the other machine" would both be wrong, so the values go by later and earlier."""
    a, b = copies
    assert run("--db", str(a), "edit", "bea", "--email", "bea@a.example") == 0
    assert run("--db", str(b), "edit", "bea", "--email", "bea@b.example") == 0
    assert run("--db", str(a), "merge", str(b)) == 0
    capsys.readouterr()
    assert run("--db", str(a), "conflicts") == 0
    assert (
        "Bea Cruz: email is “bea@b.example”, the later change; the earlier one had “bea@a.example”"
        in capsys.readouterr().out
    )
