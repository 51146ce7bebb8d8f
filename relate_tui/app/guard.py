"""The last line of defence: an unexpected error never ends the app under a user's hands.

Textual ends the app on any unhandled exception (``App._handle_exception``: "always results
in the app exiting"), and whatever was being typed goes with it. ``ErrorGuard`` turns such
an error into a notification naming what failed, plus the traceback in the log
(``open_log``), and leaves every screen and open form as it was.

Errors reach the guard through four doors:

- ``RelateApp._handle_exception``: Textual's funnel for failed workers, timers, callbacks
  (``call_later``, a screen's result callback), compose and mount, and painting.
- ``RelateApp._dispatch_action``: every key binding and palette command, named by its action.
- message handlers (``on_…`` methods, ``@on``): Textual reports these through
  ``_handle_exception`` too, but only after leaving the node's message loop, so the widget
  would never handle another message (textual#2818: the app hangs). ``install_handler_guard`` wraps
  ``MessagePump._dispatch_message`` once, so such an error is reported from inside the
  loop, which carries on. The wrapper changes nothing for an app without a guard.
- ``report``: for code that catches an error itself (the session's signal subscribers,
  which Textual's ``Signal`` would otherwise only log, and writes that failed for no
  expected reason).

Strict mode (``RELATE_STRICT=1``; ``tests/conftest.py`` sets it for every test) hands every
error to Textual's own handling instead: the app exits and ``run_test`` re-raises the error,
so a bug fails its test instead of becoming a notification nobody reads.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import NoActiveWorker, WorkerFailed, get_current_worker

from relate_tui.report.text import one_line
from relate_tui.storage.errors import StorageError
from relate_tui.storage.lock import LockTimeout

log = logging.getLogger("relate_tui")

STRICT_ENV = "RELATE_STRICT"
"""``RELATE_STRICT=1``: an unexpected error ends the app with its traceback (for tests)."""

EXPECTED = (OSError, ValueError, StorageError, LockTimeout)
"""Errors a journal operation reports on purpose (disk full, bad input, busy, too new):
shown as "Not saved: …", not treated as bugs."""

REPEAT_SECONDS = 10.0
"""The same failure is notified at most once in this long (it is logged every time)."""

KEPT = 50
"""How many caught errors ``ErrorGuard.caught`` remembers."""


def strict_from_env() -> bool:
    """True when ``RELATE_STRICT=1`` asks for errors to end the app."""
    return os.environ.get(STRICT_ENV, "") == "1"


def is_expected(error: BaseException) -> bool:
    """True for the errors journal operations raise on purpose (see ``EXPECTED``)."""
    return isinstance(error, EXPECTED)


class ErrorGuard:
    """Reports unexpected errors of one app instead of letting them end it.

    Args:
        app: the app whose errors these are (notifications go to it).
        strict: hand every error to ``fatal`` (Textual's handling) instead.
        log_file: where ``open_log`` writes the tracebacks (named in the notification).
        fatal: Textual's own ``App._handle_exception``: exit and remember the error.
    """

    def __init__(
        self,
        app: App[Any],
        *,
        strict: bool,
        log_file: Path | None,
        fatal: Callable[[Exception], None],
    ) -> None:
        self.app = app
        self.strict = strict
        self.log_file = log_file
        self._fatal = fatal
        self.caught: list[tuple[str, Exception]] = []
        """(what failed, the error), oldest first: what tests and the random-key run read."""
        self._shown: dict[tuple[str, str], float] = {}
        self._reporting = False

    @property
    def carries_on(self) -> bool:
        """True while an error should be reported and survived (not strict, not exiting)."""
        running = self.app.is_running and not getattr(self.app, "_exit", False)
        return running and not self.strict

    def handle(self, error: Exception) -> None:
        """Textual's funnel (``_handle_exception``): name what failed, then ``report``."""
        if isinstance(error, WorkerFailed) and isinstance(error.error, Exception):
            inner = error.error
            what = _where(inner.__traceback__) or f"the background task {_worker_name()}"
            self.report(inner, what, fatal_error=error)
        else:
            self.report(error, _where(error.__traceback__) or "the app")

    def report(self, error: Exception, what: str, *, fatal_error: Exception | None = None) -> None:
        """Log ``error`` with its traceback and tell the user; strict: end the app with it.

        ``fatal_error`` is what Textual gets in strict mode when it differs (the
        ``WorkerFailed`` around a worker's error).
        """
        self.caught.append((what, error))
        del self.caught[:-KEPT]
        log.error("%s failed", what, exc_info=error)
        if not self.carries_on or self._reporting:
            # Strict, shutting down, or failing while telling the user about a failure:
            # Textual's way (exit with the traceback) is the only honest one left.
            fatal = fatal_error or error
            try:  # Textual draws the traceback from sys.exc_info: be inside an except
                raise fatal
            except Exception:
                self._fatal(fatal)
            return
        self._reporting = True
        try:
            self._notify(error, what)
        except Exception:  # no screen to show it on: the log has it
            log.exception("could not show the error above")
        finally:
            self._reporting = False

    def _notify(self, error: Exception, what: str) -> None:
        key = (type(error).__name__, what)
        now = time.monotonic()
        if now - self._shown.get(key, -REPEAT_SECONDS) < REPEAT_SECONDS:
            return  # a failure repeating on every keystroke or frame: once is enough
        self._shown[key] = now
        details = f" Details: {self.log_file}" if self.log_file else ""
        self.app.notify(
            f"{what} failed ({type(error).__name__}: {one_line(str(error), 160)}). "
            f"relate is still running; the journal and anything you typed are kept.{details}",
            title="Something went wrong",
            severity="error",
            timeout=15,
        )


def report(app: App[Any], error: Exception, what: str) -> None:
    """Hand ``error`` to ``app``'s guard (``what`` says what failed); Textual's handling
    for an app without one."""
    guard = getattr(app, "guard", None)
    if isinstance(guard, ErrorGuard):
        guard.report(error, what)
    else:
        app._handle_exception(error)


def _where(tb: TracebackType | None) -> str | None:
    """The innermost relate function in a traceback, as "module.function"."""
    where = None
    while tb is not None:
        code = tb.tb_frame.f_code
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith("relate_tui.") and module != __name__:
            where = f"{module.rsplit('.', 1)[-1]}.{code.co_name}"
        tb = tb.tb_next
    return where


def _worker_name() -> str:
    try:
        worker = get_current_worker()
    except NoActiveWorker:
        return "(unnamed)"
    return f"“{worker.name or worker.description}”"


def _handler_words(node: MessagePump, message: Message) -> str:
    return f"{type(node).__name__} ({message.handler_name})"


_original_dispatch = MessagePump._dispatch_message


async def _guarded_dispatch(self: MessagePump, message: Message) -> None:
    try:
        await _original_dispatch(self, message)
    except Exception as error:
        try:
            guard = getattr(self.app, "guard", None)
        except Exception:  # no active app: nothing to report to
            guard = None
        if not isinstance(guard, ErrorGuard) or not guard.carries_on:
            raise  # Textual's way: leave the loop, _handle_exception, exit
        guard.report(error, _handler_words(self, message))


def install_handler_guard() -> None:
    """Report errors in message handlers from inside the message loop (see the module's
    docstring); safe to call more than once."""
    MessagePump._dispatch_message = _guarded_dispatch  # type: ignore[method-assign]


class _PrivateLog(RotatingFileHandler):
    """A rotating log whose files are created private (mode 0600) when first written."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, "a", encoding=self.encoding)  # the handler closes it


def open_log(path: Path) -> Path | None:
    """Send relate's error log to ``path``: created, private (it may quote names and notes),
    only when there is something to write. Returns the path, or None when its folder
    cannot be made: the app starts anyway."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    handler = _PrivateLog(path, maxBytes=1_000_000, backupCount=1, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.propagate = False  # the terminal belongs to the app: nothing printed to stderr
    return path
