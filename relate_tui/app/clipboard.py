"""Copying text out of the app, so that it arrives inside tmux too.

Textual copies with the terminal's OSC 52 sequence. tmux's default (``set-clipboard
external``) ignores OSC 52 from the programs it runs, so inside tmux the text is also
handed to tmux itself with ``tmux load-buffer -w -``: it lands in tmux's paste buffer
(prefix ``]`` pastes it) and, with ``-w`` (tmux 3.2+), tmux passes it on to the
terminal's clipboard under its own ``set-clipboard`` rules. Nothing here needs a setting.
"""

from __future__ import annotations

import os
import subprocess

TMUX_TIMEOUT = 3.0
"""Seconds to wait for tmux; a stuck tmux must not hold the copy up for long."""


def in_tmux() -> bool:
    """Whether the app runs inside tmux (tmux sets ``$TMUX`` for its panes)."""
    return bool(os.environ.get("TMUX"))


def copy_to_tmux(text: str) -> bool:
    """Put ``text`` into tmux's paste buffer (and clipboard); False when tmux would not.

    Blocking: call it from a thread worker, never on the event loop.
    """
    data = text.encode("utf-8")
    for command in (["tmux", "load-buffer", "-w", "-"], ["tmux", "load-buffer", "-"]):
        try:
            done = subprocess.run(
                command, input=data, capture_output=True, timeout=TMUX_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
        if done.returncode == 0:
            return True  # tmux older than 3.2 has no -w: the plain form is tried next
    return False
