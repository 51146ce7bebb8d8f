"""The ``relate`` console script.

``relate due --count``, which a tmux status line runs every few seconds, is answered from
its cache (``status_line``) before the command line's parser or anything else is
imported; everything else goes to ``cli.main.run``. Kept outside the ``cli`` package so
importing this module imports nothing of it.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is not imported on the status line's path
if TYPE_CHECKING:
    from typing import NoReturn


def run() -> NoReturn:
    """Answer the status line from its cache, or run the command line."""
    from relate_tui import status_line

    if status_line.answer(sys.argv[1:]):
        sys.stdout.flush()
        os._exit(0)
    from relate_tui.cli.main import run as run_command_line

    run_command_line()
