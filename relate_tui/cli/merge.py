"""Two machines on the command line: ``relate merge``, ``relate conflicts``,
``relate merge-driver`` (git's merge driver) and ``relate sync git``.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from relate_tui.cli.common import EXIT_STORAGE, open_journal
from relate_tui.domain.errors import InputError
from relate_tui.report import merge as words
from relate_tui.report import output
from relate_tui.report.text import one_line

DRIVER = "relate"
"""The name of the merge driver in ``.gitattributes`` and git's config."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of the command ``parser`` is for."""
    _ARGUMENTS[parser.prog.split()[-1]](parser)


def run(args: argparse.Namespace) -> int:
    """Run ``args.command``."""
    return _RUN[args.command](args)


def _merge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Merge another copy of the journal into this one, record by record: everything on "
        "either side is kept, a field changed on one side comes from that side, the same "
        "field changed on both keeps the later change and records the other as a conflict."
    )
    parser.add_argument("file", help="the other copy (a journal file)")
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would come in; write nothing"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable")  # fmt: skip


def _conflicts_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "List the conflicts merges kept aside, or resolve one: keep REF keeps what the "
        "journal shows, take REF takes the other machine's value (for a record deleted "
        "there, take deletes it here too)."
    )
    parser.add_argument("action", nargs="?", choices=("keep", "take"), help="resolve one")
    parser.add_argument("ref", nargs="?", help="the conflict's code from the list")
    parser.add_argument("--json", action="store_true", help="machine-readable")


def _driver_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "git's merge driver for the journal (see `relate sync git`): merges ANCESTOR, OURS "
        "and THEIRS record by record and writes the result to OURS."
    )
    parser.add_argument("ancestor", help="%%O: the common ancestor")
    parser.add_argument("ours", help="%%A: ours, where the result goes")
    parser.add_argument("theirs", help="%%B: theirs")


def _sync_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Set up the journal's git repository so that pulls merge the journal record by "
        "record: a line in .gitattributes and the merge driver in the repository's config."
    )
    parser.add_argument("tool", choices=("git",), help="the sync engine (git)")


def _merge(args: argparse.Namespace) -> int:
    from relate_tui.storage.other_journal import CopyUnreadable

    journal = open_journal(args)
    path = Path(args.file).expanduser()
    try:
        summary = journal.merge_file(path, dry_run=args.dry_run)
    except CopyUnreadable as exc:
        raise InputError(f"{one_line(str(exc.path))} was not merged: {exc.reason}") from None
    if args.json:
        output.print_json(words.summary_json(summary))
        return 0
    what = words.summary_words(summary)
    name = one_line(path.name)
    if args.dry_run:
        print(f"Merging {name} would bring: {what}. Nothing was written (--dry-run).")
    elif summary.written and not summary.report.empty:
        print(f"Merged {name}: {what}. relate undo takes it back.")
    else:
        print(f"Merged {name}: nothing new, the journal is unchanged.")
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    journal = open_journal(args)
    people = {r["id"]: str(r.get("name", "")) for r in journal.data().raw_people}
    if args.action is None:
        if args.ref:
            raise InputError("say what to do with it: relate conflicts keep REF or take REF")
        found = journal.conflicts()
        if args.json:
            output.print_json([words.conflict_json(c) for c in found])
        elif not found:
            print("No conflicts: every merge so far fitted together.")
        else:
            for item in found:
                print(words.conflict_line(item, people))
            print("Resolve one with `relate conflicts keep REF` or `relate conflicts take REF`.")
        return 0
    if not args.ref:
        raise InputError(
            f"which conflict? relate conflicts {args.action} REF (see relate conflicts)"
        )
    item = journal.find_conflict(args.ref)
    done = journal.resolve_conflict(item, take_other=args.action == "take")
    print(f"Resolved: {one_line(done)}.")
    return 0


def _driver(args: argparse.Namespace) -> int:
    from relate_tui.journal.git_merge import merge_three
    from relate_tui.storage.other_journal import CopyUnreadable

    try:
        summary = merge_three(Path(args.ancestor), Path(args.ours), Path(args.theirs))
    except CopyUnreadable as exc:
        # Not merged: git keeps the file as a conflict for the user, nothing is lost.
        print(f"relate merge-driver: {one_line(str(exc))}; not merged", file=sys.stderr)
        return EXIT_STORAGE
    except OSError as exc:
        print(f"relate merge-driver: could not write {args.ours}: {exc.strerror}", file=sys.stderr)
        return EXIT_STORAGE
    print(f"relate: merged the journal: {words.summary_words(summary)}", file=sys.stderr)
    return 0


def driver_command() -> str:
    """The command git runs for the merge driver: this relate, found the same way later."""
    import shutil

    found = shutil.which("relate")
    head = shlex.quote(found) if found else f"{shlex.quote(sys.executable)} -m relate_tui"
    return f"{head} merge-driver %O %A %B"


def _sync(args: argparse.Namespace) -> int:
    from relate_tui.startup import journal_path
    from relate_tui.storage.atomic import resolve

    real = resolve(journal_path(getattr(args, "db", None)))
    folder = real.parent
    try:
        top = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    except FileNotFoundError:
        raise InputError("git is not installed (or not on PATH)") from None
    if top.returncode != 0:
        raise InputError(f"{one_line(str(folder))} is not in a git repository: `git init` it first")
    attributes = folder / ".gitattributes"
    line = f"{real.name} merge={DRIVER}"
    existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    if line not in existing.splitlines():
        with attributes.open("a", encoding="utf-8") as file:
            if existing and not existing.endswith("\n"):
                file.write("\n")
            file.write(line + "\n")
    for key, value in (
        (f"merge.{DRIVER}.name", "relate journal, merged record by record"),
        (f"merge.{DRIVER}.driver", driver_command()),
    ):
        done = subprocess.run(["git", "-C", str(folder), "config", key, value], check=False)
        if done.returncode != 0:
            print(f"relate: git config {key} failed", file=sys.stderr)
            return EXIT_STORAGE
    print(f"{one_line(str(attributes))}: {line}")
    print(f"git config merge.{DRIVER}.driver: {driver_command()}")
    print("Commit .gitattributes, and run `relate sync git` once in every clone:")
    print("git's config is not shared by a push or a pull.")
    return 0


_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "merge": _merge_arguments,
    "conflicts": _conflicts_arguments,
    "merge-driver": _driver_arguments,
    "sync": _sync_arguments,
}
_RUN: dict[str, Callable[[argparse.Namespace], int]] = {
    "merge": _merge,
    "conflicts": _conflicts,
    "merge-driver": _driver,
    "sync": _sync,
}
