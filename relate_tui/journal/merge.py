"""Merging another copy of the journal into this one: ``relate merge FILE``, the sync
tools' conflict copies every command picks up, and git's merge driver.

The merge itself is pure (``domain.journal_merge``). Here it is worked out from a snapshot
and written as one change of record replacements, each checked under the lock against
the snapshot (``Change.expected``): if anything changed meanwhile, the merge is worked
out again on the newer journal. So it is one atomic write, an ordinary change that undo
can take back, and the last-touch table and the change history follow as for any change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relate_tui.domain.journal_merge import RECORD_TABLES, Merged, MergeReport
from relate_tui.storage.changes import Change, ChangedMeanwhile
from relate_tui.storage.schema import TOMBSTONES

if TYPE_CHECKING:
    from relate_tui.journal.commits import JournalCommits

ATTEMPTS = 5
"""How often a merge is worked out again when the journal keeps changing under it."""

Tables = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class MergeSummary:
    """What a merge brought in, in names people know."""

    source: str
    """The file merged (its name)."""
    report: MergeReport
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    """Table to record id to a short description (a person's name, a note's people and
    first line, a promise's text) for every record the report mentions."""
    written: bool = False
    """True when the journal was changed (False for a dry run or nothing to bring in)."""

    @property
    def people_involved(self) -> list[str]:
        """The names of the people the merge brought something about, sorted."""
        return sorted(set(self.names.get("_people_involved", {}).values()), key=str.casefold)


@dataclass(frozen=True)
class CopyOutcome:
    """One conflict copy found beside the journal, and what became of it."""

    copy: Path
    summary: MergeSummary | None = None
    """What the merge brought in (None when the copy was not merged)."""
    moved_to: Path | None = None
    """Where the merged copy went (the backups folder)."""
    problem: str | None = None
    """Why it was not merged (a damaged copy, a read-only journal); it is left in place."""


def by_id(tables: Tables, name: str) -> dict[str, dict[str, Any]]:
    """A raw table keyed by record id (records without a string id are skipped)."""
    table = tables.get(name) or {}
    return {r["id"]: r for r in table.values() if isinstance(r.get("id"), str)}


def record_tables(tables: Tables) -> dict[str, dict[str, dict[str, Any]]]:
    """People, notes and promises of a journal's tables, keyed by id."""
    return {name: by_id(tables, name) for name in RECORD_TABLES}


def tombstones(tables: Tables) -> list[dict[str, Any]]:
    """The tombstone records of a journal's tables."""
    return list((tables.get(TOMBSTONES) or {}).values())


def merge_changes(
    ours: Mapping[str, Mapping[str, dict[str, Any]]],
    ours_tombstones: list[dict[str, Any]],
    merged: Merged,
) -> list[Change]:
    """The record changes that turn ``ours`` into ``merged``, each checked against ours.

    Tombstones come first, so the write knows them when it deletes the records they name.
    """
    changes: list[Change] = []
    have = {(t.get("table"), t.get("id")): t for t in ours_tombstones}
    for key, tomb in merged.tombstones.items():
        if have.get(key) != tomb:
            changes.append(Change(TOMBSTONES, key[1], None, tomb))
    for table in RECORD_TABLES:
        mine, result = ours.get(table, {}), merged.tables[table]
        for rid, record in result.items():
            before = mine.get(rid)
            if before is None or before != record:
                changes.append(Change(table, rid, None, record, expected=before))
        for rid, before in mine.items():
            if rid not in result:
                changes.append(Change(table, rid, None, None, expected=before))
    return changes


def describe(table: str, record: Mapping[str, Any], people: Mapping[str, Any]) -> str:
    """A record in a few words: a person's name, "call with Ana Lima", a promise's text."""
    if table == "people":
        return str(record.get("name", "someone"))
    if table == "notes":
        ids = record.get("person_ids") or []
        names = ", ".join(str(people[p].get("name", "?")) for p in ids if p in people)
        return f"{record.get('kind', 'note')} with {names or 'someone'}"
    return str(record.get("text", "a promise"))


def _involved(table: str, record: Mapping[str, Any]) -> list[str]:
    if table == "people":
        return [str(record.get("id"))]
    if table == "notes":
        return [p for p in record.get("person_ids") or [] if isinstance(p, str)]
    return [str(record.get("person_id"))]


def summarise(
    source: str, ours: Mapping[str, Mapping[str, Any]], merged: Merged, written: bool
) -> MergeSummary:
    """The merge's report with names for everything it mentions."""
    report = merged.report
    people = {**ours.get("people", {}), **merged.tables["people"]}
    names: dict[str, dict[str, str]] = {}
    involved: dict[str, str] = {}
    mentioned = [
        (table, rid)
        for part in (report.added, report.changed, report.removed)
        for table, ids in part.items()
        for rid in ids
    ] + [(table, rid) for table, rid, _ in report.conflicts + report.settled]
    for table, rid in mentioned:
        record = merged.tables[table].get(rid) or ours.get(table, {}).get(rid)
        if record is None:
            continue
        names.setdefault(table, {})[rid] = describe(table, record, people)
        for pid in _involved(table, record):
            if pid in people:
                involved[pid] = str(people[pid].get("name", "?"))
    names["_people_involved"] = involved
    return MergeSummary(source, report, names, written)


def compare(old: Tables, new: Tables, source: str) -> MergeSummary:
    """What ``new`` (a journal's tables) brings that ``old`` had not, as a merge summary:
    how the app says what came in when the file changed on disk (a git pull, a merge)."""
    from relate_tui.domain.journal_merge import changes_between

    ours, theirs = record_tables(old), record_tables(new)
    return summarise(source, ours, Merged(theirs, {}, changes_between(ours, theirs)), False)


def merge_tables(
    journal: JournalCommits, theirs: Tables, source: str, *, dry_run: bool = False
) -> MergeSummary:
    """Merge another journal's tables into this one, in one atomic write (none with
    ``dry_run``); worked out again if the journal changes meanwhile."""
    from relate_tui.domain.journal_merge import merge_journals

    other = record_tables(theirs)
    other_tombs = tombstones(theirs)
    for _ in range(ATTEMPTS):
        data = journal.data()
        ours = record_tables(data.tables)
        ours_tombs = tombstones(data.tables)
        merged = merge_journals(ours, other, ours_tombs, other_tombs)
        changes = merge_changes(ours, ours_tombs, merged)
        if dry_run or not changes:
            return summarise(source, ours, merged, written=False)
        journal._check_writable()
        # A merge that changes nothing anyone sees (it only learns the other copy's
        # versions of equal values, or deletions of records this journal never had) is
        # kept for later merges but is no change to undo: ``relate undo`` still takes
        # back the user's own last change, and the merge says the journal is unchanged.
        undoable = not merged.report.empty
        try:
            journal._commit(f"merge {source}", changes, undoable=undoable, remerge=False)
        except ChangedMeanwhile:
            continue
        return summarise(source, ours, merged, written=True)
    raise ChangedMeanwhile(
        f"the journal kept changing while {source} was being merged; nothing was merged, try again"
    )


def merge_file(journal: JournalCommits, path: Path, *, dry_run: bool = False) -> MergeSummary:
    """Merge the journal file at ``path`` into this one (see ``merge_tables``).

    Raises:
        CopyUnreadable: the file is damaged or not a journal (nothing is changed).
    """
    from relate_tui.storage.other_journal import read_other_journal

    if path.resolve() == journal.store.real_path:
        from relate_tui.domain.errors import InputError

        raise InputError(f"{path} is this journal itself: give another copy to merge")
    return merge_tables(journal, read_other_journal(path), path.name, dry_run=dry_run)


def absorb_conflict_copies(journal: JournalCommits) -> list[CopyOutcome]:
    """Merge every sync tool's conflict copy beside the journal and move each merged
    one into the backups folder; a copy that cannot be read is left where it is.

    A kill at any moment leaves the journal before or after a copy's merge (one atomic
    write) and the copy beside it or in the backups folder: the next run finds a copy
    still beside the journal and merges it again, which changes nothing the second time.
    """
    from relate_tui.storage.conflict_copies import conflict_copies, put_away
    from relate_tui.storage.other_journal import CopyUnreadable, read_other_journal

    real = journal.store.real_path
    outcomes: list[CopyOutcome] = []
    for copy in conflict_copies(real):
        if journal.data().read_only:
            problem = "the journal is from a newer relate and open read-only"
            outcomes.append(CopyOutcome(copy, problem=problem))
            continue
        try:
            theirs = read_other_journal(copy)
        except CopyUnreadable as exc:
            outcomes.append(CopyOutcome(copy, problem=exc.reason))
            continue
        summary = merge_tables(journal, theirs, copy.name)
        try:
            moved = put_away(real, copy)
        except FileNotFoundError:
            moved = None  # another relate merged and moved it at the same moment
        except OSError as exc:
            problem = f"merged, but could not be moved to the backups ({exc.strerror})"
            outcomes.append(CopyOutcome(copy, summary, problem=problem))
            continue
        outcomes.append(CopyOutcome(copy, summary, moved))
    return outcomes
