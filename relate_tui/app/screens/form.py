"""``FormScreen``: what the note and person forms share — ctrl+s saves, escape cancels and
asks before throwing typed text away."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from relate_tui.app import keys
from relate_tui.app.screens.closing import ClosesWhenSaved, close
from relate_tui.app.screens.confirm import ConfirmScreen
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView


class FormScreen(ClosesWhenSaved, ModalScreen[str | None]):
    """A form on one journal view; dismisses with the saved record's id, or None.

    Subclasses say what saving does (``save``) and when there is something to lose
    (``dirty``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *keys.bindings("form"),
        # Tab moves on as it arrives. As an ordinary binding it runs only once the key has
        # been offered to the field and come back, and letters typed right behind it ("ana",
        # tab, "coffee" in one burst: a fast typist, a paste, tmux send-keys) went to the
        # field being left: the name became "anacoffee".
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]
    DISCARD_QUESTION: ClassVar[str] = "Discard what you typed?"
    """Asked when escape would throw typed text away."""

    def __init__(self, session: Session, view: JournalView) -> None:
        super().__init__()
        self.session = session
        self.view = view
        self.saving = False
        """A save is on its way to the disk: ctrl+s waits for it."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving and cancelling wait for the form's fields: a key can reach the form
        between its push and its first layout (ctrl+s is a priority key; key repeat, a
        fast typist), and until then there is nothing typed to save or to lose."""
        return self.is_mounted or action not in ("save", "cancel")

    @property
    def dirty(self) -> bool:
        """True when something was typed that escape would throw away."""
        raise NotImplementedError

    async def action_save(self) -> None:
        """ctrl+s: save what the form shows, once every key typed before it is in place.

        ctrl+s is a priority key: it runs as it arrives, while the letters ahead of it in the
        same burst ("bru", tab, "burst test", ctrl+s from a fast typist, a paste, tmux
        send-keys) may still be queued at their fields. Saving then wrote the fields as they
        were before those letters: a note refused for want of a person the form showed, or
        saved without its words.
        """
        await self.keys_delivered()
        if self.is_attached and self.app.screen is self:
            self.save()

    async def keys_delivered(self, timeout: float = 1.0) -> None:
        """Wait until every field has handled the keys already sent to it."""
        loop = asyncio.get_running_loop()
        waits: list[asyncio.Future[None]] = []
        for field in self.query("*"):
            if not (field.can_focus and field.is_mounted):
                continue
            done: asyncio.Future[None] = loop.create_future()
            # A callback joins the back of the field's queue: it runs after those keys.
            if field.call_later(done.set_result, None):
                waits.append(done)
        if waits:
            await asyncio.wait(waits, timeout=timeout)

    def save(self) -> None:
        """Save what the fields hold (ctrl+s, after ``keys_delivered``)."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        """Close the form; ask first when that would lose what was typed.

        Not while a save is on its way: the form closes by itself once it is on disk (a
        question opened meanwhile would be what that closing took away).
        """
        if self.saving:
            return
        if not self.dirty:
            close(self)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                close(self)

        self.app.push_screen(ConfirmScreen(self.DISCARD_QUESTION, "Discard"), answer)
