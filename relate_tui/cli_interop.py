"""`relate import FILE` and `relate export --format json|vcf|ics|md [-o PATH]`.

The thin command around ``relate_tui.interop``: it picks the format, reads the file,
writes the journal once through ``Journal.bulk_save`` (one atomic, undoable write; nothing
is written when reading fails) and prints what happened. Exports are written atomically;
``-o -`` (the default) writes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from relate_tui.domain.errors import InputError

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


def run(args: argparse.Namespace, open_journal: Callable) -> int:
    """Run ``relate import`` or ``relate export``; `open_journal(args)` gives the Journal."""
    if args.command == "import":
        return _import(args, open_journal)
    return _export(args, open_journal)


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


def _parse(path: Path, fmt: str, journal) -> tuple[object, str]:
    """(Parsed or JsonRecords, format) for ``path``."""
    from relate_tui.interop import Parsed, read_text

    now = journal.clock.now()
    if path.is_dir():
        if fmt not in ("auto", "vcf"):
            raise InputError(f"{path} is a folder: only a folder of .vcf files can be imported")
        from relate_tui.interop.vcard import parse_vcards

        parsed = Parsed()
        for file in _vcard_files(path):
            one = parse_vcards(
                read_text(file),
                now=now,
                source=str(file.relative_to(path)),
                tiers=journal.settings.tiers,
            )
            parsed.people += one.people
            parsed.problems += one.problems
        return parsed, "vcf"
    text = read_text(path)
    if fmt == "auto":
        fmt = detect_format(path, text)
    if fmt == "vcf":
        from relate_tui.interop.vcard import parse_vcards

        return parse_vcards(text, now=now, tiers=journal.settings.tiers), fmt
    if fmt == "linkedin":
        from relate_tui.interop.linkedin import parse_connections

        return parse_connections(text, now=now), fmt
    from relate_tui.interop.jsonio import parse_json

    return parse_json(text), fmt


def _say_problems(lines: list[str]) -> None:
    for line in lines[:_MAX_LISTED]:
        print(f"  {line}", file=sys.stderr)
    if len(lines) > _MAX_LISTED:
        print(f"  … and {len(lines) - _MAX_LISTED} more", file=sys.stderr)


def _import(args: argparse.Namespace, open_journal: Callable) -> int:
    path = Path(args.file).expanduser()
    if not path.exists():
        raise InputError(f"{path} does not exist")
    journal = open_journal(args)
    data = journal.data()
    parsed, fmt = _parse(path, args.format, journal)
    label = f"import {path.name}"
    if fmt == "json":
        from relate_tui.interop.jsonio import plan_json_import

        plan = plan_json_import(parsed, data.people, data.notes, data.promises)
        if not args.dry_run:
            journal.bulk_save(label, people=plan.people, notes=plan.notes, promises=plan.promises)
        counts = (plan.added, plan.updated, plan.unchanged, plan.skipped, [], [])
        unit = "records"
    else:
        from relate_tui.interop.merge import plan_merge

        merge = plan_merge(data.people, parsed.people, journal.clock.now())
        if not args.dry_run:
            journal.bulk_save(label, people=merge.people)
        problems = [p for p in parsed.problems if p.skipped] + merge.skipped
        warnings = [p for p in parsed.problems if not p.skipped]
        counts = (
            len(merge.added),
            len(merge.updated),
            merge.unchanged,
            problems,
            warnings,
            merge.kept,
        )
        unit = "people"
    added, updated, unchanged, skipped, warnings, kept = counts
    verb = "Would import" if args.dry_run else "Imported"
    print(
        f"{verb} {path.name}: {added} added, {updated} updated, {unchanged} unchanged,"
        f" {len(skipped)} skipped ({unit})."
    )
    _say_problems([f"skipped {p}" for p in skipped] + [str(w) for w in warnings] + kept)
    if not (added or updated or unchanged) and skipped:
        return 2  # nothing in the file could be used: say so in the exit code too
    return 0


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


def _export(args: argparse.Namespace, open_journal: Callable) -> int:
    fmt = _export_format(args)
    folder = args.output != "-" and _is_folder(args.output)
    if folder and fmt != "vcf":
        raise InputError(f"{args.output} is a folder: give a file name for --format {fmt}")
    journal = open_journal(args)
    data = journal.data()
    now = journal.clock.now()
    if folder:
        return _export_vcard_folder(Path(args.output).expanduser(), data.people)
    if fmt == "json":
        from relate_tui.interop.jsonio import export_json

        payload = export_json(data.people, data.notes, data.promises, now)
    elif fmt == "vcf":
        from relate_tui.interop.vcard import export_vcards

        payload = export_vcards(data.people)
    elif fmt == "ics":
        from relate_tui.interop.ics import export_ics

        payload = export_ics(data, journal.settings, journal.clock.today(), now)
    else:
        from relate_tui.interop.markdown import export_markdown

        payload = export_markdown(data.people, data.notes, data.promises, now)
    if args.output == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return 0
    path = Path(args.output).expanduser()
    _write(path, payload)
    print(f"Exported {len(data.people)} people as {fmt} to {path}.")
    return 0


def _export_vcard_folder(folder: Path, people) -> int:
    """One card per person, named by id, each written atomically. Files of people no longer
    in the journal are left alone: the folder may hold cards relate did not write."""
    from relate_tui.interop.vcard import card_file_name, export_vcard
    from relate_tui.storage.atomic import ensure_private_dir

    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise InputError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    for person in people:
        _write(folder / card_file_name(person), export_vcard(person).encode("utf-8"))
    print(f"Exported {len(people)} people as vcf to {folder}/ (one .vcf each).")
    return 0
