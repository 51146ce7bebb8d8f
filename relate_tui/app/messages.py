"""App-wide messages (facts that are not owned by one widget)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from relate_tui.app.view import JournalView


@dataclass
class WriteFinished(Message):
    """The writer thread finished one job: ``error`` is None on success.

    Posted from the writer thread (``post_message`` is thread-safe); the session matches it
    to the callbacks registered under ``ticket``.
    """

    ticket: int
    result: Any
    error: Exception | None
    applied: bool = True
    """False when the change itself failed (nothing was written)."""


@dataclass
class ViewLoaded(Message):
    """A fresh view of the journal was read (at start, or after a change on disk)."""

    view: JournalView | None
    reason: str
    error: Exception | None = None
    came_in: str = ""
    """For a change on disk: what it brought, in words ("1 note came in"), if anything."""


def one_line_error(error: BaseException) -> str:
    """An error as the one line users see (our errors already are one line)."""
    text = str(error) or type(error).__name__
    return " ".join(text.split())
