"""The Notes pane's rows as data: an open promise, a note (its Markdown body laid out for
the pane's width), the headings between them.

A note row is laid out here, once per width, so the list can give every row its exact
height and let the cursor select one note at a time. User text is made visible first
(``report.text.visible``) and then rendered as Markdown (the body is Markdown by design);
it is never parsed as Rich markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from rich.console import Console
from rich.text import Text

from relate_tui.app.rows import Row
from relate_tui.domain.dates import describe_day
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.domain.promises import Promise
from relate_tui.report.text import one_line, visible

NOTE_KEY = "note:"
PROMISE_KEY = "promise:"
MORE_KEY = "more:"

_MARKDOWN_SYNTAX = re.compile(r"[*_`#>\[\]|~<]|^\s*([-+]\s|\d+[.)]\s)|\n\s*\n", re.MULTILINE)
"""Anything Markdown would render differently from plain text; most notes have none."""


def note_key(note_id: str) -> str:
    return NOTE_KEY + note_id


def promise_key(promise_id: str) -> str:
    return PROMISE_KEY + promise_id


def heading(text: str, *, first: bool = False) -> Row:
    """A section title the cursor skips; a blank line above all but the first."""
    title = Text(text, style="bold underline")
    return Row(None, title if first else Text.assemble("\n", title))


def note_head(note: Note, today: date, names: Mapping[str, Person], person_id: str) -> str:
    """ "yesterday 17:00 · call · gave · with Bruno Costa" """
    head = f"{describe_day(note.at.date(), today)} {note.at:%H:%M} · {note.kind}"
    flags = [flag for flag, on in (("gave", note.gave), ("asked", note.asked)) if on]
    if flags:
        head += " · " + ", ".join(flags)
    others = [names[p].name for p in note.person_ids if p != person_id and p in names]
    if others:
        head += " · with " + ", ".join(one_line(name, 40) for name in others)
    return head


def body_lines(body: str, width: int, console: Console) -> list[Text]:
    """The body laid out for ``width`` columns: rendered as Markdown when it has any."""
    body = visible(body.strip())
    if not body:
        return [Text("(empty)", style="italic")]
    if not _MARKDOWN_SYNTAX.search(body):
        # Plain text (most notes): wrapping is all there is to do, and far cheaper.
        lines = list(Text(body).wrap(console, width))
    else:
        # Imported here: Rich's Markdown (markdown-it, Pygments) is a tenth of the app's
        # start, and most notes are plain text.
        from rich.markdown import Markdown

        options = console.options.update(width=width, height=None)
        rendered = console.render_lines(Markdown(body), options, pad=False)
        lines = [
            Text.assemble(*((s.text, s.style) for s in line if not s.control)) for line in rendered
        ]
    for line in lines:
        line.rstrip()
    while lines and not lines[-1].plain:
        lines.pop()
    return lines


def note_row(
    note: Note,
    *,
    today: date,
    names: Mapping[str, Person],
    person_id: str,
    width: int,
    console: Console,
    search: str = "",
) -> Row:
    """One note: its heading line, then its body; the words of ``search`` marked."""
    head = Text(one_line(note_head(note, today, names, person_id)), style="bold")
    lines = [*head.wrap(console, width), *body_lines(note.body, width, console)]
    text = Text("\n").join(lines)
    for word in search.split():  # each word searched for, as typed (case aside)
        text.highlight_regex(re.compile(re.escape(word), re.IGNORECASE), "underline reverse")
    return Row(note_key(note.id), text, len(lines))


def promise_row(promise: Promise, today: date, width: int, console: Console) -> Row:
    """ "• send the deck — due Fri 4 Dec (late)" """
    text = Text("• ")
    text.append(one_line(promise.text, 300))
    late = " (late)" if promise.due < today else ""
    text.append(
        f" — due {describe_day(promise.due, today)}{late}", style="italic" if late else "dim"
    )
    lines = text.wrap(console, width)
    return Row(promise_key(promise.id), Text("\n").join(lines), len(lines))


def plain_row(text: str, width: int, console: Console, *, key: str | None = None) -> Row:
    """A line of our own words (never user text), wrapped."""
    lines = Text(text, style="italic").wrap(console, width)
    return Row(key, Text("\n").join(lines), len(lines))
