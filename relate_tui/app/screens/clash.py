"""Asked when a save finds that the same field changed on disk since it was read: keep
mine, keep theirs, or see both first. Fields that changed on one side only were merged
already; nothing is written until the user answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from relate_tui.app import keys
from relate_tui.app.screens.closing import close
from relate_tui.journal.checked import RecordClash
from relate_tui.report.merge import field_words, value_words
from relate_tui.report.text import one_line, visible


def clash_text(clash: RecordClash, people: Mapping[str, str], *, full: bool) -> Text:
    """What changed on both sides; ``full`` shows each value whole, one under the other."""
    what = one_line(_record_name(clash, people), 60)
    text = Text()
    text.append(what, style="bold")
    text.append(
        " changed while you were editing it (another pane, an import, another machine). "
        "What changed in other fields was kept. These fields changed on both sides:"
    )
    for item in clash.clashes:
        label = field_words(item.field)
        if not full:
            text.append(f"\n  {label}: ", style="bold")
            text.append(f"yours “{value_words(item.field, item.ours, people)}”")
            text.append(f" · now “{value_words(item.field, item.theirs, people)}”")
            continue
        text.append(f"\n\n{label}, yours:\n", style="bold")
        text.append(visible(_whole(item.field, item.ours, people)))
        text.append(f"\n{label}, on disk now:\n", style="bold")
        text.append(visible(_whole(item.field, item.theirs, people)))
    return text


def _whole(field: str, value: object, people: Mapping[str, str]) -> str:
    if isinstance(value, str):
        return value or "(empty)"
    return value_words(field, value, people)


def _record_name(clash: RecordClash, people: Mapping[str, str]) -> str:
    if clash.table == "people":
        return str(clash.current.get("name", "This person"))
    if clash.table == "notes":
        ids = clash.current.get("person_ids") or []
        return "The note about " + ", ".join(people.get(p, "someone") for p in ids)
    return f"The promise “{clash.current.get('text', '')}”"


class ClashScreen(ModalScreen[bool | None]):
    """Keep mine (True), keep theirs (False), or cancel (None: nothing is written)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("clash")
    DEFAULT_CSS = """
    ClashScreen { align: center middle; }
    ClashScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; padding: 1 2; background: $surface;
    }
    ClashScreen VerticalScroll { height: auto; max-height: 20; }
    ClashScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ClashScreen Button { margin-left: 1; min-width: 10; }
    """

    def __init__(self, clash: RecordClash, people: Mapping[str, str]) -> None:
        super().__init__()
        self.clash = clash
        self.people = people
        self.full = False

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static(clash_text(self.clash, self.people, full=False), id="clash-text")
            with Horizontal():
                yield Button("Keep mine (m)", variant="primary", id="mine")
                yield Button("Keep theirs (t)", id="theirs")
                yield Button("See both (b)", id="both")

    def on_mount(self) -> None:
        self.query_one("#mine").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "both":
            self.action_see_both()
        else:
            close(self, event.button.id == "mine")

    def action_answer(self, mine: bool) -> None:
        close(self, mine)

    def action_see_both(self) -> None:
        """Show each clashing value whole, yours above what is on disk."""
        self.full = not self.full
        self.query_one("#clash-text", Static).update(
            clash_text(self.clash, self.people, full=self.full)
        )

    def action_cancel(self) -> None:
        close(self, None)
