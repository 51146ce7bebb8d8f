"""``RelateApp``: the Textual app. Small on purpose: bindings, palette, themes, and the
plumbing between screens and the journal's writer thread."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App

from relate_tui.app import keys
from relate_tui.app.commands import ActionsProvider, PeopleProvider
from relate_tui.app.messages import ViewLoaded, WriteFinished, one_line_error
from relate_tui.app.session import JournalWriter
from relate_tui.app.themes import pick_theme, register_themes, remember_theme
from relate_tui.app.view import JournalView
from relate_tui.journal import Journal

DISK_POLL_SECONDS = 1.0
"""How often the file's signature (one ``stat``) is checked for outside changes."""


class RelateApp(App[int]):
    """The relate app on one ``Journal``.

    Args:
        journal: the journal (its settings and clock come with it).
        config_file: where the chosen theme is saved (None: not saved).
        demo: the journal is a throwaway sample; the title says so.
    """

    CSS_PATH = "relate.tcss"
    TITLE = "relate"
    COMMANDS = App.COMMANDS | {ActionsProvider, PeopleProvider}
    BINDINGS = keys.bindings("app")

    def __init__(
        self, journal: Journal, *, config_file: Path | None = None, demo: bool = False
    ) -> None:
        super().__init__()
        self.journal = journal
        self.settings = journal.settings
        self.config_file = config_file
        self.demo = demo
        self.view: JournalView | None = None
        self.writer = JournalWriter(journal, self)
        self._first_read = self.writer.read()  # reads while Textual starts up
        self.ready_at: float | None = None
        """``perf_counter()`` when the first screen became usable (the benchmark reads it)."""
        register_themes(self)
        self.theme = pick_theme(self, self.settings.theme)
        self.set_keymap(self.settings.keymap)
        if demo:
            self.sub_title = "demo journal (a temporary file)"

    def on_mount(self) -> None:
        from relate_tui.app.screens.main import MainScreen

        self.push_screen(MainScreen())
        self.run_worker(self._first_view(), name="first read")
        self.set_interval(DISK_POLL_SECONDS, self._check_disk)
        self._check_keymap()
        self.theme_changed_signal.subscribe(self, lambda theme: remember_theme(self, theme.name))

    def _check_keymap(self) -> None:
        """Say so when config.toml remaps a binding id that does not exist (a typo would
        otherwise leave the old key working and the user wondering why)."""
        unknown = sorted(set(self.settings.keymap) - keys.binding_ids())
        if unknown:
            names = ", ".join(unknown)
            self.notify(
                f"config.toml [keymap]: no key is called {names}; press ? to see the ids.",
                title="Keymap",
                severity="warning",
                timeout=10,
            )

    async def _first_view(self) -> None:
        try:
            view = await asyncio.wrap_future(self._first_read)
        except Exception as exc:
            self._show_view(None, "start", exc)
            return
        self._show_view(view, "start", None)

    @property
    def main(self) -> Any:
        from relate_tui.app.screens.main import MainScreen

        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    # -- the journal ------------------------------------------------------------------

    def change(
        self,
        job: Callable[[Journal], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``job(journal)`` on the writer thread; errors become error notifications."""
        if self.view is None:
            self.notify("The journal is not loaded yet.", severity="warning")
            return
        self.writer.submit(job, on_success, on_failure)

    @on(WriteFinished)
    def _write_finished(self, message: WriteFinished) -> None:
        on_success, on_failure = self.writer.finish(message)
        if not message.applied and message.error is not None:
            self.notify(
                one_line_error(message.error), title="Not saved", severity="error", timeout=8
            )
            if on_failure is not None:
                on_failure(message.error)
        elif on_success is not None:
            on_success(message.result)

    @on(ViewLoaded)
    def _view_loaded(self, message: ViewLoaded) -> None:
        self.writer.loaded()
        self._show_view(message.view, message.reason, message.error)

    def _show_view(self, view: JournalView | None, reason: str, error: Exception | None) -> None:
        if view is None and error is None:
            return  # a write whose refresh is left to the next job
        if view is None:
            error = one_line_error(error or Exception("unknown error"))
            if self.view is None:
                from relate_tui.app.screens.unreadable import UnreadableScreen

                self.switch_screen(UnreadableScreen(error))
            else:
                self.notify(error, title="Could not reload", severity="error", timeout=10)
            return
        self._apply(view)
        if reason == "start":
            self.ready_at = time.perf_counter()
            if view.data.read_only:
                self.notify(
                    "This journal was written by a newer relate: it is open read-only.",
                    severity="warning",
                    timeout=10,
                )
        elif reason == "disk":
            self.notify("The journal changed on disk: reloaded.", title="Reloaded")

    def _apply(self, view: JournalView) -> None:
        self.view = view
        self.main.show_view(view)

    def _check_disk(self) -> None:
        # One stat per second; skipped while our own writes are in flight (they change
        # the file too, and their result already refreshes the screen).
        if self.view is None or self.writer.busy:
            return
        try:
            changed = self.journal.changed_on_disk()
        except OSError:
            return
        if changed:
            self.writer.load("disk")
        elif self.journal.clock.today() != self.view.today:
            self.writer.load("day")  # past midnight: the queue's groups move on

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications often quote names and note text: never parse them as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # -- app-wide actions -------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo the last change made in this session."""

        def undone(label: str | None) -> None:
            self.notify(f"Undone: {label}" if label else "Nothing to undo in this session.")

        self.change(lambda journal: journal.undo(), undone)

    def action_help(self) -> None:
        from relate_tui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_weekly_review(self) -> None:
        """Open the weekly review (once; w inside it starts the walk)."""
        from relate_tui.app.screens.review import ReviewScreen

        if not any(isinstance(s, ReviewScreen) for s in self.screen_stack):
            self.push_screen(ReviewScreen())

    def on_unmount(self) -> None:
        self.writer.shutdown()

    async def action_quit(self) -> None:
        self.writer.shutdown()  # queued writes reach the disk before we exit
        self.exit(0)
