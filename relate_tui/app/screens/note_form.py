"""The note form, the heart of relate: one key opens it, ctrl+s saves it.

Opens with the person, kind "call" and "now" filled in and the body focused. Several
people can share a note ("Ana, Bruno"); each name is matched fuzzily and the people it
resolves to are shown under the field, as is the resolved date for "when" and the
resolved promise. The first person's last three notes are shown while writing. Nothing
typed is lost: a failed save keeps the form open with its text, and escape asks before
discarding anything typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from relate_tui.app.screens.form import FormScreen
from relate_tui.app.screens.promise import describe_promise
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.app.widgets.flag_box import FlagBox
from relate_tui.app.widgets.footer import KeysFooter
from relate_tui.domain.dates import describe_day, parse_when
from relate_tui.domain.errors import InputError
from relate_tui.domain.matching import complete_name, find_people
from relate_tui.domain.notes import KINDS
from relate_tui.domain.people import Person
from relate_tui.domain.promises import split_promise
from relate_tui.journal import Journal
from relate_tui.report.text import one_line, visible

RECENT_NOTES = 3


class PeopleSuggester(Suggester):
    """Completes the name being typed after the last comma (ghost text; → accepts)."""

    def __init__(self, people: Sequence[Person]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._people = people

    async def get_suggestion(self, value: str) -> str | None:
        # The whole name in the person's own spelling ("jurg" → "Jürgen Müller").
        before, comma, last = value.rpartition(",")
        token = last.lstrip()
        completion = complete_name(self._people, token)
        if completion is None:
            return None
        return before + comma + last[: len(last) - len(token)] + completion


def resolve_people(text: str, people: Sequence[Person]) -> tuple[list[Person], list[str]]:
    """The people a comma-separated list of names means, and a problem per bad name."""
    found: list[Person] = []
    problems: list[str] = []
    for part in text.split(","):
        name = part.strip()
        if not name:
            continue
        matches = find_people(people, name)
        if len(matches) == 1:
            if matches[0] not in found:
                found.append(matches[0])
        elif not matches:
            problems.append(f"nobody called “{one_line(name, 30)}” (a adds people)")
        else:
            options = ", ".join(one_line(p.name, 30) for p in matches[:4])
            problems.append(f"“{one_line(name, 30)}” could be {options}")
    return found, problems


@dataclass(frozen=True)
class NoteDraft:
    """What the form will save: the arguments of ``Journal.log_note``."""

    person_ids: tuple[str, ...]
    body: str
    kind: str
    at: datetime
    gave: bool
    asked: bool
    promise: str | None
    promise_due: date | None


class NoteForm(FormScreen):
    """Write a note; dismisses with the new note's id once it is on disk.

    ``NoteEditForm`` (note_edit.py) is this form on an existing note.
    """

    CSS_PATH = "note_form.tcss"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    DISCARD_QUESTION = "Discard this note? What you typed is lost."
    TITLE_TEXT: ClassVar[str] = "New note"
    WITH_PROMISE: ClassVar[bool] = True
    """The promise line ("send deck by fri") is offered: only when writing a new note."""

    def __init__(
        self,
        session: Session,
        view: JournalView,
        *,
        person_ids: Sequence[str] = (),
        kind: str = "call",
        now: datetime | None = None,
    ) -> None:
        super().__init__(session, view)
        self.people = view.data.active_people
        self.initial_ids = tuple(p for p in person_ids if p in view.data.by_id)
        self.initial_people = ", ".join(view.data.by_id[p].name for p in self.initial_ids)
        self.kind = kind if kind in KINDS else "call"
        self.now = now
        self.initial_when = "now"
        self.initial_body = ""
        self.initial_gave = self.initial_asked = False
        self.focus_people = not self.initial_ids
        """Where the cursor starts: the body, or "With" when nobody is filled in."""
        self.exclude_note: str | None = None
        """A note not to show among the last notes (the one being edited)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(Text(self.TITLE_TEXT, style="bold"), id="note-title")
            with Horizontal(id="note-columns"):
                with Vertical(id="note-fields"):
                    with Horizontal(classes="row"):
                        yield Label("With", classes="field-label")
                        yield Input(
                            self.initial_people,
                            placeholder="who: names, comma-separated",
                            suggester=PeopleSuggester(self.people),
                            compact=True,
                            id="note-people",
                        )
                    yield Static("", id="note-people-resolved", classes="resolved")
                    with Horizontal(classes="row"):
                        yield Label("Kind", classes="field-label")
                        yield Select(
                            [(k, k) for k in KINDS],
                            value=self.kind,
                            allow_blank=False,
                            compact=True,
                            id="note-kind",
                        )
                        yield Label("When", classes="field-label short")
                        yield Input(self.initial_when, compact=True, id="note-when")
                    yield Static("", id="note-when-resolved", classes="resolved")
                    yield TextArea(
                        self.initial_body,
                        soft_wrap=True,
                        show_line_numbers=False,
                        placeholder="What was said? (Markdown)",
                        id="note-body",
                    )
                    with Horizontal(classes="row"):
                        yield FlagBox("gave", self.initial_gave, compact=True, id="note-gave")
                        yield FlagBox("asked", self.initial_asked, compact=True, id="note-asked")
                    if self.WITH_PROMISE:
                        with Horizontal(classes="row"):
                            yield Label("Promise", classes="field-label")
                            yield Input(
                                placeholder="optional, e.g. send deck by fri",
                                compact=True,
                                id="note-promise",
                            )
                        yield Static("", id="note-promise-resolved", classes="resolved")
                with VerticalScroll(id="note-recent"):
                    yield Static("", id="note-recent-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#note-recent").border_title = "Last notes"
        if self.app.is_headless:  # tests and screenshots: a steady cursor
            for widget in self.query("Input, TextArea"):
                widget.cursor_blink = False  # type: ignore[attr-defined]
        self._people_changed()
        self._when_changed()
        if self.focus_people:
            self.query_one("#note-people", Input).focus()
        else:
            self.query_one("#note-body", TextArea).focus()

    # -- live feedback ----------------------------------------------------------------

    def _clock_now(self) -> datetime:
        return self.now or self.session.clock.now()

    def _resolved(self) -> tuple[list[Person], list[str]]:
        text = self.query_one("#note-people", Input).value
        if text == self.initial_people and self.initial_ids:
            by_id = self.view.data.by_id
            return [by_id[p] for p in self.initial_ids], []
        return resolve_people(text, self.people)

    def _say(self, widget_id: str, message: str, error: bool = False) -> None:
        label = self.query_one(widget_id, Static)
        label.update(Text(message))
        label.set_class(error, "-error")

    @on(Input.Changed, "#note-people")
    def _people_changed(self) -> None:
        found, problems = self._resolved()
        if problems:
            self._say("#note-people-resolved", "✗ " + "; ".join(problems), error=True)
        elif found:
            self._say(
                "#note-people-resolved", "→ " + ", ".join(one_line(p.name, 40) for p in found)
            )
        else:
            # An empty field is where every new note starts: a hint, not yet a mistake
            # (a save refused for it marks it, see ``action_save``).
            self._say("#note-people-resolved", "who was it with? type a name")
        self._show_recent(found[0] if found else None)

    def _show_recent(self, person: Person | None) -> None:
        text = Text()
        if person is None:
            text.append("Type a name to see the last notes.", style="italic")
        else:
            notes = [n for n in self.view.data.notes_for(person.id) if n.id != self.exclude_note]
            notes = notes[:RECENT_NOTES]
            if not notes:
                text.append(f"No notes about {one_line(person.name, 40)} yet.", style="italic")
            for note in notes:
                when = describe_day(note.at.date(), self.view.today)
                text.append(f"{when} · {note.kind}\n", style="bold")
                lines = visible(note.body.strip()).splitlines()[:6]
                text.append("\n".join(line[:500] for line in lines) + "\n\n")
        self.query_one("#note-recent-text", Static).update(text)

    def _parse_when(self) -> datetime:
        return parse_when(
            self.query_one("#note-when", Input).value or "now",
            self._clock_now(),
            self.view.settings.week_start,
        )

    @on(Input.Changed, "#note-when")
    def _when_changed(self) -> None:
        try:
            at = self._parse_when()
        except InputError as exc:
            self._say("#note-when-resolved", f"✗ {exc}", error=True)
            return
        self._say("#note-when-resolved", f"→ {describe_day(at.date(), self.view.today)} {at:%H:%M}")

    @on(Input.Changed, "#note-promise")
    def _promise_changed(self, event: Input.Changed) -> None:
        if not event.value.strip():
            self._say("#note-promise-resolved", "")
            return
        try:
            message = describe_promise(
                event.value, self._clock_now(), self.view.settings.week_start
            )
        except InputError as exc:
            self._say("#note-promise-resolved", f"✗ {exc}", error=True)
            return
        self._say("#note-promise-resolved", message)

    # -- saving -----------------------------------------------------------------------

    @property
    def body(self) -> str:
        return self.query_one("#note-body", TextArea).text

    @property
    def promise_text(self) -> str:
        """The promise line as typed ("" when the form has none)."""
        if not self.WITH_PROMISE:
            return ""
        return self.query_one("#note-promise", Input).value

    def draft(self) -> NoteDraft:
        """The note as typed; raises ``InputError`` with the first problem found."""
        found, problems = self._resolved()
        if problems:
            raise InputError(problems[0])
        if not found:
            raise InputError("a note needs at least one person: type a name in “With”")
        at = self._parse_when()
        promise_text = self.promise_text
        promise = due = None
        if promise_text.strip():
            promise, due = split_promise(
                promise_text, self._clock_now(), self.view.settings.week_start
            )
        kind = self.query_one("#note-kind", Select).value
        return NoteDraft(
            person_ids=tuple(p.id for p in found),
            body=self.body,
            kind=str(kind),
            at=at,
            gave=self.query_one("#note-gave", Checkbox).value,
            asked=self.query_one("#note-asked", Checkbox).value,
            promise=promise,
            promise_due=due,
        )

    def save(self) -> None:
        if self.saving:
            return
        try:
            draft = self.draft()
        except InputError as exc:
            self.notify(str(exc), title="Not saved yet", severity="warning")
            if self._resolved() == ([], []):  # nobody typed: the hint becomes the mistake
                self._say("#note-people-resolved", "who was it with? type a name", error=True)
            return
        self.saving = True

        def failed(_error: Exception) -> None:
            self.saving = False  # the text stays; the user can try again

        self.session.change(self.write(draft), self.saved, failed)

    def write(self, draft: NoteDraft) -> Callable[[Journal], Any]:
        """The journal change that saves ``draft`` (run on the writer thread)."""

        def log(journal: Journal) -> Any:
            return journal.log_note(
                draft.person_ids,
                draft.body,
                kind=draft.kind,
                at=draft.at,
                gave=draft.gave,
                asked=draft.asked,
                promise=draft.promise,
                promise_due=draft.promise_due,
            )

        return log

    def saved(self, result: Any) -> None:
        """The change is on disk: say what was saved and close."""
        note, promise = result
        extra = f" + promise “{promise.text}”" if promise else ""
        self.app.notify(f"Saved: {note.kind} note{extra}")
        self.finish(note.id)

    @property
    def dirty(self) -> bool:
        """True when something was typed that escape would throw away."""
        return bool(
            self.body.strip() != self.initial_body.strip()
            or self.promise_text.strip()
            or self.query_one("#note-people", Input).value != self.initial_people
            or self.query_one("#note-when", Input).value not in (self.initial_when, "")
            or self.query_one("#note-kind", Select).value != self.kind
            or self.query_one("#note-gave", Checkbox).value != self.initial_gave
            or self.query_one("#note-asked", Checkbox).value != self.initial_asked
        )
