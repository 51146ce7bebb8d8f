"""App figures for the benchmark, each run in a fresh process, headless.

    python bench/app_bench.py bench/out/j20k.json [--runs 3]

``measure(path, runs)`` returns medians over ``runs`` fresh processes:

- ``paint``: from starting the process to the main screen showing the loaded journal
  (``RelateApp.ready_at``): Python, Textual, reading the journal, the queue, the panes.
- ``bare``: the same for a bare Textual app showing a 2,000-row ``DataTable``
  (``bare_paint``), timed the same way, so the ratio does not depend on the machine.
- ``save``: from pressing ctrl+s in the note form to the write returning, fsynced and
  renamed into place (the writer thread's ``last_durable`` stamp).
- ``settle``: from the same key press to the screen showing the change (the new view
  applied and Textual idle).
- ``filter``: per keystroke typed in the people filter, the time to filter everyone and
  refill the list (the Input.Changed handler); Textual's repaint comes after, on idle.
- ``memory``: the peak resident memory of the app's process (MB).

Each run works on a copy of ``path`` so the reference journal is never changed.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILTER_TEXT = "ana li"
BARE_ROWS = 2000


async def _relate_run(path: Path) -> None:
    """One app session, in this process: prints "ready", then the figures as JSON."""
    import asyncio

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
    journal = open_journal(path, writer="app", settings=Settings())
    app = RelateApp(journal, config_file=None)
    shown: list[float] = []  # when a new view was on screen (after the refresh it caused)
    show = app.session.show

    def timed_show(view: object) -> None:
        show(view)  # type: ignore[arg-type]
        app.call_after_refresh(lambda: shown.append(time.perf_counter()))

    app.session.show = timed_show  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        while app.ready_at is None:
            await asyncio.sleep(0.001)
        print("ready", flush=True)
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
        shown.clear()
        pressed = time.perf_counter()
        await pilot.press("ctrl+s")  # returns once Textual's animations are over
        while app.session.busy or not shown:
            await asyncio.sleep(0.001)
        await pilot.pause()
        save_ms = (app.session.last_durable - pressed) * 1000
        settle_ms = (shown[0] - pressed) * 1000
    figures = {"save": save_ms, "settle": settle_ms, "filter": keystrokes}
    print(json.dumps(figures), flush=True)


async def _bare_run(rows: int) -> None:
    """A bare Textual app with a ``rows``-row DataTable: prints "ready" once it is filled."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("name", "tags", "last touch")
            table.add_rows((f"Person {i}", "#work", f"{i % 30} days ago") for i in range(rows))
            self.ready = True

    app = Bare()
    app.ready = False  # type: ignore[attr-defined]
    import asyncio

    async with app.run_test(size=(120, 40)):
        while not app.ready:  # type: ignore[attr-defined]
            await asyncio.sleep(0.001)
        print("ready", flush=True)


def _child(argv: list[str], cache: str | None = None) -> tuple[float, dict, float]:
    """Run a child; (ms to its "ready" line, its figures, its peak memory in MB).

    ``cache``: the child's cache folder (its saves keep their spare there), so runs leave
    nothing in the user's own."""
    env = dict(os.environ)
    if cache is not None:
        env["RELATE_CACHE"] = cache
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as after an install
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    paint = float("nan")
    figures: dict = {}
    for line in proc.stdout:
        if line.strip() == "ready":
            paint = (time.perf_counter() - started) * 1000
        elif line.startswith("{"):
            figures = json.loads(line)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark child failed: {' '.join(argv)}")
    return paint, figures, usage.ru_maxrss / 1024


def bare_paint(runs: int = 3, rows: int = BARE_ROWS) -> float:
    """Median ms from process start to a bare DataTable app's first filled screen."""
    argv = [sys.executable, __file__, "--bare", str(rows)]
    return statistics.median(_child(argv)[0] for _ in range(runs))


def measure(path: Path, runs: int = 3) -> dict[str, float]:
    """Median paint, save, settle and per-keystroke filter times (ms), the bare app's
    paint in the same run, and the app's peak memory (MB), on copies of ``path``."""
    paints, saves, settles, filters, memory = [], [], [], [], 0.0
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="relate-app-bench-") as folder:
            work = Path(folder) / "journal.json"
            shutil.copyfile(path, work)
            argv = [sys.executable, __file__, str(work), "--one"]
            paint, figures, peak = _child(argv, cache=str(Path(folder) / "cache"))
        paints.append(paint)
        saves.append(figures["save"])
        settles.append(figures["settle"])
        filters.extend(figures["filter"])
        memory = max(memory, peak)
    return {
        "paint": round(statistics.median(paints), 1),
        "bare": round(bare_paint(runs), 1),
        "save": round(statistics.median(saves), 1),
        "settle": round(statistics.median(settles), 1),
        "filter": round(statistics.median(filters), 1) if filters else float("nan"),
        "mem_app": round(memory, 1),
    }


def main(argv: list[str]) -> int:
    import argparse
    import asyncio

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", type=Path, nargs="?")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bare", type=int, metavar="ROWS", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare:
        asyncio.run(_bare_run(args.bare))
        return 0
    if args.one:
        asyncio.run(_relate_run(args.journal))
        return 0
    for name, value in measure(args.journal, args.runs).items():
        print(f"{name:>8}: {value:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
