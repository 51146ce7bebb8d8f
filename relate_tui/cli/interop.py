"""`relate import FILE` and `relate export --format json|vcf|ics|md [-o PATH]`.

``cli.build_parser`` imports this module for every command, so everything beyond the
options is imported inside the functions that run.

The thin command around ``relate_tui.interop``: it picks the format, reads the file,
writes the journal once through ``Journal.bulk_save`` (one atomic, undoable write; nothing
is written when reading fails) and prints what happened. Exports are written atomically;
``-o -`` (the default) writes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from relate_tui.cli.common import open_journal
from relate_tui.cli.progress import Progress
from relate_tui.domain.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from relate_tui.domain.people import Person
    from relate_tui.interop import Parsed, Problem
    from relate_tui.journal import Journal

IMPORT_FORMATS = ("auto", "vcf", "linkedin", "json")
EXPORT_FORMATS = ("json", "vcf", "ics", "md")
_SUFFIX_FORMATS = {
    ".vcf": "vcf",
    ".vcard": "vcf",
    ".csv": "linkedin",
    ".json": "json",
    ".ics": "ics",
    ".md": "md",
    ".markdown": "md",
}
_VCARD_SUFFIXES = (".vcf", ".vcard")
_MAX_LISTED = 20
"""Problems listed one by one; beyond that, a count (a 5,000-card import stays readable)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``relate import`` or ``relate export`` (told apart by prog)."""
    if parser.prog.endswith("import"):
        parser.add_argument(
            "file",
            metavar="FILE",
            help="a .vcf file or folder of them, LinkedIn's Connections.csv, or relate JSON",
        )
        parser.add_argument(
            "--format",
            choices=IMPORT_FORMATS,
            default="auto",
            help="what FILE is (default: from its name and first lines)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="say what would be added and updated, write nothing",
        )
    else:
        parser.add_argument(
            "--format",
            choices=EXPORT_FORMATS,
            help="json (everything), vcf (contacts), ics (calendar), md (readable archive);"
            " default: from the -o file's suffix",
        )
        parser.add_argument(
            "-o",
            "--output",
            default="-",
            metavar="PATH",
            help="where to write (default: stdout); for vcf, a folder gets one file per person",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the -o file if it exists (never the journal or its backups)",
        )


def run(args: argparse.Namespace) -> int:
    """Run ``relate import`` or ``relate export``."""
    if args.command == "import":
        return _import(args)
    return _export(args)


# -- import ----------------------------------------------------------------------------


def detect_format(path: Path, text: str | None) -> str:
    """vcf, linkedin or json, from the suffix and, failing that, the first lines."""
    from relate_tui.interop.linkedin import looks_like_linkedin

    if path.is_dir():
        return "vcf"
    by_suffix = _SUFFIX_FORMATS.get(path.suffix.lower())
    if by_suffix in ("vcf", "json"):
        return by_suffix
    head = (text or "").lstrip("\ufeff \t\r\n")[:4000]
    if head.upper().startswith("BEGIN:VCARD"):
        return "vcf"
    if head.startswith("{"):
        return "json"
    if looks_like_linkedin(head):
        return "linkedin"
    raise InputError(
        f"{path.name}: not a vCard, a LinkedIn Connections.csv or relate JSON"
        " (say which with --format)"
    )


def _vcard_files(folder: Path) -> list[Path]:
    """The cards of an address-book folder (khard, vdirsyncer: one .vcf per contact,
    perhaps one subfolder per address book), skipping hidden folders such as .git."""
    files = [
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in _VCARD_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    if not files:
        raise InputError(f"{folder} has no .vcf files")
    return sorted(files)


def _read_people(
    path: Path, fmt: str, raw: bytes | None, text: str | None, journal: Journal
) -> Parsed:
    """The people in a vCard file or folder, or a LinkedIn export.

    vCards are handed over as bytes: each value is decoded on its own, so one card in
    another encoding does not garble the rest."""
    from relate_tui.interop import Parsed, read_bytes
    from relate_tui.interop.linkedin import parse_connections
    from relate_tui.interop.vcard import parse_vcards

    now = journal.clock.now()
    tiers = journal.settings.tiers
    if raw is not None:
        if fmt == "linkedin":
            return parse_connections(text or "", now=now)
        cards = raw.upper().count(b"BEGIN:VCARD")
        with Progress(f"Reading {path.name}", cards) as progress:
            return parse_vcards(raw, now=now, tiers=tiers, on_card=progress.advance)
    parsed = Parsed()
    files = _vcard_files(path)
    with Progress(f"Reading {path.name}/", len(files)) as progress:
        for file in progress.track(files):
            one = parse_vcards(
                read_bytes(file), now=now, source=str(file.relative_to(path)), tiers=tiers
            )
            parsed.people += one.people
            parsed.problems += one.problems
    return parsed


@dataclass
class _Outcome:
    """What an import did (or would do), for the summary."""

    added: int
    updated: int
    unchanged: int
    skipped: list[Problem]
    notes: list[str] = field(default_factory=list)
    """Fields left out and values kept, said after the problems."""
    unit: str = "people"
    names: dict[str, list[str]] = field(default_factory=dict)
    """Who would be added and updated, by verb (people imports), for ``--dry-run``."""
    brought: list[str] = field(default_factory=list)
    """What was added to each updated person, one line each (people imports)."""


ATTEMPTS = 3
"""An import merges into a snapshot; if someone edits a merged person meanwhile (the app in
another pane), the merge is worked out again on the newer data rather than overwriting it."""


def _saved(journal: Journal, label: str, data: object, attempt: int, **records: object) -> bool:
    """Save the planned records; False when one changed on disk meanwhile (plan again)."""
    from relate_tui.storage.changes import ChangedMeanwhile

    try:
        journal.bulk_save(label, based_on=data, **records)  # type: ignore[arg-type]
    except ChangedMeanwhile:
        if attempt == ATTEMPTS - 1:
            raise
        return False
    return True


def _import_people(parsed: Parsed, journal: Journal, label: str, dry_run: bool) -> _Outcome:
    from relate_tui.interop.merge import plan_merge

    for attempt in range(ATTEMPTS):
        data = journal.data()
        plan = plan_merge(data.people, parsed.people, journal.clock.now())
        if dry_run or _saved(journal, label, data, attempt, people=plan.people):
            break
    return _Outcome(
        len(plan.added),
        len(plan.updated),
        plan.unchanged,
        [p for p in parsed.problems if p.skipped] + plan.skipped,
        [str(p) for p in parsed.problems if not p.skipped] + plan.kept,
        names={
            "add": [p.name for p in plan.added],
            "update": [p.name for p in plan.updated],
        },
        brought=plan.brought,
    )


def _import_json(text: str, journal: Journal, label: str, dry_run: bool) -> _Outcome:
    from relate_tui.interop.jsonio import parse_json, plan_json_import

    records = parse_json(text)
    for attempt in range(ATTEMPTS):
        data = journal.data()
        plan = plan_json_import(records, data.people, data.notes, data.promises)
        saved = dry_run or _saved(
            journal, label, data, attempt, people=plan.people, notes=plan.notes,
            promises=plan.promises,
        )  # fmt: skip
        if saved:
            break
    return _Outcome(plan.added, plan.updated, plan.unchanged, plan.skipped, unit="records")


def _say_problems(lines: list[str]) -> None:
    for line in lines[:_MAX_LISTED]:
        print(f"  {line}", file=sys.stderr)
    if len(lines) > _MAX_LISTED:
        print(f"  … and {len(lines) - _MAX_LISTED} more", file=sys.stderr)


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    if not path.exists():
        raise InputError(f"{path} does not exist")
    fmt = args.format
    if path.is_dir() and fmt not in ("auto", "vcf"):
        raise InputError(f"{path} is a folder: only a folder of .vcf files can be imported")
    from relate_tui.interop import decode_text, read_bytes

    raw = None if path.is_dir() else read_bytes(path)
    text = None if raw is None else decode_text(raw)
    if fmt == "auto":
        fmt = detect_format(path, text)
    journal = open_journal(args)
    journal.data()  # an unreadable journal is reported before anything else happens
    label = f"import {path.name}"
    # Everything is read and checked before the one write; a failure leaves the journal as is.
    if fmt == "json":
        assert text is not None
        outcome = _import_json(text, journal, label, args.dry_run)
    else:
        outcome = _import_people(
            _read_people(path, fmt, raw, text, journal), journal, label, args.dry_run
        )
    usable = outcome.added or outcome.updated or outcome.unchanged
    if not usable and outcome.skipped:
        # Nothing in the file could be used: one line on stderr and exit 2, as for bad input.
        reasons = "; ".join(str(p) for p in outcome.skipped[:3])
        more = f" and {len(outcome.skipped) - 3} more" if len(outcome.skipped) > 3 else ""
        print(f"relate: nothing imported from {path.name}: {reasons}{more}", file=sys.stderr)
        return 2
    verb = "Would import" if args.dry_run else "Imported"
    print(
        f"{verb} {path.name}: {outcome.added} added, {outcome.updated} updated,"
        f" {outcome.unchanged} unchanged, {len(outcome.skipped)} skipped ({outcome.unit})."
    )
    if args.dry_run:
        for verb, names in outcome.names.items():
            if names:
                print(f"  would {verb}: {_some(names)}")
    # An import only adds (it cannot tell an old address from a second one): each
    # updated person's additions are said, so one replaced by hand can be removed again.
    from relate_tui.report.text import one_line

    for line in outcome.brought[:_MAX_LISTED]:
        print(f"  {one_line(line)}")
    if len(outcome.brought) > _MAX_LISTED:
        print(f"  … and {len(outcome.brought) - _MAX_LISTED} more updated")
    _say_problems([f"skipped {p}" for p in outcome.skipped] + outcome.notes)
    return 0


def _some(names: list[str], limit: int = 20) -> str:
    """ "Ana Lima, Bruno Díaz … and 12 more": enough to check an import before it runs."""
    more = f" … and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


# -- export ----------------------------------------------------------------------------


def _export_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output != "-":
        fmt = _SUFFIX_FORMATS.get(Path(args.output).suffix.lower())
        if fmt and fmt != "linkedin":
            return fmt
    raise InputError("say which format: --format json, vcf, ics or md")


def _is_folder(output: str) -> bool:
    return output.endswith(("/", "\\")) or Path(output).expanduser().is_dir()


def _write(path: Path, payload: bytes) -> None:
    from relate_tui.storage.atomic import atomic_write

    if not path.parent.is_dir():
        raise InputError(f"cannot write {path}: folder {path.parent} does not exist")
    try:
        atomic_write(path, payload)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _export(args: argparse.Namespace) -> int:
    from relate_tui.cli import export_target

    fmt = _export_format(args)
    folder = args.output != "-" and _is_folder(args.output)
    if folder and fmt != "vcf":
        raise InputError(f"{args.output} is a folder: give a file name for --format {fmt}")
    journal = open_journal(args)
    path = Path(args.output).expanduser()
    if folder:
        export_target.check_folder(path, journal.path)
    # Checked before the journal is read: a refused target costs nothing.
    replacing = (
        args.output != "-"
        and not folder
        and export_target.check_file(path, journal.path, force=args.force)
    )
    data = journal.data()
    now = journal.clock.now()
    if folder:
        return _export_vcard_folder(path, data.people)
    if fmt == "json":
        from relate_tui.interop.jsonio import export_json

        payload = export_json(data.people, data.notes, data.promises, now)
    elif fmt == "vcf":
        from relate_tui.interop.vcard import export_vcards

        with Progress("Writing cards", len(data.people)) as progress:
            payload = export_vcards(data.people, on_card=progress.advance)
    elif fmt == "ics":
        from relate_tui.interop.ics import export_ics

        payload = export_ics(data, journal.settings, journal.clock.today(), now)
    else:
        from relate_tui.interop.markdown import export_markdown

        # A document for reading: report.markdown shows its control characters already.
        payload = export_markdown(data.people, data.notes, data.promises, now)
    if args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(export_target.for_terminal(fmt, payload))
        sys.stdout.flush()
        return 0
    _write(path, payload)
    what = {"ics": "the queue and important dates", "json": "the whole journal"}.get(
        fmt, f"{len(data.people)} {'person' if len(data.people) == 1 else 'people'}"
    )
    replaced = " (replacing the file that was there)" if replacing else ""
    print(f"Exported {what} as {fmt} to {path}{replaced}.")
    return 0


def _export_vcard_folder(folder: Path, people: Sequence[Person]) -> int:
    """One card per person, named by id, each written atomically. A card exported before
    is replaced (that is what refreshing a folder is for); files of people no longer in
    the journal are left alone: the folder may hold cards relate did not write."""
    from relate_tui.interop.vcard import card_file_name, export_vcard
    from relate_tui.storage.atomic import ensure_private_dir

    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise InputError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    replaced = 0
    with Progress(f"Writing {folder.name}/", len(people)) as progress:
        for person in progress.track(people):
            card = folder / card_file_name(person)
            replaced += card.exists()
            _write(card, export_vcard(person).encode("utf-8"))
    updated = f", {replaced} of them replacing cards exported before" if replaced else ""
    print(f"Exported {len(people)} people as vcf to {folder}/ (one .vcf each{updated}).")
    return 0
