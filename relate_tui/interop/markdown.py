"""The journal as one Markdown document: a section per person, their notes newest first.

For archiving and reading anywhere (a printout, a phone, another notes app); it is not
read back (JSON is the format for that). Headings inside note bodies are pushed below the
document's own so a "# Ideas" in a note cannot break the outline. Names and the other
fields are plain text, escaped (``report.markdown.inline``), so ``Kim [/ Lee`` or
``**Bo**`` reads as typed; note bodies and "about" are Markdown and stay Markdown, with
control characters made visible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from relate_tui.domain.file_lines import split_lines
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.report.markdown import block, inline

_HEADING = re.compile(r"^(#{1,6})(\s)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_KIND_NAMES = {"email": "Email", "phone": "Phone", "url": "URL", "handle": "Handle"}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def demote_headings(text: str, levels: int) -> str:
    """``text`` with each Markdown heading ``levels`` deeper (at most ######), leaving
    fenced code alone."""
    out = []
    fenced = False
    for line in split_lines(text):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            match = _HEADING.match(line)
            if match:
                depth = min(6, len(match.group(1)) + levels)
                line = "#" * depth + line[len(match.group(1)) :]
        out.append(line)
    return "\n".join(out)


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _moment(m: datetime) -> str:
    return f"{_day(m.date())} {m:%H:%M}"


def _person_facts(person: Person, by_id: dict[str, Person]) -> list[str]:
    facts = []
    if person.nickname:
        facts.append(f"- **Nickname:** {inline(person.nickname)}")
    work = " — ".join(inline(x) for x in (person.role, person.org) if x)
    if work:
        facts.append(f"- **Work:** {work}")
    if person.tags:
        facts.append(f"- **Tags:** {', '.join(inline(tag) for tag in person.tags)}")
    if person.rhythm:
        facts.append(f"- **Rhythm:** {inline(person.rhythm)}")
    if person.met and person.met_on:
        facts.append(f"- **Met:** {inline(person.met)} ({_day(person.met_on)})")
    elif person.met:
        facts.append(f"- **Met:** {inline(person.met)}")
    elif person.met_on:
        facts.append(f"- **Met:** on {_day(person.met_on)}")
    if person.introduced_by:
        who = by_id.get(person.introduced_by)
        name = inline(who.name) if who else "someone no longer here"
        facts.append(f"- **Introduced by:** {name}")
    for channel in person.channels:
        label = f" ({inline(channel.label)})" if channel.label else ""
        kind = _KIND_NAMES.get(channel.kind, inline(channel.kind.capitalize()))
        facts.append(f"- **{kind}{label}:** {inline(channel.value)}")
    for important in person.dates:
        year = f" {important.year}" if important.year else ""
        facts.append(
            f"- **{inline(important.label.capitalize()) or 'Date'}:** "
            f"{important.day} {_MONTHS[important.month - 1]}{year}"
        )
    if person.snooze_until:
        facts.append(f"- **Snoozed until:** {_day(person.snooze_until)}")
    return facts


def _promise_line(promise: Promise) -> str:
    box = "x" if promise.status == "kept" else (" " if promise.is_open else "-")
    status = f"due {_day(promise.due)}"
    if not promise.is_open and promise.closed_at:
        status = f"{promise.status} {_day(promise.closed_at.date())}"
    elif not promise.is_open:
        status = promise.status
    return f"- [{box}] {inline(promise.text)} — {status}"


def _note_block(note: Note, person_id: str, by_id: dict[str, Person]) -> list[str]:
    bits = [_moment(note.at), note.kind]
    bits += [flag for flag in ("gave", "asked") if getattr(note, flag)]
    others = [inline(by_id[i].name) for i in note.person_ids if i != person_id and i in by_id]
    if others:
        bits.append("with " + ", ".join(others))
    lines = [f"#### {' · '.join(bits)}", ""]
    body = block(demote_headings(note.body.strip(), 4))
    if body:
        lines += [body, ""]
    return lines


def export_markdown(
    people: Iterable[Person],
    notes: Iterable[Note],
    promises: Iterable[Promise],
    exported: datetime,
) -> bytes:
    """The journal as Markdown: people by name (archived ones last), each with their facts,
    about, promises and notes (newest first; a shared note appears under everyone in it)."""
    people = list(people)
    notes = list(notes)
    promises = list(promises)
    by_id = {p.id: p for p in people}
    notes_for: dict[str, list[Note]] = {}
    for note in notes:
        for pid in note.person_ids:
            notes_for.setdefault(pid, []).append(note)
    promises_for: dict[str, list[Promise]] = {}
    for promise in promises:
        promises_for.setdefault(promise.person_id, []).append(promise)
    lines = [
        "# relate journal",
        "",
        f"Exported {_moment(exported)} · {_count(len(people), 'person', 'people')}"
        f" · {_count(len(notes), 'note', 'notes')}"
        f" · {_count(len(promises), 'promise', 'promises')}",
        "",
    ]
    for person in sorted(people, key=lambda p: (p.archived, p.name.casefold(), p.id)):
        title = f"## {inline(person.name)}" + (" (archived)" if person.archived else "")
        lines += [title, ""]
        facts = _person_facts(person, by_id)
        if facts:
            lines += [*facts, ""]
        if person.about.strip():
            lines += [block(demote_headings(person.about.strip(), 3)), ""]
        mine = sorted(promises_for.get(person.id, []), key=lambda p: (not p.is_open, p.due))
        if mine:
            lines += ["### Promises", "", *(_promise_line(p) for p in mine), ""]
        person_notes = sorted(notes_for.get(person.id, []), key=lambda n: n.at, reverse=True)
        if person_notes:
            lines += ["### Notes", ""]
            for note in person_notes:
                lines += _note_block(note, person.id, by_id)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
