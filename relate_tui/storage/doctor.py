"""Checking a journal file, for ``relate doctor`` (and the app); ``storage.restore`` puts
a backup back.

Everything here reads raw bytes and never goes through ``Store.load``: the doctor is
needed most when the file cannot be read, and it must never migrate or rewrite anything
while looking.
"""

from __future__ import annotations

import stat
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relate_tui.storage import schema
from relate_tui.storage.atomic import resolve
from relate_tui.storage.json_format import duplicate_keys, parse
from relate_tui.storage.regular_file import NotRegularFile, read_regular
from relate_tui.storage.rolling import leftover_temps

_SHOW = 3
"""How many offending record ids a finding names before "and N more"."""


@dataclass(frozen=True)
class Finding:
    """One line of the doctor's report: a check that passed, or a problem."""

    ok: bool
    text: str


@dataclass
class Report:
    """What the doctor found about one file (a journal or a backup)."""

    path: Path
    findings: list[Finding] = field(default_factory=list)
    data: dict[str, Any] | None = None
    """The parsed data when the file is a readable journal, else None."""
    version: int | None = None

    @property
    def healthy(self) -> bool:
        return all(f.ok for f in self.findings)

    @property
    def readable(self) -> bool:
        """True when the file parsed as a journal of a version this relate can read."""
        return self.data is not None

    def counts(self) -> str:
        """ "12 people, 340 notes, 8 promises" (empty when unreadable)."""
        return counts_text(self.data) if self.data is not None else ""

    def ok(self, text: str) -> None:
        self.findings.append(Finding(True, text))

    def problem(self, text: str) -> None:
        self.findings.append(Finding(False, text))


def counts_text(data: dict[str, Any]) -> str:
    """How many records each table of ``data`` holds, in words."""
    people, notes, promises = (len(data.get(t) or {}) for t in schema.TABLES)
    return (
        f"{people} {'person' if people == 1 else 'people'}, "
        f"{notes} note{'' if notes == 1 else 's'}, "
        f"{promises} promise{'' if promises == 1 else 's'}"
    )


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _ids(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(items[:_SHOW])
    more = f" and {len(items) - _SHOW} more" if len(items) > _SHOW else ""
    return shown + more


def read_journal_bytes(raw: bytes, report: Report) -> None:
    """Parse ``raw`` into ``report``: JSON, shape and version (sets ``report.data``)."""
    if not raw or raw.isspace():
        report.problem("the file is empty")
        return
    try:
        data = parse(raw)
    except ValueError as exc:
        report.problem(f"the file is not valid JSON ({exc})")
        return
    problem = schema.shape_problem(data)
    if problem:
        report.problem(f"the file is JSON but not a relate journal ({problem})")
        return
    report.ok(f"the file parses as a journal ({_size(len(raw))})")
    version = schema.schema_version(data)
    report.version = version
    if version < schema.OLDEST_VERSION:
        report.problem("its meta record has no valid schema_version")
        return
    if version > schema.SCHEMA_VERSION:
        report.problem(
            f"schema version {version} is newer than this relate knows "
            f"({schema.SCHEMA_VERSION}): it can be read but not written; upgrade relate"
        )
    elif version < schema.SCHEMA_VERSION:
        report.ok(
            f"schema version {version}: relate upgrades it to {schema.SCHEMA_VERSION} the next "
            "time it opens the file, after saving a copy"
        )
    else:
        report.ok(f"schema version {version}")
    report.data = data


JOURNAL_STEPS = 5
"""How many times ``inspect_journal`` calls its ``step``: read, parsed, keys written twice,
records, references. A progress bar counts them (a large journal takes seconds)."""


def _nothing() -> None:
    pass


def check_records(
    data: dict[str, Any], report: Report, step: Callable[[], None] = _nothing
) -> None:
    """Ids unique, every record readable (the checks ``Store`` makes on every read), and
    every reference between records intact; ``step`` after the records and again after
    the references."""
    from relate_tui.storage.record_checks import bad_records

    report.ok(counts_text(data))
    tables = {t: list((data.get(t) or {}).values()) for t in schema.TABLES}
    dupes = []
    for table, rows in tables.items():
        counted = Counter(r.get("id") for r in rows)
        dupes += [f"{table} {i}" for i, c in counted.items() if c > 1]
    if dupes:
        report.problem(f"record ids used more than once: {_ids(dupes)}")
    else:
        report.ok("every record id is unique")

    broken = [f"{table} {record_id} ({problem})" for table, record_id, problem in bad_records(data)]
    if broken:
        report.problem(f"records relate cannot load: {_ids(broken)}")
    else:
        report.ok("every record has the fields relate needs")
    step()

    people = {p.get("id") for p in tables["people"]}
    notes = {n.get("id") for n in tables["notes"]}
    dangling = []
    for note in tables["notes"]:
        ids = note.get("person_ids")
        if not isinstance(ids, list) or not ids:
            dangling.append(f"note {note.get('id')} names nobody")
            continue
        dangling += [f"note {note.get('id')} -> person {p}" for p in ids if p not in people]
    for promise in tables["promises"]:
        if promise.get("person_id") not in people:
            dangling.append(f"promise {promise.get('id')} -> person {promise.get('person_id')}")
        note_id = promise.get("note_id")
        if note_id and note_id not in notes:
            dangling.append(f"promise {promise.get('id')} -> note {note_id}")
    for person in tables["people"]:
        intro = person.get("introduced_by")
        if intro and intro not in people:
            dangling.append(f"person {person.get('id')} introduced by missing {intro}")
    if dangling:
        report.problem(f"references to records that do not exist: {_ids(dangling)}")
    else:
        report.ok("notes, promises and introductions point at records that exist")
    step()


def check_permissions(real: Path, report: Report) -> None:
    """The file must not be readable by other users: it is private data about people."""
    try:
        mode = stat.S_IMODE(real.stat().st_mode)
    except OSError:
        return
    if mode & 0o077:
        report.problem(
            f"other users can read or write it (mode {mode:04o}); run `chmod 600 {real}` "
            "(relate's next save also fixes it)"
        )
    else:
        report.ok(f"only you can read it (mode {mode:04o})")


def inspect_journal(path: Path, step: Callable[[], None] = _nothing) -> Report:
    """Check the journal at ``path`` without changing anything; ``step`` is called after
    each of its ``JOURNAL_STEPS`` steps (fewer when a step finds it cannot go on)."""
    path = Path(path)
    real = resolve(path)
    report = Report(path)
    if path.is_symlink() and not path.exists():
        report.problem(f"it is a link to {real}, which does not exist")
        return report
    if not real.exists():
        report.ok("there is no journal here yet: relate creates it on the first save")
        return report
    try:
        raw = read_regular(real)
    except NotRegularFile as exc:
        report.problem(f"it is {exc.kind}, not a file: pass --db with the journal file's path")
        return report
    except OSError as exc:
        report.problem(f"it cannot be read: {exc.strerror or exc}")
        return report
    step()
    read_journal_bytes(raw, report)
    step()
    if report.data is not None:
        twice = duplicate_keys(raw)
        if twice:
            report.problem(
                f"keys written twice in one table ({_ids(twice)}): a JSON reader keeps only "
                "the last, so the records under the others are hidden"
            )
    step()
    del raw  # 40 MB for a large journal: not needed once parsed
    if report.data is not None:
        data = report.data
        if report.version is not None and report.version < schema.SCHEMA_VERSION:
            # Check what relate will see: the upgraded data (in memory; nothing written).
            from relate_tui.storage import migrations

            try:
                data = migrations.migrate(data, report.version)
            except migrations.MigrationError as exc:
                report.problem(f"it cannot be upgraded to version {schema.SCHEMA_VERSION}: {exc}")
                data = None
        if data is not None:
            check_records(data, report, step)
    check_permissions(real, report)
    temps = leftover_temps(real)
    if temps:
        size = sum(p.stat().st_size for p in temps if p.exists())
        report.ok(
            f"{len(temps)} temp file{'s' if len(temps) > 1 else ''} ({_size(size)}) left by "
            "interrupted saves: harmless; relate's next save removes them"
        )
    return report


def inspect_backup(path: Path) -> Report:
    """Parse a backup just enough to say whether it could be restored, and its counts."""
    report = Report(path)
    try:
        raw = read_regular(path)
    except OSError as exc:
        report.problem(f"cannot be read: {exc.strerror or exc}")
        return report
    read_journal_bytes(raw, report)
    return report
