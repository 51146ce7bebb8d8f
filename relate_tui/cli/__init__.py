"""The ``relate`` command line: one module per group of commands, each imported only when
its command runs, so quick capture never pays for what it does not use."""

from relate_tui.cli.main import main, run

__all__ = ["main", "run"]
