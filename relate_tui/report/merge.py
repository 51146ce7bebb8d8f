"""What both doors say about merges and conflicts: one line per merged copy, the JSON of
``relate merge --json``, and conflicts as people read them.

Everything that comes from the journal or a file name goes through ``report.text`` first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from relate_tui.report.text import one_line

if TYPE_CHECKING:
    from relate_tui.journal.conflicts import ConflictItem
    from relate_tui.journal.merge import CopyOutcome, MergeSummary

_NOUNS = {"people": ("person", "people"), "notes": ("note", "notes"),
          "promises": ("promise", "promises")}  # fmt: skip
_FIELD_WORDS = {"met_on": "met on", "introduced_by": "introduced by", "person_ids": "people",
                "person_id": "person", "snooze_until": "snoozed until", "vcard_uid": "vCard UID",
                "at": "time", "note_id": "note"}  # fmt: skip


def _count(n: int, table: str) -> str:
    one, many = _NOUNS.get(table, ("record", "records"))
    return f"{n} {one if n == 1 else many}"


def tool_of(name: str) -> str:
    """Which sync tool names its conflict copies like ``name``."""
    if ".sync-conflict-" in name:
        return "Syncthing"
    if "'s conflicted copy" in name or "’s conflicted copy" in name:
        return "Dropbox"
    if "(conflicted copy" in name:
        return "Nextcloud"
    if "_conflict-" in name:
        return "ownCloud"
    return "sync"


def _names(summary: MergeSummary, table: str, ids: Sequence[str], limit: int = 3) -> str:
    known = summary.names.get(table, {})
    shown = [one_line(known.get(rid, "?"), 40) for rid in ids[:limit]]
    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
    return ", ".join(shown) + more


def summary_words(summary: MergeSummary, resolve_hint: str = "relate conflicts") -> str:
    """What a merge brought in, in one clause: "2 notes and 1 person came in, Ana Lima
    changed; 1 conflict to resolve (relate conflicts)" or "nothing new". The app says how
    it resolves conflicts in ``resolve_hint``."""
    report = summary.report
    parts: list[str] = []
    came = [f"{_count(len(ids), t)} ({_names(summary, t, ids)})" for t, ids in report.added.items()]
    if came:
        parts.append(" and ".join(came) + " came in")
    for table, ids in report.changed.items():
        if table == "people":
            parts.append(f"{_names(summary, table, ids)} changed")
        else:
            parts.append(f"{_count(len(ids), table)} changed")
    for table, ids in report.removed.items():
        parts.append(f"{_count(len(ids), table)} deleted there")
    if report.kept_over_delete:
        ids = [rid for _, rid in report.kept_over_delete]
        tables = {t for t, _ in report.kept_over_delete}
        table = tables.pop() if len(tables) == 1 else "records"
        parts.append(
            f"kept {_count(len(ids), table)} deleted there but changed here"
            if table != "records"
            else f"kept {len(ids)} records deleted there but changed here"
        )
    if report.settled:
        settled = [rid for _, rid, _ in report.settled]
        noun = "conflict" if len(settled) == 1 else "conflicts"
        names = ", ".join(
            dict.fromkeys(
                one_line(summary.names.get(t, {}).get(rid, "?"), 40) for t, rid, _ in report.settled
            )
        )
        parts.append(f"{len(settled)} {noun} settled there ({names})")
    text = ", ".join(parts) if parts else "nothing new"
    conflicts = len(report.conflicts)
    if conflicts:
        noun = "conflict" if conflicts == 1 else "conflicts"
        text += f"; {conflicts} {noun} to resolve ({resolve_hint})"
    return text


def copy_line(outcome: CopyOutcome, resolve_hint: str = "relate conflicts") -> str:
    """The one line the command line prints for a conflict copy it found (the app shows
    it without the "relate: ")."""
    name = one_line(outcome.copy.name)
    tool = tool_of(outcome.copy.name)
    if outcome.summary is None:
        return (
            f"relate: found the {tool} copy {name} but did not merge it: "
            f"{one_line(outcome.problem or '')}; it is left where it is, the journal unchanged"
        )
    where = (
        f"; the copy is now in {one_line(outcome.moved_to.parent.name)}/"
        if outcome.moved_to
        else ""
    )
    trouble = f" ({one_line(outcome.problem)})" if outcome.problem else ""
    return (
        f"relate: merged the {tool} copy {name}: {summary_words(outcome.summary)}{where}{trouble}"
    )


def summary_json(summary: MergeSummary) -> dict[str, Any]:
    """A merge for scripts: ids and descriptions of what came in, and the conflicts."""
    report = summary.report

    def listed(part: Mapping[str, Sequence[str]]) -> dict[str, list[dict[str, str]]]:
        return {
            table: [{"id": rid, "what": summary.names.get(table, {}).get(rid, "")} for rid in ids]
            for table, ids in part.items()
        }

    return {
        "file": summary.source,
        "written": summary.written,
        "added": listed(report.added),
        "changed": listed(report.changed),
        "removed": listed(report.removed),
        "conflicts": [
            {"table": t, "id": rid, "field": f, "what": summary.names.get(t, {}).get(rid, "")}
            for t, rid, f in report.conflicts
        ],
        "kept_over_delete": [{"table": t, "id": rid} for t, rid in report.kept_over_delete],
        "settled": [
            {"table": t, "id": rid, "field": f, "what": summary.names.get(t, {}).get(rid, "")}
            for t, rid, f in report.settled
        ],
    }


def field_words(field: str) -> str:
    """A field as people say it: "email", "birthday", "org", "status"."""
    head, dot, sub = field.partition(".")
    if dot:
        return sub or head
    return _FIELD_WORDS.get(field, field)


def value_words(field: str, value: Any, people: Mapping[str, str] | None = None) -> str:
    """A field's value in a few words (``(empty)`` for none)."""
    people = people or {}
    if value is None or value == "" or value == []:
        return "(empty)"
    head = field.partition(".")[0]
    if head == "channels" and isinstance(value, list):
        return ", ".join(one_line(str(c.get("value", ""))) for c in value if isinstance(c, dict))
    if head == "dates" and isinstance(value, list):
        shown = []
        for d in value:
            if isinstance(d, dict):
                year = f"-{d['year']}" if d.get("year") else ""
                shown.append(f"{d.get('day')}/{d.get('month')}{year}")
        return ", ".join(shown)
    if field == "status" and isinstance(value, list):
        status, closed = ([*value, None, None])[:2]
        return f"{status} {str(closed)[:10]}" if closed else str(status)
    if field == "person_ids" and isinstance(value, list):
        return ", ".join(one_line(people.get(p, "someone")) for p in value)
    if field in ("introduced_by", "person_id") and isinstance(value, str):
        return one_line(people.get(value, "someone"))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(one_line(str(v)) for v in value)
    return one_line(str(value), 60)


def origins(item: ConflictItem) -> tuple[str, str]:
    """Whose each value of a conflict is, in words: the value the record holds ("the
    other machine's later change") and the one kept aside ("this machine had"), from the
    machines that made them. Two copies edited on one machine fall back to "later" and
    "earlier", which is always true."""
    if item.current_here and item.other_here:
        return "the later change", "the earlier one had"
    if item.other_here:
        return "the other machine's later change", "this machine had"
    if item.current_here:
        return "this machine's later change", "the other machine had"
    return "the later change", "another machine had"


def conflict_line(item: ConflictItem, people: Mapping[str, str]) -> str:
    """A conflict on one line: code, record, field, the two values."""
    where = one_line(item.record, 40)
    if item.is_deletion:
        return (
            f"{item.ref}  {where}: deleted on another machine, changed here — kept "
            f"(keep: leave it; take: delete it)"
        )
    field = field_words(item.field)
    now = value_words(item.field, item.current, people)
    other = value_words(item.field, item.other, people)
    now_whose, other_whose = origins(item)
    return f"{item.ref}  {where}: {field} is “{now}”, {now_whose}; {other_whose} “{other}”"


def conflict_json(item: ConflictItem) -> dict[str, Any]:
    """A conflict for scripts."""
    return {
        "ref": item.ref,
        "table": item.table,
        "id": item.record_id,
        "field": item.field,
        "current": item.current,
        "other": item.other,
        "other_version": item.other_version,
        "record": item.record,
        "person_ids": list(item.person_ids),
    }
