"""The card at the top of the Notes pane: who someone is and where you stand with them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from relate_tui.domain.dates import ago, describe_day
from relate_tui.domain.notes import Note
from relate_tui.domain.outlook import Outlook
from relate_tui.domain.people import Person
from relate_tui.domain.rhythm import describe_rhythm
from relate_tui.report.merge import field_words, value_words
from relate_tui.report.people import next_words
from relate_tui.report.text import one_line, visible

if TYPE_CHECKING:
    from relate_tui.journal.conflicts import ConflictItem


def card_text(
    person: Person,
    *,
    notes: list[Note],
    outlook: Outlook,
    today: date,
    tiers: dict[str, str],
    names: dict[str, Person],
    conflicts: Sequence[ConflictItem] = (),
) -> Text:
    """The card as ``Text``; every piece of user text is appended literally.

    The person's open promises are not on it: the list under the card shows them, each
    one selectable (``NotesList``)."""
    return Text("\n").join(card_parts(person, notes=notes, outlook=outlook,
                                       today=today, tiers=tiers, names=names,
                                       conflicts=conflicts))  # fmt: skip


def card_parts(
    person: Person,
    *,
    notes: list[Note],
    outlook: Outlook,
    today: date,
    tiers: dict[str, str],
    names: dict[str, Person],
    conflicts: Sequence[ConflictItem] = (),
) -> tuple[Text, Text]:
    """The card in two parts: who and where you stand (name, rhythm, next, last touch),
    then the rest; the Notes pane puts the relationship picture between them, beside
    the rhythm.

    "Next" is when the reconnect is due wherever that is, in ``relate show``'s words (the
    queue stops at its horizon: a card built from it had no "Next" for someone due in two
    months)."""
    text = Text()
    text.append(one_line(person.name, 300), style="bold")
    if person.nickname:
        text.append(f" ({one_line(person.nickname, 60)})")
    if person.archived:
        text.append("  [archived]", style="italic")
    work = " · ".join(one_line(x, 80) for x in (person.role, person.org) if x.strip())
    if work:
        text.append("\n" + work, style="dim")
    if conflicts:
        _conflict_lines(text, conflicts, {pid: p.name for pid, p in names.items()})

    def line(label: str, value: str) -> None:
        text.append(f"\n{label}: ", style="bold")
        text.append(value)

    rhythm = describe_rhythm(person.rhythm, tiers)
    line("Rhythm", rhythm or "none (no reminders)")
    if outlook.rhythm is not None or (person.rhythm or "").strip():
        # Without a rhythm the line above says "none (no reminders)": no "Next" to add.
        line("Next", next_words(outlook))
    touches = [n for n in notes if n.is_touch]
    if touches:
        last = touches[0]
        line("Last touch", f"{ago(last.at.date(), today)} ({last.kind})")
    head_end = len(text)  # the relationship picture goes here, beside the rhythm
    if person.channels:
        line("Reach", "  ".join(one_line(c.value, 80) for c in person.channels))
    if person.tags:
        line("Tags", " ".join("#" + one_line(t, 40) for t in person.tags))
    if person.met or person.met_on:
        met = one_line(person.met, 200)
        if person.met_on:
            met = f"{met} ({describe_day(person.met_on, today)})".strip()
        line("Met", met)
    if person.introduced_by:
        who = names.get(person.introduced_by)
        line("Introduced by", one_line(who.name, 80) if who else "(someone since deleted)")
    for important in person.dates:
        shown = f"{important.day} {_MONTHS[important.month - 1]}"
        if important.year:
            shown += f" {important.year}"
        line(one_line(important.label, 40).capitalize(), shown)
    gave = sum(1 for n in notes if n.gave)
    asked = sum(1 for n in notes if n.asked)
    line("Gave / asked", f"{gave} / {asked}")
    if person.about.strip():
        text.append("\n\n")
        text.append(visible(person.about.strip()))
    head, rest = text.divide([head_end])
    return head, rest[1:]  # the rest starts on its own line


def _conflict_lines(text: Text, conflicts: Sequence[ConflictItem], names: dict[str, str]) -> None:
    """What merges kept aside about this person, their notes and promises."""
    noun = "conflict" if len(conflicts) == 1 else "conflicts"
    text.append(f"\n⚠ {len(conflicts)} {noun} (C to resolve):", style="bold")
    for item in conflicts[:5]:
        where = "" if item.table == "people" else f"{one_line(item.record, 40)}: "
        if item.is_deletion:
            text.append(f"\n  {where}deleted there, changed here: kept")
            continue
        now = value_words(item.field, item.current, names)
        other = value_words(item.field, item.other, names)
        text.append(f"\n  {where}{field_words(item.field)}: “{now}” now, “{other}” kept aside")
    if len(conflicts) > 5:
        text.append(f"\n  and {len(conflicts) - 5} more")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class PersonCard(Static):
    """Shows ``card_text`` for the selected person (set with ``update``)."""

    DEFAULT_CSS = """
    PersonCard { height: auto; padding: 0 1 1 1; }
    """
