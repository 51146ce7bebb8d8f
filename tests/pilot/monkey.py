"""A seeded random-key run of the app: keys drawn from every binding, typing, and pasted
nasty text, at a fixed terminal size, from an empty or the demo journal.

The app runs strict (an unexpected error ends it and ``run_test`` re-raises the error), so
a run fails on any error in any handler, action, worker or redraw. At the end of a run:
the app is still running (or was quit on purpose, by a key or the palette: it is then
started again on the same journal and the run goes on), no worker failed, the journal
file passes the doctor's checks, and it holds exactly the records every write left there:
each write's record changes are replayed on a copy of the starting tables and compared
record by record with the file.

Used by ``tests/pilot/test_random_keys.py`` and as a script for longer runs::

    python -m tests.pilot.monkey --seeds 100    # 100 runs of 2,000 keys, journals and sizes in turn
    python -m tests.pilot.monkey --seeds 5 --every-combination    # each seed × 2 journals × 3 sizes
    python -m tests.pilot.monkey --first 29 --seeds 1 --journal demo --size 60x20   # replay one
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerState

from relate_tui.app import RelateApp
from relate_tui.demo import build_demo
from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal, commits
from relate_tui.settings import Settings
from relate_tui.storage.doctor import inspect_journal
from tests.pilot.monkey_steps import JOURNALS, SIZES, Step, key_event, steps

TABLES = ("people", "notes", "promises")
NOW, TZ = "2026-12-02T10:00:00", "Europe/Berlin"


@dataclass
class Outcome:
    """What one run did, and what went wrong (``problems`` empty: nothing)."""

    seed: int
    journal: str
    size: tuple[int, int]
    steps: int = 0
    restarts: int = 0
    writes: int = 0
    people: int = 0
    notes: int = 0
    problems: list[str] = field(default_factory=list)
    trail: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"seed {self.seed}, {self.journal} journal, {self.size[0]}x{self.size[1]}"

    def report(self) -> str:
        """The problems, with the steps that led to them (to reproduce: the same seed)."""
        lines = [f"{self.name}: after {self.steps} steps"]
        lines += [f"  {problem}" for problem in self.problems]
        lines += ["  last steps:", *(f"    {step}" for step in self.trail)]
        return "\n".join(lines)


def read_tables(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """The journal's records by table and id, as stored."""
    if not path.exists():
        return {table: {} for table in TABLES}
    data = json.loads(path.read_bytes())
    return {t: {r["id"]: r for r in (data.get(t) or {}).values()} for t in TABLES}


@contextmanager
def recorded_writes() -> Iterator[list[list[Any]]]:
    """Every list of record changes a journal write applied, in order."""
    applied: list[list[Any]] = []
    original = commits.apply_changes

    def recording(store: Any, changes: Sequence[Any], *rest: Any) -> list[Any]:
        result = original(store, changes, *rest)
        applied.append(list(result))
        return result

    original_undo = commits.undo_last

    def recording_undo(store: Any) -> Any:
        # Undo writes what the file's history says: its record changes are the difference.
        before = read_tables(store.path)
        result = original_undo(store)
        after = read_tables(store.path)
        applied.append(
            [
                SimpleNamespace(table=table, id=rid, after=after[table].get(rid))
                for table in TABLES
                for rid in before[table].keys() | after[table].keys()
                if before[table].get(rid) != after[table].get(rid)
            ]
        )
        return result

    commits.apply_changes = recording  # type: ignore[assignment]
    commits.undo_last = recording_undo  # type: ignore[assignment]
    try:
        yield applied
    finally:
        commits.apply_changes = original  # type: ignore[assignment]
        commits.undo_last = original_undo  # type: ignore[assignment]


def replay(start: dict[str, dict[str, dict[str, Any]]], writes: list[list[Any]]) -> Any:
    """The tables ``start`` becomes after ``writes``."""
    tables = {table: dict(records) for table, records in start.items()}
    for changes in writes:
        for change in changes:
            if change.table not in tables:
                continue
            if change.after is None:
                tables[change.table].pop(change.id, None)
            else:
                tables[change.table][change.id] = change.after
    return tables


async def _settle(pilot: Pilot, timeout: float = 10.0) -> bool:
    app = pilot.app
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        await pilot.pause()
        if not app.is_running or (app.view is not None and not app.session.busy):
            return True
        await asyncio.sleep(0.01)
    return False


async def _do(pilot: Pilot, step: Step) -> None:
    # Not Pilot.press: it waits twice for the process's CPU to go idle (20 ms at least,
    # far more on a busy machine). Waiting for the screen to handle what was sent is
    # enough, and a fast typist does not wait for writes either.
    app = pilot.app
    if step.kind == "key":
        event = key_event(step.value)
        event.set_sender(app)
        app.post_message(event)
    elif step.kind == "paste":
        app.post_message(events.Paste(step.value))
    else:
        await pilot.resize_terminal(*step.value)
    if step.wait:
        await pilot._wait_for_screen()


async def run(
    seed: int, journal_kind: str, size: tuple[int, int], count: int, folder: Path
) -> Outcome:
    """One run of ``count`` steps in ``folder`` (a fresh journal there)."""
    outcome = Outcome(seed, journal_kind, size)
    path = folder / f"journal-{seed}-{journal_kind}-{size[0]}x{size[1]}.json"
    clock = FixedClock(NOW, tz=TZ)
    if journal_kind == "demo":
        build_demo(Journal(path, Settings(), clock, writer="app"))
    start = read_tables(path)
    plan = steps(seed, count)
    done = 0
    with recorded_writes() as writes:
        while done < len(plan) and not outcome.problems:
            journal = Journal(path, Settings(), clock, writer="app")
            app = RelateApp(journal, config_file=folder / "config.toml", strict=True)
            try:
                async with app.run_test(size=size) as pilot:
                    if not await _settle(pilot):
                        outcome.problems.append("the journal did not load")
                    while done < len(plan) and app.is_running and not outcome.problems:
                        step = plan[done]
                        done += 1
                        try:
                            await asyncio.wait_for(_do(pilot, step), timeout=20)
                        except TimeoutError:
                            outcome.problems.append(f"no answer within 20 s to {step}")
                        if getattr(app, "_exit", False):
                            break
                    if app.is_running and not await _settle(pilot):
                        outcome.problems.append("writes did not finish within 10 s")
                    failed = [w for w in app.workers if w.state == WorkerState.ERROR]
                    outcome.problems += [f"worker {w.name!r} failed: {w.error!r}" for w in failed]
                    if app.is_running:
                        await app.action_quit()
            except Exception as error:  # strict: the app ended on it
                outcome.problems.append(f"the app ended on {type(error).__name__}: {error}")
            outcome.problems += [f"{what} failed: {error!r}" for what, error in app.guard.caught]
            if done < len(plan) and not outcome.problems:
                outcome.restarts += 1  # quit on purpose (the palette's Quit): start again
    outcome.steps = done
    outcome.trail = [str(step) for step in plan[max(0, done - 25) : done]]
    outcome.writes = len(writes)
    if outcome.problems:
        return outcome
    report = inspect_journal(path)
    outcome.problems += [f"doctor: {f.text}" for f in report.findings if not f.ok]
    try:
        data = Journal(path, Settings(), clock, writer="cli").data()
    except Exception as error:
        outcome.problems.append(f"the journal does not load: {error!r}")
        return outcome
    outcome.people, outcome.notes = len(data.people), len(data.notes)
    expected, actual = replay(start, writes), read_tables(path)
    for table in TABLES:
        missing = expected[table].keys() - actual[table].keys()
        extra = actual[table].keys() - expected[table].keys()
        changed = [i for i in expected[table].keys() & actual[table].keys()
                   if expected[table][i] != actual[table][i]]  # fmt: skip
        for words, ids in (("missing", missing), ("not written by the app", extra),
                           ("not as saved", changed)):  # fmt: skip
            if ids:
                outcome.problems.append(f"{table} {words}: {sorted(ids)[:5]}")
    return outcome


def plan_runs(
    seeds: Sequence[int],
    journals: Sequence[str] = JOURNALS,
    sizes: Sequence[tuple[int, int]] = SIZES,
    *,
    every_combination: bool = False,
) -> list[tuple[int, str, tuple[int, int]]]:
    """(seed, journal, size) for each run: one run per seed, the journals and sizes taken in
    turn; or, ``every_combination``, each seed with every journal and size."""
    combinations = [(journal, size) for journal in journals for size in sizes]
    if every_combination:
        return [(seed, journal, size) for seed in seeds for journal, size in combinations]
    return [(seed, *combinations[seed % len(combinations)]) for seed in seeds]


def run_many(runs: Sequence[tuple[int, str, tuple[int, int]]], count: int) -> list[Outcome]:
    """The runs, one after another, each saying how it went on stderr."""
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="relate-monkey-") as tmp:
        folder = Path(tmp)
        cwd = os.getcwd()
        os.chdir(folder)  # the palette's Screenshot command saves into the working folder
        try:
            for seed, journal_kind, size in runs:
                outcome = asyncio.run(run(seed, journal_kind, size, count, folder))
                outcomes.append(outcome)
                verdict = "ok" if not outcome.problems else "PROBLEM"
                print(
                    f"{outcome.name}: {verdict} ({outcome.steps} steps, "
                    f"{outcome.writes} writes, {outcome.restarts} restarts)",
                    file=sys.stderr,
                    flush=True,
                )
        finally:
            os.chdir(cwd)
    return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=10, help="how many seeds (from --first)")
    parser.add_argument("--first", type=int, default=1, help="the first seed")
    parser.add_argument("--keys", type=int, default=2000, help="steps per run")
    parser.add_argument("--journal", choices=JOURNALS, action="append", help="default: both")
    parser.add_argument("--size", action="append", help="WxH, default: 60x20 80x24 120x40")
    parser.add_argument(
        "--every-combination",
        action="store_true",
        help="run each seed with every journal and size (default: one run per seed, "
        "the journals and sizes taken in turn)",
    )
    args = parser.parse_args(argv)
    os.environ["RELATE_STRICT"] = "1"
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.size] if args.size else SIZES
    seeds = range(args.first, args.first + args.seeds)
    runs = plan_runs(
        seeds,
        args.journal or JOURNALS,
        sizes,  # type: ignore[arg-type]
        every_combination=args.every_combination,
    )
    started = time.monotonic()
    outcomes = run_many(runs, args.keys)
    bad = [o for o in outcomes if o.problems]
    for outcome in bad:
        print(outcome.report())
    steps_done = sum(o.steps for o in outcomes)
    print(
        f"{len(outcomes)} runs, {steps_done:,} steps, {sum(o.writes for o in outcomes):,} "
        f"writes, {time.monotonic() - started:.0f} s: {len(bad)} with problems"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
