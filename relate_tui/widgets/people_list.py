"""The People pane: a filter box over a list of people (name, tags, last touch)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from relate_tui.domain.dates import ago
from relate_tui.domain.matching import filter_people
from relate_tui.domain.people import Person
from relate_tui.domain.queue import TouchInfo
from relate_tui.widgets.text import one_line

MAX_ROWS = 400
"""Rows rendered at once; more matches show a "type to narrow" row. Keeps a keystroke cheap
with 10,000 people (an OptionList lays out every option it holds)."""


class PeopleList(Vertical):
    """A filterable list of people; posts ``Highlighted`` and ``Selected`` with an id."""

    DEFAULT_CSS = """
    PeopleList { height: 1fr; }
    PeopleList > Input { margin: 0 0 1 0; }
    PeopleList > OptionList, PeopleList > OptionList:focus {
        height: 1fr; border: none; padding: 0;
    }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a person."""

        person_id: str

    @dataclass
    class Selected(Message):
        """A person was chosen with enter."""

        person_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._people: Sequence[Person] = ()
        self._touches: Mapping[str, TouchInfo] = {}
        self._today: date | None = None
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="/ filter: name, #tag", compact=True, id="people-filter")
        yield OptionList(id="people-options")

    @property
    def filter_input(self) -> Input:
        return self.query_one("#people-filter", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one("#people-options", OptionList)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the person under the cursor, if any."""
        index = self.options.highlighted
        if index is None or index >= len(self._shown):
            return None
        return self._shown[index]

    @property
    def shown_ids(self) -> list[str]:
        """The ids currently listed, in order."""
        return list(self._shown)

    def set_people(
        self, people: Sequence[Person], touches: Mapping[str, TouchInfo], today: date
    ) -> None:
        """New data: re-filter and keep the cursor on the same person when possible."""
        self._people, self._touches, self._today = people, touches, today
        self._refilter()

    def _row(self, person: Person) -> Text:
        row = Text(one_line(person.name, 120), style="bold", no_wrap=False)
        info = self._touches.get(person.id)
        touch = info.last_touch if info else None
        detail = []
        if person.tags:
            detail.append(" ".join("#" + one_line(tag, 30) for tag in person.tags[:4]))
        if touch is not None and self._today is not None:
            detail.append(ago(touch.at.date(), self._today))
        else:
            detail.append("no touch yet")
        row.append("\n  " + " · ".join(detail), style="dim")
        return row

    def _refilter(self, keep: str | None = None) -> None:
        keep = keep or self.highlighted_id
        matches = filter_people(self._people, self.filter_input.value)
        shown = matches[:MAX_ROWS]
        options: list[Option] = [Option(self._row(p), id=p.id) for p in shown]
        if len(matches) > MAX_ROWS:
            more = f"… {len(matches) - MAX_ROWS:,} more: type to narrow"
            options.append(Option(Text(more, style="italic"), disabled=True))
        elif not matches and self._people:
            options.append(Option(Text("nobody matches", style="italic"), disabled=True))
        self._shown = [p.id for p in shown]
        listing = self.options
        listing.set_options(options)
        if self._shown:
            index = self._shown.index(keep) if keep in self._shown else 0
            listing.highlighted = index
        self.border_title = f"People ({len(matches):,})"

    def select_person(self, person_id: str) -> bool:
        """Move the cursor to ``person_id`` (clearing the filter if it hides them)."""
        if person_id not in self._shown and self.filter_input.value:
            self.filter_input.value = ""
            self._refilter(keep=person_id)
        if person_id in self._shown:
            self.options.highlighted = self._shown.index(person_id)
            return True
        return False

    @on(Input.Changed, "#people-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refilter()

    @on(Input.Submitted, "#people-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.options.focus()

    @on(OptionList.OptionHighlighted, "#people-options")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Highlighted(event.option.id))

    @on(OptionList.OptionSelected, "#people-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Selected(event.option.id))
