"""Opening the app: builds settings, clock and journal, then hands them to ``RelateApp``.

Kept apart from ``cli.py`` so that only this path imports Textual.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path


def run_app(args: argparse.Namespace, *, demo: bool = False) -> int:
    """Run the app on the user's journal (or, for the demo, a fresh sample journal)."""
    from relate_tui.cli import make_clock
    from relate_tui.journal import Journal
    from relate_tui.locations import config_path, default_db_path
    from relate_tui.settings import load_settings

    settings = load_settings(config_path())
    clock = make_clock(settings.timezone)
    if demo:
        folder = Path(tempfile.mkdtemp(prefix="relate-demo-"))
        path = folder / "journal.json"
    else:
        path = Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()
    journal = Journal(path, settings, clock, writer="app", lock_timeout=5.0)
    if demo:
        from relate_tui.demo import build_demo

        build_demo(journal)
    else:
        journal.data()  # an unreadable file stops here with a one-line message

    from relate_tui.app import RelateApp

    # The demo never writes to your config (a theme chosen there is for the demo only).
    app = RelateApp(journal, config_file=None if demo else config_path(), demo=demo)
    app.run()
    if demo:
        print(f"The demo journal is at {path} (a temporary file).")
    return app.return_code or 0
