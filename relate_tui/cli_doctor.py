"""`relate doctor`: not built yet."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's options."""


def run(args: argparse.Namespace, open_journal: Callable) -> int:
    """Run the command; `open_journal(args)` gives the Journal."""
    from relate_tui.domain.errors import InputError

    raise InputError("relate doctor is not available yet")
