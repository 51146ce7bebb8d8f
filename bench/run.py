"""The benchmark: build J20k and J100k, time what users wait for, print a table.

    python bench/run.py [--runs 5] [--only j20k] [--no-app]

Times whole processes (``relate log``, ``relate queue``, ``relate due --count``): the
median of several runs, and the peak memory of any run. App figures (start, save,
filter) come from ``bench/app_bench.py``. This is a measurement, not a test: machines are
noisy, so it never fails a build. Journals are written to ``bench/out/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

JOURNALS = {
    "J20k": dict(people=2_000, notes=20_000, promises=1_000),
    "J100k": dict(people=10_000, notes=100_000, promises=5_000),
}

# what, unit, J20k target, J100k target (from DESIGN.md, "How well")
TARGETS = {
    "log": ("`relate log …` wall time, whole process", "ms", 150, 400),
    "queue": ("`relate queue` wall time", "ms", 200, 600),
    "due": ("`relate due --count` wall time", "ms", 200, 600),
    "start": ("app start to first usable screen", "ms", 800, 2000),
    "save": ("saving a note (key to durable on disk)", "ms", 50, 150),
    "filter": ("filtering people, per keystroke", "ms", 30, 80),
    "memory": ("peak memory (CLI)", "MB", 150, 300),
}


def ensure_journal(name: str) -> Path:
    """The reference journal ``name``, generated once into bench/out/."""
    from make_journal import write_journal

    path = OUT / f"{name.lower()}.json"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        write_journal(path, **JOURNALS[name])
    return path


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (ms) and peak resident memory (MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss / 1024


def _someone(path: Path) -> str:
    """The full name of a person in the journal (unique in a generated journal)."""
    import orjson

    people = orjson.loads(path.read_bytes())["people"].values()
    return next(p["name"] for p in people if p["name"].split()[-1].isdigit())


def measure_cli(path: Path, runs: int) -> dict[str, float]:
    """Median wall times of the capture commands, and the peak memory of any of them."""
    env = dict(os.environ, RELATE_NOW="2026-12-02T10:00:00", RELATE_CONFIG=str(OUT / "none.toml"))
    # Measure what people run: an installed package with its bytecode cached (the warm-up
    # run below writes it), not a recompile of every module on each call.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    work = path.with_name(path.stem + "-work.json")
    shutil.copyfile(path, work)
    relate = [str(Path(sys.executable).with_name("relate")), "--db", str(work)]
    name = _someone(path)
    commands = {
        "log": [
            *relate,
            "log",
            name,
            "Coffee; asked about the talk",
            "--kind",
            "coffee",
        ],
        "queue": [*relate, "queue"],
        "due": [*relate, "due", "--count"],
    }
    figures: dict[str, float] = {}
    peak = 0.0
    for key, argv in commands.items():
        timed(argv, env)  # warm the page cache
        samples = []
        for _ in range(runs):
            ms, mb = timed(argv, env)
            samples.append(ms)
            peak = max(peak, mb)
        figures[key] = statistics.median(samples)
    figures["memory"] = peak
    work.unlink(missing_ok=True)
    for backup in work.parent.glob(work.name + ".bak"):
        shutil.rmtree(backup, ignore_errors=True)
    return figures


def measure_app(path: Path, runs: int) -> dict[str, float]:
    """App figures from bench/app_bench.py, if the app is installed."""
    try:
        from app_bench import measure
    except ImportError:
        return {}
    return measure(path, runs=runs)


def table(results: dict[str, dict[str, float]]) -> str:
    """A Markdown table: each figure beside its target, with a verdict."""
    names = list(results)
    head = "| what | " + " | ".join(f"{n} | target" for n in names) + " |"
    rule = "| --- |" + " --- | --- |" * len(names)
    lines = [head, rule]
    for key, (what, unit, *targets) in TARGETS.items():
        cells = []
        for name in names:
            target = targets[list(JOURNALS).index(name.split()[0])]
            value = results[name].get(key)
            if value is None:
                cells += ["—", f"≤ {target} {unit}"]
                continue
            mark = "✓" if value <= target else "✗"
            cells += [f"{value:,.0f} {unit} {mark}", f"≤ {target} {unit}"]
        lines.append(f"| {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="relate benchmark")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=[n.lower() for n in JOURNALS])
    parser.add_argument("--no-app", action="store_true", help="skip the app figures")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    paths = {}
    for name in JOURNALS:
        if args.only and name.lower() != args.only:
            continue
        path = paths[name] = ensure_journal(name)
        size = path.stat().st_size / 1e6
        print(f"{name}: {path} ({size:.1f} MB)", file=sys.stderr)
        results[name] = measure_cli(path, args.runs)
    # The app runs in this process: measure it after every command, because a child forked
    # from a big parent counts the parent's memory in its own peak.
    if not args.no_app:
        for name, path in paths.items():
            results[name].update(measure_app(path, max(1, args.runs // 2)))
    results = {
        f"{name} ({paths[name].stat().st_size / 1e6:.0f} MB)": figures
        for name, figures in results.items()
    }
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {args.runs} runs\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
