"""``relate doctor``: check the journal file, list its backups, restore one.

It has to work when nothing else does, so it never loads the journal through ``Store``
(which would refuse an unreadable file, or migrate an old one): it reads bytes and checks
them (``storage.doctor``). It writes only on ``--restore``, and then keeps the current
file's bytes before replacing them. Exit code 0 means healthy, 1 means problems found
(or a restore that could not be done).
"""

from __future__ import annotations

import argparse
import shlex
from datetime import UTC, datetime
from pathlib import Path

from relate_tui.cli.progress import Progress

EXIT_HEALTHY = 0
EXIT_PROBLEMS = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's options."""
    parser.description = (
        "Check the journal file (JSON, schema, ids, references between records, "
        "permissions), list its backups with their dates and record counts, and restore one. "
        "Exit code 0 when healthy, 1 when problems are found."
    )
    parser.add_argument(
        "--restore",
        metavar="BACKUP",
        help="replace the journal with this backup (a name from the list, a date like "
        "2026-12-01, a path, or 'newest'); the current file is kept first",
    )


def _journal_path_and_now(args: argparse.Namespace) -> tuple[Path, datetime]:
    """The journal's path and "now": from the Journal when config allows, else directly.

    The doctor must run even when the config file is broken, so a failure to build the
    Journal falls back to ``--db`` / ``RELATE_DB`` / the default path and the system clock.
    """
    from relate_tui.cli.common import open_journal
    from relate_tui.domain.errors import InputError

    try:
        journal = open_journal(args, merge_copies=False)  # the doctor changes nothing
        return Path(journal.path), journal.clock.now()
    except InputError:
        from relate_tui.startup import journal_path

        return journal_path(getattr(args, "db", None)), datetime.now(UTC).astimezone()


def _print_report(report, heading: str) -> None:
    print(heading)
    for finding in report.findings:
        print(f"  {'ok     ' if finding.ok else 'PROBLEM'}  {finding.text}")


def _when(backup) -> str:
    if backup.kind == "daily":
        return backup.taken.strftime("%Y-%m-%d")
    return backup.taken.astimezone().strftime("%Y-%m-%d %H:%M")


def _print_backups(real: Path) -> None:
    from relate_tui.storage import backups, doctor

    found = backups.all_backups(real)
    everything = backups.all_backups(real, include_saves=True)
    saves = backups.newest_first([b for b in everything if b.kind == "save"])
    # Each backup is read whole: a bar on a terminal while the checks run, then the list.
    with Progress("Checking backups", len(found) + len(saves)) as progress:
        checks = {b.path: doctor.inspect_backup(b.path) for b in progress.track(found + saves)}
    folder = backups.backup_dir(real)
    print()
    if not found:
        print(f"Backups: none yet (relate keeps a daily copy in {folder} before the first")
        print("  save of each day; the number kept is `backups` in the config, default 14)")
    else:
        print(f"Backups in {folder} (newest first):")
        for backup in found:
            checked = checks[backup.path]
            if checked.readable:
                what = checked.counts()
                if checked.version is not None and checked.version != _current_version():
                    what += f", schema v{checked.version}"
            else:
                what = "UNREADABLE: " + "; ".join(f.text for f in checked.findings if not f.ok)
            print(f"  {_when(backup):<16}  {backup.label:<26}  {what}")
            print(f"  {'':<16}  {backup.path.name}")
    if saves:
        print()
        print("The last saves, each a copy of what that save wrote (newest first):")
        for backup in saves:
            checked = checks[backup.path]
            what = checked.counts() if checked.readable else "UNREADABLE"
            print(f"  {_when(backup):<16}  {'a recent save':<26}  {what}")
            print(f"  {'':<16}  {backup.path.name}")
    corrupt = backups.corrupt_copies(real)
    if corrupt:
        print()
        print("Unreadable journals kept aside by earlier restores (delete them when sure):")
        for path in corrupt:
            print(f"  {path}")


def _print_two_machines(real: Path, data: dict | None) -> None:
    """Conflicts merges kept aside, and sync tools' copies not merged yet: listed, never
    merged (the doctor changes nothing; the next other command merges the copies)."""
    from relate_tui.journal.conflicts import items_of
    from relate_tui.report.merge import conflict_line
    from relate_tui.report.text import one_line
    from relate_tui.storage.conflict_copies import conflict_copies

    found = []
    if data is not None:
        people = {r.get("id"): r for r in (data.get("people") or {}).values()}
        for table in ("people", "notes", "promises"):
            for record in (data.get(table) or {}).values():
                if "conflicts" in record:
                    found += items_of(table, record, people)
    copies = conflict_copies(real)
    if not found and not copies:
        return
    print()
    if found:
        noun = "conflict" if len(found) == 1 else "conflicts"
        print(f"{len(found)} {noun} from merging another machine's copy (relate conflicts):")
        names = {pid: str(p.get("name", "")) for pid, p in people.items()}
        for item in found:
            print(f"  {conflict_line(item, names)}")
    if copies:
        print(
            "Sync tools' conflict copies beside the journal (the next relate command merges them):"
        )
        for copy in copies:
            print(f"  {one_line(copy.name)}")


def _current_version() -> int:
    from relate_tui.storage.schema import SCHEMA_VERSION

    return SCHEMA_VERSION


def _db_flag(args: argparse.Namespace, path: Path) -> str:
    """`` --db PATH`` when the user named the file that way (so the command they copy
    works as typed)."""
    return f" --db {shlex.quote(str(path))}" if getattr(args, "db", None) else ""


def run(args: argparse.Namespace) -> int:
    """Run the command. The journal is opened only for its path and clock: the doctor never
    reads the journal through it."""
    from relate_tui.storage import backups, doctor
    from relate_tui.storage.atomic import resolve

    path, now = _journal_path_and_now(args)
    real = resolve(path)
    if args.restore:
        return _restore(path, real, args.restore, now)

    # A large journal takes seconds to check: a bar on a terminal, wiped before the report.
    with Progress("Checking the journal", doctor.JOURNAL_STEPS) as progress:
        report = doctor.inspect_journal(path, step=progress.advance)
    shown = f"{path.absolute()} -> {real}" if real != path.absolute() else str(path.absolute())
    _print_report(report, f"Journal: {shown}")
    readable = report.readable
    _print_two_machines(real, report.data)
    report.data = None  # a 40 MB journal parsed is ~250 MB: free it before the backups
    _print_backups(real)
    print()
    problems = [f for f in report.findings if not f.ok]
    if not problems:
        if not real.exists():
            # Likely a mistyped --db: say plainly that there is nothing here to check.
            print(f"There is no journal at {path} yet: nothing to check (is the path right?).")
            return EXIT_HEALTHY
        print("The journal is healthy.")
        return EXIT_HEALTHY
    print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found.")
    if not readable and real.is_file():  # a restore replaces only a file
        newest = backups.newest_backup(real)
        if newest is not None:
            print(
                "To put the newest backup back (the current file is kept aside first):\n"
                f"  relate doctor{_db_flag(args, path)} --restore {shlex.quote(newest.path.name)}"
            )
        else:
            print(
                "There is no backup to restore. The file was not changed: copy it, and open "
                "the copy in a text editor to rescue what it still holds."
            )
    return EXIT_PROBLEMS


def _restore(path: Path, real: Path, name: str, now: datetime) -> int:
    from relate_tui.storage import doctor
    from relate_tui.storage.restore import find_backup, restore

    backup = find_backup(real, name)
    done = restore(path, backup, now=now)
    checked = doctor.inspect_backup(backup)
    print(f"Restored {backup} ({checked.counts()}) into {path}.")
    if done.kept is None:
        print("There was no journal file before, so nothing needed keeping.")
    elif done.kept_unreadable:
        print(f"The unreadable file it replaced was kept as {done.kept}.")
    else:
        print(f"The file it replaced was kept as {done.kept}.")
    print()
    # A large journal takes seconds to check: a bar on a terminal, wiped before the report.
    with Progress("Checking the journal", doctor.JOURNAL_STEPS) as progress:
        report = doctor.inspect_journal(path, step=progress.advance)
    _print_report(report, "Check of the restored journal:")
    return EXIT_HEALTHY if report.healthy else EXIT_PROBLEMS
