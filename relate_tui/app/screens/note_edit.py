"""The note form on a note already written: fix a typo, the kind, the time, the gave/asked
flags, or move it to other people ("With").

Saving replaces the note only if it is still as it was when the form opened. If it was
changed or deleted elsewhere meanwhile (``relate note edit`` in another pane, a sync),
nothing is written, the form stays open with what was typed and says so; a second ctrl+s
saves this version over the other one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, ClassVar

from textual.widgets import Input

from relate_tui.app.screens.note_form import NoteDraft, NoteForm
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.domain.notes import Note
from relate_tui.journal import Journal
from relate_tui.storage.changes import ChangedMeanwhile
from relate_tui.storage.records import note_to_record


@dataclass(frozen=True)
class _Outcome:
    """What the writer thread found: the saved note, or the record that is there now."""

    saved: Note | None
    current: dict[str, Any] | None = None


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
        self.base: dict[str, Any] | None = view.data.raw_record("notes", note.id)
        """The stored record this edit started from (None: it is gone from the file)."""
        if self.base is None:
            self.base = note_to_record(note)

    def _parse_when(self) -> datetime:
        # Untouched, the time stays exactly as stored (seconds, and the offset it was
        # written in), not as the minute shown.
        if self.query_one("#note-when", Input).value == self.initial_when:
            return self.note.at
        return super()._parse_when()

    def action_save(self) -> None:
        if not self.dirty and not self.saving:
            self.dismiss(None)  # nothing changed: nothing to write, nothing to undo
            return
        super().action_save()

    def write(self, draft: NoteDraft) -> Callable[[Journal], Any]:
        edited = replace(
            self.note,
            person_ids=draft.person_ids,
            body=draft.body,
            kind=draft.kind,
            at=draft.at,
            gave=draft.gave,
            asked=draft.asked,
        )
        base = self.base

        def save(journal: Journal) -> _Outcome:
            try:
                return _Outcome(journal.save_note(edited, expected=base))
            except ChangedMeanwhile:
                return _Outcome(None, journal.data().raw_record("notes", edited.id))

        return save

    def saved(self, result: Any) -> None:
        outcome: _Outcome = result
        if outcome.saved is None:
            # Someone else changed it: keep what was typed, and let a second save win.
            self.base = outcome.current
            self.saving = False
            gone = "deleted" if outcome.current is None else "changed"
            self.notify(
                f"This note was {gone} elsewhere since you opened it; nothing was saved. "
                "ctrl+s again saves your version over it, escape leaves it as it is now.",
                title="Not saved",
                severity="warning",
                timeout=12,
            )
            return
        note = outcome.saved
        moved = set(note.person_ids) != set(self.note.person_ids)
        if moved:
            names = ", ".join(
                self.view.data.by_id[p].name for p in note.person_ids if p in self.view.data.by_id
            )
            self.app.notify(f"Moved the note to {names}. Press u to undo.")
        else:
            self.app.notify("Saved your changes to the note. Press u to undo.")
        self.dismiss(note.id)
