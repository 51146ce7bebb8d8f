"""App figures for the benchmark: start, note save and people filter, headless.

    python bench/app_bench.py bench/out/j20k.json [--runs 3]

``measure(path, runs)`` returns milliseconds (medians over ``runs``):

- ``start``: from building the ``Journal`` to the main screen showing the loaded journal
  (``RelateApp.ready_at``): Textual start-up, reading and parsing the file, the queue,
  and the first fill of the three panes.
- ``save``: from pressing ctrl+s in the note form to the write returning, fsynced and
  renamed into place (the writer thread's ``last_durable`` stamp).
- ``filter``: per keystroke typed in the people filter, the time to filter everyone and
  refill the list (the Input.Changed handler); Textual's repaint comes after, on idle.

Each run works on a copy of ``path`` so the reference journal is never changed.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

FILTER_TEXT = "ana li"


async def _one_run(path: Path) -> dict[str, float | list[float]]:
    from relate_tui.app import RelateApp
    from relate_tui.app.widgets.people_list import PeopleList
    from relate_tui.settings import Settings
    from relate_tui.startup import open_journal

    filter_times: list[float] = []
    original = PeopleList._refilter

    def timed_refilter(self: PeopleList, keep: str | None = None) -> None:
        start = time.perf_counter()
        original(self, keep)
        filter_times.append((time.perf_counter() - start) * 1000)

    PeopleList._refilter = timed_refilter  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        journal = open_journal(path, writer="app", settings=Settings())
        app = RelateApp(journal, config_file=None)
        async with app.run_test(size=(120, 40)) as pilot:
            while app.ready_at is None:
                await asyncio.sleep(0.001)
            start_ms = (app.ready_at - started) * 1000
            await pilot.pause()
            filter_times.clear()
            await pilot.press("slash", *FILTER_TEXT)
            keystrokes = list(filter_times)
            await pilot.press("escape")
            # The first save of the day also copies the journal into that day's backup;
            # make it before timing, so the figure is the save people make all day.
            await pilot.press("n", *"first note")
            await pilot.press("ctrl+s")
            while app.session.busy:
                await asyncio.sleep(0.001)
            await pilot.pause()
            await pilot.press("n", *"bench note")
            pressed = time.perf_counter()
            await pilot.press("ctrl+s")
            while app.session.busy:
                await asyncio.sleep(0.001)
            save_ms = (app.session.last_durable - pressed) * 1000
            await pilot.pause()
    finally:
        PeopleList._refilter = original  # type: ignore[method-assign]
    return {"start": start_ms, "save": save_ms, "filter": keystrokes}


def measure(path: Path, runs: int = 3) -> dict[str, float]:
    """Median start, save and per-keystroke filter times (ms) on a copy of ``path``."""
    starts, saves, filters = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="relate-app-bench-") as folder:
            work = Path(folder) / "journal.json"
            shutil.copyfile(path, work)
            figures = asyncio.run(_one_run(work))
        starts.append(figures["start"])
        saves.append(figures["save"])
        filters.extend(figures["filter"])  # type: ignore[arg-type]
    return {
        "start": round(statistics.median(starts), 1),
        "save": round(statistics.median(saves), 1),
        "filter": round(statistics.median(filters), 1) if filters else float("nan"),
    }


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    for name, value in measure(args.journal, args.runs).items():
        print(f"{name:>7}: {value:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
