"""Make the README's screenshots from the real app on the demo journal, with a fixed clock.

    python screenshots/make.py

Writes SVGs next to this file. The journal is generated in a temporary folder and the
clock is stopped at Wednesday 2 December 2026, 10:00 in Berlin, so the images only change
when the app does.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from relate_tui.app import RelateApp
from relate_tui.demo import build_demo
from relate_tui.domain.clock import FixedClock
from relate_tui.settings import Settings
from relate_tui.startup import open_journal

HERE = Path(__file__).resolve().parent
NOW, TZ = "2026-12-02T10:00:00", "Europe/Berlin"

# file name, terminal size, keys pressed after the journal is shown, what it shows
SHOTS = (
    ("main-wide.svg", (120, 40), (), "the main screen, three panes side by side"),
    ("main-80x24.svg", (80, 24), (), "the main screen in an 80×24 tmux split"),
    ("queue-80x24.svg", (80, 24), ("3",), "the next-touch queue pane at 80×24"),
    ("note-form.svg", (120, 40), ("3", "n", *"Congratulated her on VLDB."), "the note form"),
    ("person-form.svg", (100, 36), ("e",), "the person form"),
    ("help.svg", (100, 40), ("question_mark",), "the keys, with binding ids"),
    ("review.svg", (120, 40), ("w",), "the weekly review"),
    ("review-walk-80x24.svg", (80, 24), ("w", "w"), "walking the week's due items at 80×24"),
)


async def shoot(folder: Path, name: str, size: tuple[int, int], keys: tuple[str, ...]) -> None:
    path = folder / f"{name}.json"
    journal = open_journal(path, writer="app", settings=Settings(), clock=FixedClock(NOW, tz=TZ))
    build_demo(journal)
    app = RelateApp(journal, config_file=None, demo=False)
    async with app.run_test(size=size) as pilot:
        while app.view is None:
            await asyncio.sleep(0.01)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.2)
        app.save_screenshot(filename=name, path=str(HERE))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="relate-shots-") as folder:
        for name, size, keys, what in SHOTS:
            asyncio.run(shoot(Path(folder), name, size, keys))
            print(f"screenshots/{name}: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
