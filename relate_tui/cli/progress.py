"""A one-line progress bar on stderr for long work: importing or exporting thousands of
cards, the doctor reading big journals and their backups, upgrading an old journal.

Written by hand rather than with Rich: it costs nothing to import, so a command may use it
without slowing down. It shows only on a terminal (stderr is a tty and ``TERM`` is not
"dumb"), only once the work has run for a moment (quick work shows nothing), at most ten
times a second, and it wipes its line when done, so what the command prints afterwards
(and anything piped or redirected) is exactly what it would be without it.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from relate_tui.report.text import under, visible

T = TypeVar("T")

SHOW_AFTER = 0.3
"""Seconds before the bar appears: work that ends sooner never shows one."""
REFRESH = 0.1
"""Seconds between redraws."""


def on_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal a bar can be drawn on."""
    try:
        return stream.isatty() and os.environ.get("TERM", "") != "dumb"
    except (AttributeError, ValueError):  # a closed or odd stream
        return False


class Progress:
    """``label`` and a bar of ``done`` out of ``total`` (a spinner of counts when unknown).

    Use as a context manager; ``advance`` after each piece of work, or ``track`` an
    iterable. Nothing is drawn unless ``stream`` is a terminal.
    """

    def __init__(self, label: str, total: int | None = None, *, stream: TextIO | None = None):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = on_terminal(self.stream)
        self._started = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def advance(self, steps: int = 1) -> None:
        """Count ``steps`` more pieces of work done; redraw when it is time."""
        self.done += steps
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._started < SHOW_AFTER or now - self._drawn_at < REFRESH:
            return
        self._drawn_at = now
        self._draw()

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """``items`` one by one, counting each as done once the caller has used it."""
        for item in items:
            yield item
            self.advance()

    def line(self, width: int) -> str:
        """The text of the bar for a terminal ``width`` columns wide."""
        counts = f"{self.done:,}" + (f" / {self.total:,}" if self.total else "")
        if not self.total:
            return f"{self.label}  {counts}"[: width - 1]
        share = min(1.0, self.done / self.total)
        room = width - len(self.label) - len(counts) - 10
        bar = ""
        if room >= 10:
            size = min(30, room)
            filled = round(size * share)
            bar = "█" * filled + "░" * (size - filled) + "  "
        return f"{self.label}  {bar}{counts}  {share:4.0%}"[: width - 1]

    def _draw(self) -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        # The \r and erase codes are the bar's own, so they go beneath the command line's
        # safe stream; the label can hold a file name, so it is made visible here.
        out = under(self.stream)
        out.write("\r" + visible(self.line(width)) + "\x1b[K")
        out.flush()
        self._shown = True

    def close(self) -> None:
        """Wipe the bar's line (if one was drawn)."""
        if self._shown:
            out = under(self.stream)
            out.write("\r\x1b[K")
            out.flush()
            self._shown = False


class StepsBar:
    """A ``Progress`` told ``(done, total)`` by work below the command line (an upgrade:
    ``Store.on_migrate_progress``): drawn from the first call, wiped at ``done == total``."""

    def __init__(self, label: str, *, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream
        self.bar: Progress | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = Progress(self.label, total, stream=self.stream)
        self.bar.advance(done - self.bar.done)
        if done >= total:
            self.bar.close()
            self.bar = None
