"""``KeysFooter``: Textual's footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` recomposes on every ``refresh_bindings`` of its screen: a new
``FooterKey`` widget for each of the main screen's keys, mounted, styled and painted
again. The main screen asks for that whenever the person on screen changes, and Textual
does when a form closes over it — though the keys are nearly always the same ones. At
J100k that rebuild was about half of the event loop's work between ctrl+s in the note
form and the new screen (README "Speed"). This footer compares what it would show with
what it shows and keeps its widgets when nothing changed.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A ``Footer`` that recomposes only when a key, its label, its state (enabled or
    not), its tooltip, or the command palette's key comes or goes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[Any, ...] | None = None
        """What the footer's keys were composed from (None: not composed yet)."""

    def keys_shown(self) -> tuple[Any, ...]:
        """Everything ``Footer.compose`` reads, as a value to compare."""
        app = self.app
        keys = tuple(
            (
                key,
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
                binding.tooltip,
            )
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return (self.show_command_palette, app.ENABLE_COMMAND_PALETTE, keys)

    def compose(self) -> ComposeResult:
        self._shown = self.keys_shown() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached or self.keys_shown() == self._shown:
            return
        await self.recompose()
