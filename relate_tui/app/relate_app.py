"""``RelateApp``: the Textual app. Small on purpose: bindings, palette, themes, the disk
poll, and handing the writer thread's messages to the session."""

from __future__ import annotations

import asyncio
import contextlib
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App
from textual.theme import Theme

from relate_tui.app import keys
from relate_tui.app.commands import AppCommands
from relate_tui.app.guard import ErrorGuard, install_handler_guard, is_expected, strict_from_env
from relate_tui.app.keymap import check_keymap
from relate_tui.app.messages import ViewLoaded, WriteFinished, one_line_error
from relate_tui.app.palette import Palette, palette_open
from relate_tui.app.screens.help import HelpScreen
from relate_tui.app.screens.main import MainScreen
from relate_tui.app.screens.unreadable import UnreadableScreen
from relate_tui.app.session import Session
from relate_tui.app.themes import pick_theme, register_themes, remember_theme
from relate_tui.app.view import JournalView
from relate_tui.app.widgets import option_paging
from relate_tui.journal import Journal, Undone
from relate_tui.locations import config_path
from relate_tui.report.text import one_line, visible
from relate_tui.settings import Settings

DISK_POLL_SECONDS = 1.0
"""How often the file's signature (one ``stat``) is checked for outside changes."""

NOTICE_LINES = 12
NOTICE_LINE_CHARS = 240
"""A notification shows at most this much: a 5,000-character name must not fill the screen."""


class RelateApp(App[int]):
    """The relate app on one ``Journal``.

    Args:
        journal: the journal (its settings and clock come with it).
        config_file: where the chosen theme is saved (None: not saved).
        demo: the journal is a throwaway sample; the title says so.
        log_file: where unexpected errors are logged (named when one is reported).
        strict: an unexpected error ends the app (default: ``RELATE_STRICT=1``; tests).
    """

    CSS_PATH = "relate.tcss"
    TITLE = "relate"
    COMMANDS = App.COMMANDS | {AppCommands}
    BINDINGS = keys.bindings("app")

    def __init__(
        self,
        journal: Journal,
        *,
        config_file: Path | None = None,
        demo: bool = False,
        log_file: Path | None = None,
        strict: bool | None = None,
    ) -> None:
        super().__init__()
        install_handler_guard()
        option_paging.install()
        self.guard = ErrorGuard(
            self,
            strict=strict_from_env() if strict is None else strict,
            log_file=log_file,
            fatal=super()._handle_exception,
        )
        """The last line of defence: unexpected errors are reported, not fatal."""
        self.session = Session(journal, self)
        self.config_file = config_file
        self.demo = demo
        self._first_read: Future[JournalView] | None = self.session.read()  # while Textual starts
        self._main: MainScreen | None = None
        self._unmergeable: set[tuple[str, int]] = set()
        """Conflict copies that could not be merged (name, mtime): said once, not again."""
        self.ready_at: float | None = None
        """``perf_counter()`` when the first screen became usable (the benchmark reads it)."""
        register_themes(self)
        self._start_problems: list[str] = []
        """What was wrong with the config's theme or keymap, said once the screen is up."""
        self.theme = pick_theme(self, self.settings.theme)
        # Named as the command line names it: the file the settings came from (the demo
        # reads it too, though it never writes to it).
        source = str(config_file or config_path())
        if self.theme != self.settings.theme:
            self._start_problems.append(
                f'{source}: there is no theme "{self.settings.theme}"; showing '
                f"{self.theme} (ctrl+p → Theme lists them)"
            )
        checked = check_keymap(self.settings.keymap, source)
        self._start_problems += checked.problems
        # The footer and ? screen read the keymap from the settings: they show what is applied.
        self.session.settings = self.settings.with_changes(keymap=checked.keymap)
        self.set_keymap(checked.keymap)
        if demo:
            self.sub_title = "demo journal (a temporary file)"

    # What tests, the benchmark and the screenshots read; the session holds them.

    @property
    def journal(self) -> Journal:
        return self.session.journal

    @property
    def settings(self) -> Settings:
        return self.session.settings

    @property
    def view(self) -> JournalView | None:
        return self.session.view

    @property
    def main(self) -> MainScreen:
        """The main screen (there is one, under every other screen)."""
        assert self._main is not None, "the app is not running"
        return self._main

    def on_mount(self) -> None:
        self._main = MainScreen(self.session)
        self.push_screen(self._main)
        self.run_worker(self._first_view(), name="first read")
        self.set_interval(DISK_POLL_SECONDS, self._check_disk)
        for problem in self._start_problems:
            self.notify(problem, title="Config", severity="warning", timeout=15)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        self.session.settings = remember_theme(
            self, self.config_file, self.session.settings, theme.name
        )

    # -- the journal ------------------------------------------------------------------

    async def _first_view(self) -> None:
        first, self._first_read = self._first_read, None  # the future would keep the view
        try:
            view = await asyncio.wrap_future(first)  # type: ignore[arg-type]
        except Exception as exc:
            self._show_view(None, "start", exc)
            return
        self._show_view(view, "start", None)

    @on(WriteFinished)
    def _write_finished(self, message: WriteFinished) -> None:
        self.session.write_finished(message)

    @on(ViewLoaded)
    def _view_loaded(self, message: ViewLoaded) -> None:
        self.session.loaded()
        self._show_view(message.view, message.reason, message.error, message.came_in)

    def _show_view(
        self,
        view: JournalView | None,
        reason: str,
        error: Exception | None,
        came_in: str = "",
    ) -> None:
        if view is None and error is None:
            return  # a write whose refresh is left to the next job
        if view is None:
            bug = error is not None and not is_expected(error)
            if bug:  # not a damaged file: a bug in reading it, logged (tests fail on it)
                self.guard.report(error, "reading the journal")
            words = one_line_error(error or Exception("unknown error"))
            if self.session.view is None:
                self.switch_screen(UnreadableScreen(words))
            elif not bug:  # the guard has said so already
                self.notify(words, title="Could not reload", severity="error", timeout=10)
            return
        self.session.show(view)
        if reason == "start":
            self.ready_at = time.perf_counter()
            self._check_copies()
            if view.data.read_only:
                self.notify(
                    "This journal was written by a newer relate: it is open read-only.",
                    severity="warning",
                    timeout=10,
                )
        elif reason == "disk":
            came_in = f" {came_in[0].upper()}{came_in[1:]}." if came_in else ""
            self.notify(f"The journal changed on disk: reloaded.{came_in}", title="Reloaded")

    def _check_copies(self) -> bool:
        """Merge the sync tools' conflict copies beside the journal, if there are any new
        ones (one directory listing); True when a merge was started."""
        from relate_tui.storage.conflict_copies import conflict_copies

        found = []
        for copy in conflict_copies(self.journal.store.real_path):
            try:
                stamp = (copy.name, copy.stat().st_mtime_ns)
            except OSError:
                continue
            if stamp not in self._unmergeable:
                found.append(stamp)
        if not found:
            return False
        self.session.change(lambda journal: journal.absorb_conflict_copies(), self._copies_merged)
        return True

    def _copies_merged(self, outcomes: list[Any]) -> None:
        from relate_tui.report.merge import copy_line

        for outcome in outcomes:
            line = copy_line(outcome, "C on the person").removeprefix("relate: ")
            line = f"{line[0].upper()}{line[1:]}"
            if outcome.summary is None:
                with contextlib.suppress(OSError):
                    self._unmergeable.add((outcome.copy.name, outcome.copy.stat().st_mtime_ns))
                self.notify(line, title="Copy not merged", severity="warning", timeout=15)
            else:
                self.notify(line, title="Merged a copy", timeout=12)

    def _check_disk(self) -> None:
        # One stat per second; skipped while our own writes are in flight (they change
        # the file too, and their result already refreshes the screen).
        view = self.session.view
        if view is None or self.session.busy:
            return
        if self._check_copies():
            return
        try:
            changed = self.journal.changed_on_disk()
        except OSError:
            return
        if changed:
            self.session.load("disk")
        elif self.session.clock.today() != view.today:
            self.session.load("day")  # past midnight: the queue's groups move on

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications often quote names and note text: never parsed as markup, control
        characters made visible, and long lines and messages cut."""
        lines = [one_line(line, NOTICE_LINE_CHARS) for line in visible(message).split("\n")]
        if len(lines) > NOTICE_LINES:
            lines = [*lines[: NOTICE_LINES - 1], "…"]
        super().notify(
            "\n".join(lines),
            title=one_line(title, 60),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- the last line of defence (see app/guard.py) -----------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Textual's funnel for unhandled errors (workers, timers, callbacks, painting):
        reported by the guard instead of ending the app."""
        self.guard.handle(error)

    async def _dispatch_action(self, namespace: Any, action_name: str, params: Any) -> bool:
        """Every key and palette command runs here: an error is reported, naming it."""
        try:
            return await super()._dispatch_action(namespace, action_name, params)
        except Exception as error:
            if not self.guard.carries_on:
                raise
            self.guard.report(error, keys.describe_action(action_name))
            return True

    # -- app-wide actions -------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo the last change to the journal, whoever made it (this app, ``relate log``
        in another pane, an import): the history is in the file. Says what was undone,
        what was left because it changed since, or that there is nothing to undo."""

        def undone(done: Undone | None) -> None:
            if done is None:
                self.notify("Nothing to undo.")
            elif done.kept or not done.restored:
                self.notify(done.message, title="Undo", severity="warning", timeout=10)
            else:
                self.notify(done.message)

        self.session.change(lambda journal: journal.undo_last(), undone)

    def action_command_palette(self) -> None:
        """Open the command palette: Textual's, with the fixes in ``app/palette.py``."""
        if self.use_command_palette and not palette_open(self):
            self.push_screen(Palette())

    def search_themes(self) -> None:
        """The palette's "Theme" command: Textual's theme list, in relate's palette (Textual
        opens its own ``CommandPalette`` here, without the fixes in ``app/palette.py``)."""
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.session))

    def action_weekly_review(self) -> None:
        """Open the weekly review (once; w inside it starts the walk)."""
        # Imported here: the review, its walk and the report behind them are opened about
        # once a week, and loading them at start costs about 20 ms before the first screen.
        from relate_tui.app.screens.review import ReviewScreen

        if not any(isinstance(s, ReviewScreen) for s in self.screen_stack):
            self.push_screen(ReviewScreen(self.session))

    def on_unmount(self) -> None:
        self.session.shutdown()

    async def action_quit(self) -> None:
        self.session.shutdown()  # queued writes reach the disk before we exit
        self.exit(0)
