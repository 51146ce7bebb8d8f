"""The ``relate`` console script.

``relate due --count``, which a tmux status line runs every few seconds, is answered from
its cache (``status_line``) before the command line's parser or anything else is
imported, and after a change from the sealed file's few tables it needs
(``quick_due``); everything else, and anything unusual, goes to ``cli.main.run``. Kept
outside the ``cli`` package so importing this module imports nothing of it.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is not imported on the status line's path
if TYPE_CHECKING:
    from typing import NoReturn


def run() -> NoReturn:
    """Answer the status line from its cache, or read lean, or run the command line."""
    from relate_tui import status_line

    words = sys.argv[1:]
    if status_line.answer(words):
        _flushed_exit()
    if "due" in words or "queue" in words:
        # After a change: the count, the queue and what is due, read lean (``quick_read``).
        from relate_tui import quick_due, quick_queue

        try:
            answered = quick_due.answer(words) or quick_queue.answer(words)
        except KeyboardInterrupt:  # as the command line says it (``cli.main._guarded``)
            sys.stderr.write("relate: interrupted, nothing more was written\n")
            _flushed_exit(130)
        if answered:
            _flushed_exit()
    from relate_tui.cli.main import run as run_command_line

    run_command_line()


def _flushed_exit(code: int = 0) -> NoReturn:
    """End the process once the answer is out (a closed pipe: nothing more to say)."""
    for stream in (sys.stdout, sys.stderr):
        try:  # noqa: SIM105 - contextlib is not imported on the status line's path
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
