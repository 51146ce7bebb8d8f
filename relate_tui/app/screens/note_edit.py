"""The note form on a note already written: fix a typo, the kind, the time, the gave/asked
flags, or move it to other people ("With").

Saving writes only the fields that were changed in the form (``Journal.edit_note``), so a
change made elsewhere meanwhile to another field (``relate note edit`` in another pane, a
sync) is kept. If one of the fields changed here was changed elsewhere too, or the note
was deleted, nothing is written: the form stays open with what was typed and says so, and
a second ctrl+s saves this version (as a new note, if it was deleted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from textual.widgets import Input

from relate_tui.app.screens.note_form import NoteDraft, NoteForm
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.domain.errors import InputError
from relate_tui.domain.notes import Note
from relate_tui.journal import Journal


@dataclass(frozen=True)
class _Outcome:
    """What the writer thread found: the saved note, or why nothing was written."""

    saved: Note | None
    clash: tuple[str, ...] = ()
    """Fields changed here and elsewhere since the form opened."""
    current: Note | None = None
    """The note as it is now (None: deleted elsewhere)."""


_FIELD_WORDS = {
    "body": "the text",
    "kind": "the kind",
    "at": "the time",
    "person_ids": "the people",
    "gave": "gave",
    "asked": "asked",
}


class NoteEditForm(NoteForm):
    """Edit ``note``; dismisses with its id once the change is on disk.

    Args:
        focus_people: start in "With" (moving the note) rather than in the body.
    """

    TITLE_TEXT: ClassVar[str] = "Edit note"
    WITH_PROMISE: ClassVar[bool] = False
    DISCARD_QUESTION = "Discard your changes to this note?"

    def __init__(
        self, session: Session, view: JournalView, note: Note, *, focus_people: bool = False
    ) -> None:
        super().__init__(session, view, person_ids=note.person_ids, kind=note.kind)
        self.note = note
        # Archived people can be on a note, and stay on it when it is edited.
        self.people = view.data.people
        self.initial_when = f"{note.at:%Y-%m-%d %H:%M}"
        self.initial_body = note.body
        self.initial_gave, self.initial_asked = note.gave, note.asked
        self.focus_people = focus_people
        self.exclude_note = note.id
        self.base: Note | None = note
        """The note as this edit last saw it (None: deleted elsewhere): what a change made
        elsewhere is found against."""

    def _parse_when(self) -> datetime:
        # Untouched, the time stays exactly as stored (seconds, and the offset it was
        # written in), not as the minute shown.
        if self.query_one("#note-when", Input).value == self.initial_when:
            return self.note.at
        return super()._parse_when()

    def save(self) -> None:
        if not self.dirty and not self.saving:
            self.finish(None)  # nothing changed: nothing to write, nothing to undo
            return
        super().save()

    def _changes(self, draft: NoteDraft) -> dict[str, Any]:
        """The fields the form changed, as ``edit_note`` takes them."""
        typed = {
            "body": draft.body.strip("\n"),
            "kind": draft.kind,
            "at": draft.at,
            "person_ids": tuple(draft.person_ids),
            "gave": draft.gave,
            "asked": draft.asked,
        }
        note = self.note
        as_opened = {**{k: getattr(note, k) for k in typed}, "body": note.body.strip("\n")}
        return {k: v for k, v in typed.items() if v != as_opened[k]}

    def write(self, draft: NoteDraft) -> Callable[[Journal], Any]:
        changes = self._changes(draft)
        note_id, base = self.note.id, self.base

        def save(journal: Journal) -> _Outcome:
            try:
                current = journal.note(note_id)
            except InputError:
                current = None
            if current is None:
                if base is not None:
                    return _Outcome(None, current=None)  # deleted elsewhere: ask first
                saved, _ = journal.log_note(  # asked again: save it as a new note
                    draft.person_ids,
                    draft.body,
                    kind=draft.kind,
                    at=draft.at,
                    gave=draft.gave,
                    asked=draft.asked,
                )
                return _Outcome(saved)
            clash = tuple(
                k for k in changes if base is not None and getattr(current, k) != getattr(base, k)
            )
            if clash:
                return _Outcome(None, clash, current)
            return _Outcome(journal.edit_note(note_id, **changes))

        return save

    def saved(self, result: Any) -> None:
        outcome: _Outcome = result
        if outcome.saved is None:
            # Changed or deleted elsewhere: keep what was typed; a second save wins.
            self.base = outcome.current
            self.saving = False
            if outcome.current is None:
                what = "This note was deleted elsewhere since you opened it"
                then = "ctrl+s again saves it as a new note"
            else:
                fields = ", ".join(_FIELD_WORDS[k] for k in outcome.clash)
                what = f"This note's {fields} changed elsewhere since you opened it"
                then = "ctrl+s again saves your version over it"
            self.notify(
                f"{what}; nothing was saved. {then}, escape leaves it as it is.",
                title="Not saved",
                severity="warning",
                timeout=12,
            )
            return
        note = outcome.saved
        if set(note.person_ids) != set(self.note.person_ids):
            by_id = self.view.data.by_id
            names = ", ".join(by_id[p].name for p in note.person_ids if p in by_id)
            self.app.notify(f"Moved the note to {names}. Press u to undo.")
        else:
            self.app.notify("Saved your changes to the note. Press u to undo.")
        self.finish(note.id)
