"""`python -m relate_tui` runs the same front door as the `relate` command."""

from relate_tui.console import run

run()
