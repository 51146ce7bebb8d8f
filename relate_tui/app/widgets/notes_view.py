"""A person's notes, newest first, with Markdown bodies."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.widgets import Markdown

from relate_tui.domain.dates import describe_day
from relate_tui.domain.notes import Note
from relate_tui.domain.people import Person
from relate_tui.report.text import visible

MAX_NOTES = 40
"""Notes rendered at once; older ones are counted. Keeps switching people instant."""

_MD_SPECIALS = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]()#+-.!|<>~"})


def _escape(text: str) -> str:
    """Text we put in a heading, with Markdown specials escaped (names, not bodies)."""
    return visible(text).translate(_MD_SPECIALS)


def notes_markdown(
    notes: Sequence[Note], today: date, names: dict[str, Person], person_id: str
) -> str:
    """The notes as one Markdown document: a heading line per note, then its body."""
    if not notes:
        return "*No notes yet. Press **n** to write one.*"
    parts = []
    for note in notes[:MAX_NOTES]:
        when = describe_day(note.at.date(), today)
        head = f"{when} {note.at:%H:%M} · {note.kind}"
        flags = [flag for flag, on in (("gave", note.gave), ("asked", note.asked)) if on]
        if flags:
            head += " · " + ", ".join(flags)
        others = [names[p].name for p in note.person_ids if p != person_id and p in names]
        if others:
            head += " · with " + ", ".join(others)
        body = visible(note.body.strip()) or "*(empty)*"
        parts.append(f"#### {_escape(head)}\n\n{body}")
    if len(notes) > MAX_NOTES:
        parts.append(f"*… and {len(notes) - MAX_NOTES:,} older notes*")
    return "\n\n".join(parts)


class NotesView(Markdown):
    """The Markdown list of notes; the screen calls ``update`` with ``notes_markdown``."""

    DEFAULT_CSS = """
    NotesView { height: auto; padding: 0 1; margin: 0; }
    """

    _shown: str | None = None

    def update(self, markdown: str):  # type: ignore[override]
        """Show ``markdown``; the same text again is not laid out again (a save elsewhere
        refreshes the screen, and Markdown is slow to render)."""
        if markdown == self._shown:
            return self._no_change()
        self._shown = markdown
        return super().update(markdown)

    def _no_change(self):
        from textual.await_complete import AwaitComplete

        async def nothing() -> None:
            return None

        return AwaitComplete(nothing())
