"""``C``: the conflicts merges kept aside about the current person (their record, notes
and promises), resolved one at a time: keep what the journal shows, or take the other
machine's value. The list follows the journal: each resolution is a change like any
other (``u`` undoes it)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from relate_tui.app import keys
from relate_tui.app.screens.closing import close
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.app.widgets.footer import KeysFooter
from relate_tui.journal.conflicts import ConflictItem, conflicts_about
from relate_tui.report.merge import field_words, origins, value_words
from relate_tui.report.text import one_line


def conflict_option(item: ConflictItem, names: dict[str, str]) -> Text:
    """One conflict as two lines: what and where, then the two values."""
    text = Text()
    where = "" if item.table == "people" else f"{one_line(item.record, 50)}: "
    if item.is_deletion:
        text.append(f"{where}deleted on another machine, changed here", style="bold")
        text.append("\n  k keep it · t delete it, as the other machine did")
        return text
    text.append(f"{where}{field_words(item.field)}", style="bold")
    now_whose, other_whose = origins(item)
    text.append(f"\n  now: “{value_words(item.field, item.current, names)}”, {now_whose}")
    text.append(f"\n  {other_whose} “{value_words(item.field, item.other, names)}”")
    return text


class ConflictsScreen(ModalScreen[None]):
    """The current person's conflicts; ``k`` keeps the journal's value, ``t`` takes the
    other machine's."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("conflicts")
    DEFAULT_CSS = """
    ConflictsScreen { align: center middle; }
    ConflictsScreen > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; padding: 0 1; background: $surface;
    }
    ConflictsScreen OptionList { height: auto; max-height: 18; }
    """

    def __init__(self, session: Session, view: JournalView, person_id: str) -> None:
        super().__init__()
        self.session = session
        self.view = view
        self.person_id = person_id
        self.items: list[ConflictItem] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="conflicts-title")
            yield OptionList(id="conflicts-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.session.subscribe(self, self._show)
        self.query_one(OptionList).focus()

    def _show(self, view: JournalView) -> None:
        self.view = view
        person = view.data.by_id.get(self.person_id)
        if person is None:
            close(self, None)  # the person is gone: once, and only this list
            return
        self.items = conflicts_about(view.data, self.person_id)
        title = Text(f"Conflicts about {one_line(person.name, 40)}", style="bold")
        if not self.items:
            title.append(" — none left.")
        self.query_one("#conflicts-title", Static).update(title)
        names = {p.id: p.name for p in view.data.people}
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        options.add_options([Option(conflict_option(i, names), id=i.ref) for i in self.items])
        if self.items:
            options.highlighted = min(highlighted, len(self.items) - 1)

    def _resolve(self, take_other: bool) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.items:
            return
        item = self.items[options.highlighted]
        self.session.change(
            lambda journal: journal.resolve_conflict(item, take_other=take_other),
            lambda done: self.notify(f"Resolved: {one_line(done, 80)}. u undoes it."),
        )

    def action_keep(self) -> None:
        """Keep what the journal shows."""
        self._resolve(take_other=False)

    def action_take(self) -> None:
        """Take the other machine's value (for a deletion: delete it here too)."""
        self._resolve(take_other=True)
