"""The walk's card: one due item with what you need to write to the person, and the
summary at the end of the walk.

``WalkCard`` shows what it is given (an item and its context, or the outcomes) and never
reads the journal. User text is appended literally, never parsed as markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.widgets import Static

from relate_tui.app.widgets.note_rows import body_lines
from relate_tui.domain.dates import ago, describe_day
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.queue import GROUP_TITLES, QueueItem, explain
from relate_tui.report.phrases import due_phrase, plural
from relate_tui.report.text import one_line, visible

RECENT_NOTES = 3
"""Notes shown on the card, like the note form: enough to refer to what was said."""

ACTIONS = (
    "logged", "noted", "kept", "dropped", "snoozed", "moved", "tried", "skipped", "undone"
)  # fmt: skip
"""What can happen to an item in a walk, in the order the summary counts them ("undone":
done, then undone since)."""

_COUNT_WORDS = {
    "logged": ("touch logged", "touches logged"),
    "noted": ("jot written", "jots written"),
    "kept": ("promise kept", "promises kept"),
    "dropped": ("promise dropped", "promises dropped"),
    "snoozed": ("snoozed", "snoozed"),
    "moved": ("promise moved", "promises moved"),
    "tried": ("tried, no answer", "tried, no answer"),
    "skipped": ("skipped", "skipped"),
    "undone": ("undone", "undone"),
}


@dataclass(frozen=True)
class WalkOutcome:
    """What was done with one item of the walk."""

    item: QueueItem
    action: str
    """One of ``ACTIONS``."""
    detail: str = ""
    """Words for the summary: "call", "until Wed 9 Dec"."""


NOTE_LINES = 3
"""A note's first lines on the card (blank ones aside): the gist, not the whole note."""


class NoteBody:
    """A note's first lines as the Notes pane shows them (Markdown rendered, its markers
    gone), indented, a wrapped line keeping the indent."""

    INDENT = 4

    def __init__(self, body: str) -> None:
        kept: list[str] = []
        for line in body.strip().splitlines():
            if sum(1 for k in kept if k.strip()) == NOTE_LINES:
                break
            kept.append(line[:300])
        self.body = "\n".join(kept)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - self.INDENT, 10)
        for line in body_lines(self.body, width, console):
            if line.plain.strip():
                line.stylize("italic")
                yield Text.assemble(" " * self.INDENT, line)

    def __str__(self) -> str:
        lines = [line for line in visible(self.body).splitlines() if line.strip()]
        return "\n".join(" " * self.INDENT + line for line in lines)


class CardText:
    """The walk card: text blocks, and between them note bodies laid out for the width
    the card has. ``str()`` gives its plain text."""

    def __init__(self, blocks: Sequence[Text | NoteBody]) -> None:
        self.blocks = [block for block in blocks if str(block)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.blocks

    def __str__(self) -> str:
        return "\n".join(str(block) for block in self.blocks)


def card_text(
    item: QueueItem,
    *,
    position: int,
    total: int,
    person: Person | None,
    notes: Sequence[Note] = (),
    today: date,
    week_start: int,
    show_why: bool,
) -> CardText:
    """One item as the walk shows it: who, what is due, the context to make the message
    personal (the last few notes, newest first; open promises; about), and on request why
    it is where it is."""
    text = Text()
    text.append(f"{GROUP_TITLES[item.group]} · {position} of {total}\n", style="dim")
    text.append(one_line(item.person_name, 200), style="bold")
    if person is not None:
        work = " · ".join(one_line(x, 60) for x in (person.role, person.org) if x.strip())
        if work:
            text.append(f"  {work}", style="dim")
    text.append(f"\n{due_phrase(item, today)}\n")

    shown = list(notes[:RECENT_NOTES]) or ([item.last_note] if item.last_note else [])
    text.append("\nLast notes" if len(shown) > 1 else "\nLast note", style="bold")
    if not shown:
        text.append(": none yet", style="italic")
    blocks: list[Text | NoteBody] = [text]
    for note in shown:
        day = note.at.date()
        when = describe_day(day, today)
        if abs((today - day).days) > 1:
            when += f" ({ago(day, today)})"
        # A fresh block (after a note's body) starts on a line of its own.
        text.append(("\n" if text.plain else "") + f"  {when} · {note.kind}")
        # A queue item carries only the head of its last note (its first line).
        blocks.append(NoteBody(note.body if isinstance(note, Note) else note.line))
        text = Text()
        blocks.append(text)
    if not shown:
        text.append("\n")

    if item.open_promises:
        text.append("\nOpen promises:", style="bold")
        for promise in item.open_promises:
            late = promise.due < today
            state = f"due {describe_day(promise.due, today)}" + (" (late)" if late else "")
            text.append(f"\n  ○ {one_line(promise.text, 200)} · {state}")

    if person is not None and person.about.strip():
        text.append("\nAbout: ", style="bold")
        text.append(one_line(person.about, 400))

    if show_why:
        text.append("\n\nWhy it is here\n", style="bold")
        text.append(visible(explain(item, today, week_start)))
    return CardText(blocks)


def walk_hint(item: QueueItem) -> str:
    """What the keys do for this kind of item, in words (the footer is short in a split).

    The walk shows it under the card, outside the scroll, so it is never below the fold.
    """
    if item.kind == "promise":
        return "d keep (a touch too, if you say) · x drop · s move due date · space skip"
    if item.kind == "date":
        return "d send a message · s snooze · space skip · y why"
    return "d log a touch · s snooze · t tried, no answer · space skip · y why"


def summary_counts(outcomes: Sequence[WalkOutcome]) -> str:
    """ "2 touches logged · 1 promise kept · 3 skipped" (only what happened)."""
    counts = Counter(outcome.action for outcome in outcomes)
    parts = []
    for action in ACTIONS:
        if counts[action]:
            one, many = _COUNT_WORDS[action]
            parts.append(f"{counts[action]} {one if counts[action] == 1 else many}")
    return " · ".join(parts)


def summary_text(outcomes: Sequence[WalkOutcome], total: int, *, complete: bool) -> Text:
    """The end of the walk: what was done, item by item, said kindly.

    ``complete`` is False when the walk was ended before its last item.
    """
    text = Text()
    if complete:
        text.append(f"Walk done: {plural(total, 'item')} due this week.\n", style="bold")
    else:
        text.append(f"Walk ended after {len(outcomes)} of {plural(total, 'item')}.\n", style="bold")
    if outcomes:
        text.append(summary_counts(outcomes) + "\n")
    passed = total - len(outcomes) if complete else 0
    if passed:
        text.append(f"{plural(passed, 'item')} passed over: already touched or snoozed.\n")
    if all(o.action in ("skipped", "undone") for o in outcomes):
        text.append(
            "\nNothing changed, and that is fine: the review is here when you are ready.\n",
            style="italic",
        )
    text.append("\n")
    for outcome in outcomes:
        text.append(one_line(outcome.item.person_name, 60), style="bold")
        words = outcome.action if not outcome.detail else f"{outcome.action} {outcome.detail}"
        quiet = outcome.action in ("skipped", "undone")
        text.append(f" — {words}\n", style="dim" if quiet else "")
    text.append("\nescape: back to the review", style="dim")
    return text


class WalkCard(Static):
    """Shows one item of the walk, or the summary; the walk screen sets what to show."""

    DEFAULT_CSS = """
    WalkCard { height: auto; padding: 1 2; }
    """
