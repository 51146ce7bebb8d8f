"""The benchmark: build J20k and J100k, time what users wait for, print a table.

    python bench/run.py [--runs 9] [--only j20k] [--no-app] [--jrnl]

Times whole processes (``relate log``, ``relate queue``, ``relate due --count`` after a
change and when nothing changed): the median of several runs, and the peak memory of any
run. App figures (first paint, note save, screen settled, filter, memory) come from
``bench/app_bench.py``, each run a fresh process. The floors are measured in the same run
— Python starting, the console script's own imports, reading and parsing the journal,
writing it with fsync — and a bare Textual app with a 2,000-row DataTable, so each figure
is also shown as a ratio to what bounds it, and a noisy machine does not decide the
verdict. ``--jrnl`` installs jrnl into a throwaway venv in ``bench/out/`` (never into the
project) and times appending one entry to a 20,000-entry jrnl journal, with jrnl's default
config and with a ``timeformat`` strptime can read. This is a measurement, not a test: it
never fails a build. Journals and caches go to ``bench/out/`` (ignored by git).
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

# key: (what, unit, J20k target, J100k target, the floor it is shown against)
TARGETS = {
    "log": ("`relate log …` (was 72 / 163)", "ms", 150, 400, None),
    "due_cached": ("`relate due --count`, nothing changed", "ms", 25, 25, "script"),
    "due": ("`relate due --count` after a change", "ms", 100, 200, "read_parse"),
    "queue": ("`relate queue` after a change", "ms", 110, 250, "read_parse"),
    "paint": ("app first paint", "ms", 1.5, 2.0, "bare"),
    "save": ("app note save (ctrl+s → on disk)", "ms", 30, 100, "write"),
    "settle": ("app screen settled after save", "ms", 300, 400, None),
    "filter": ("filtering people, per keystroke", "ms", 30, 80, None),
    "mem_queue": ("peak memory, `relate queue`", "MB", 150, 150, None),
    "mem_app": ("peak memory, app", "MB", 150, 250, None),
}
RATIO_TARGETS = {"paint"}
"""Targets that are ratios to their floor (the bare app), not milliseconds."""

FLOORS = {
    "python": "Python starting (`python -c pass`)",
    "script": "the console script's own start (`python -c 'import re, sys'`)",
    "read_parse": "reading and parsing the whole journal (orjson)",
    "write": "writing the journal's bytes: temp file, fsync, rename",
    "save_writes": "a save's writes: its own copy in the backups, then the journal (2 × the above)",
    "bare": "a bare Textual app with a 2,000-row DataTable, first paint",
}


def ensure_journal(name: str) -> Path:
    """The reference journal ``name``, generated once into bench/out/ (in a child process,
    so this one stays small: a process forked from a big one counts its memory)."""
    path = OUT / f"{name.lower()}.json"
    if path.exists() and not _current(path):
        path.unlink()  # made by an older relate: its figures would time a rebuild, not a read
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        sizes = JOURNALS[name]
        subprocess.run(
            [sys.executable, str(HERE / "make_journal.py"), str(path)]
            + [f"--{k}={v}" for k, v in sizes.items()],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def _current(path: Path) -> bool:
    """True when ``path`` is sealed as this relate seals a journal, last-touch table and all
    (a journal generated before the table existed makes every timed change rebuild it)."""
    code = (
        "import sys; from relate_tui.storage.sealed import open_sealed; "
        "f = open_sealed(open(sys.argv[1], 'rb').read()); "
        "sys.exit(0 if f is not None and f.newest_current else 1)"
    )
    return subprocess.run([sys.executable, "-c", code, str(path)], check=False).returncode == 0


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
    from relate_tui.storage.sealed import SealedFile, open_sealed

    sealed: SealedFile | None = open_sealed(path.read_bytes())
    assert sealed is not None, "the reference journal is sealed"
    people = sealed.table("people").values()
    return next(p["name"] for p in people if p["name"].split()[-1].isdigit())


def _median(argv: list[str], env: dict[str, str], runs: int, before=None) -> tuple[float, float]:
    """Median wall time over ``runs`` (``before()`` untimed ahead of each) and peak MB."""
    samples, peak = [], 0.0
    for _ in range(runs):
        if before is not None:
            before()
        ms, mb = timed(argv, env)
        samples.append(ms)
        peak = max(peak, mb)
    return statistics.median(samples), peak


def measure_cli(path: Path, runs: int) -> dict[str, float]:
    """Median wall times of the capture commands, and the peak memory of ``queue``."""
    env = dict(
        os.environ,
        RELATE_NOW="2026-12-02T10:00:00",
        RELATE_CONFIG=str(OUT / "none.toml"),
        RELATE_CACHE=str(OUT / "cache"),
    )
    # Measure what people run: an installed package with its bytecode cached (the warm-up
    # run below writes it), not a recompile of every module on each call.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    work = path.with_name(path.stem + "-work.json")
    shutil.copyfile(path, work)
    relate = [str(Path(sys.executable).with_name("relate")), "--db", str(work)]
    name = _someone(path)
    log = [*relate, "log", name, "Coffee; asked about the talk", "--kind", "coffee"]
    change = [*relate, "log", name, "a jot between two timings", "--kind", "note"]

    def a_change() -> None:
        timed(change, env)

    figures: dict[str, float] = {}
    timed(log, env)  # warm the page cache and the bytecode
    figures["log"], _ = _median(log, env, runs)
    figures["due"], _ = _median([*relate, "due", "--count"], env, runs, a_change)
    figures["queue"], figures["mem_queue"] = _median([*relate, "queue"], env, runs, a_change)
    # Nothing changed: the status line's case. An answer is stored only for a file left
    # alone for two seconds (see relate_tui/status_line.py).
    time.sleep(2.2)
    timed([*relate, "due", "--count"], env)
    figures["due_cached"], _ = _median([*relate, "due", "--count"], env, runs)
    work.unlink(missing_ok=True)
    for backup in work.parent.glob(work.name + ".bak"):
        shutil.rmtree(backup, ignore_errors=True)
    return figures


def measure_floors(path: Path, runs: int) -> dict[str, float]:
    """What bounds the figures, measured in this run on this machine."""
    py = sys.executable
    env = dict(os.environ)
    read_parse = f"import orjson; orjson.loads(open({str(path)!r}, 'rb').read())"
    # One durable write, then a save as relate makes it: a copy of what it writes kept in
    # the backups (storage/rolling.py), then the journal itself, each fsynced and renamed.
    write = (
        "import os, sys, time\n"
        f"data = open({str(path)!r}, 'rb').read()\n"
        "def put(target):\n"
        "    tmp = target + '.tmp'\n"
        "    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)\n"
        "    os.write(fd, data); os.fsync(fd); os.close(fd)\n"
        "    os.replace(tmp, target)\n"
        "    dfd = os.open(os.path.dirname(tmp), os.O_RDONLY); os.fsync(dfd); os.close(dfd)\n"
        "start = time.perf_counter()\n"
        f"put({str(path) + '.floor'!r})\n"
        "one = time.perf_counter()\n"
        f"put({str(path) + '.floor2'!r})\n"
        "two = time.perf_counter()\n"
        "print((one - start) * 1000, (two - start) * 1000)\n"
    )
    writes, saves = [], []
    for _ in range(runs):
        done = subprocess.run([py, "-c", write], capture_output=True, text=True, check=True)
        one, two = map(float, done.stdout.split())
        writes.append(one)
        saves.append(two)
    for suffix in (".floor", ".floor2"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return {
        "python": _median([py, "-c", "pass"], env, runs)[0],
        "script": _median([py, "-c", "import re, sys"], env, runs)[0],
        "read_parse": _median([py, "-c", read_parse], env, runs)[0],
        "write": statistics.median(writes),
        "save_writes": statistics.median(saves),
    }


def measure_app(path: Path, runs: int) -> dict[str, float]:
    """App figures from bench/app_bench.py, if the app is installed."""
    try:
        from app_bench import measure
    except ImportError:
        return {}
    return measure(path, runs=runs)


def measure_jrnl(runs: int, entries: int = 20_000) -> dict[str, float] | str:
    """jrnl appending one entry to an ``entries``-entry journal, with its default
    ``timeformat`` and with one strptime can read (ms); or why it could not be timed."""
    venv = OUT / "jrnl-venv"
    jrnl = venv / "bin" / "jrnl"
    if not jrnl.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
        installed = made.returncode == 0 and (
            subprocess.run(
                [str(venv / "bin" / "pip"), "install", "-q", "jrnl==4.6"], capture_output=True
            ).returncode
            == 0
        )
        if not installed or not jrnl.exists():
            return "jrnl could not be installed here"
    results: dict[str, float] = {}
    for label, fmt, strftime in (
        ("jrnl_default", "%F %r", "%Y-%m-%d %I:%M:%S %p"),
        ("jrnl_strptime", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M"),
    ):
        folder = OUT / label
        folder.mkdir(exist_ok=True)
        journal, config = folder / "journal.txt", folder / "config.yaml"
        lines = []
        for i in range(entries):
            moment = time.strftime(strftime, time.gmtime(1_600_000_000 + i * 3600))
            lines.append(f"[{moment}] Entry {i}: coffee with Ana, talked about the talk.\n")
        journal.write_text("\n".join(lines))
        config.write_text(
            "colors: {body: none, date: none, tags: none, title: none}\n"
            "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
            f"highlight: true\nindent_character: '|'\njournals:\n  default: {journal}\n"
            f"linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '{fmt}'\n"
            "version: v4.6\n"
        )
        argv = [str(jrnl), "--config-file", str(config), "Coffee with Ana, asked about the talk"]
        samples = []
        for _ in range(runs):
            journal_copy = journal.read_bytes()
            ms, _ = timed(argv, dict(os.environ))
            samples.append(ms)
            journal.write_bytes(journal_copy)
        results[label] = statistics.median(samples)
    return results


def _cell(key: str, value: float | None, target: float, unit: str, floor: float | None) -> str:
    if value is None:
        return "—"
    if key in RATIO_TARGETS:
        ratio = value / floor if floor else float("nan")
        mark = "✓" if ratio <= target else "✗"
        return f"{value:,.0f} ms = {ratio:.2f}× {mark}"
    mark = "✓" if value <= target else "✗"
    text = f"{value:,.0f} {unit} {mark}"
    if floor:
        text += f" ({value / floor:.1f}×)"
    return text


def table(results: dict[str, dict[str, float]]) -> str:
    """A Markdown table: each figure beside its target (ratios to the floors in brackets),
    then the floors themselves."""
    names = list(results)
    head = "| what | " + " | ".join(f"{n} | target" for n in names) + " |"
    lines = [head, "| --- |" + " --- | --- |" * len(names)]
    for key, (what, unit, *targets, floor_key) in TARGETS.items():
        cells = []
        for name in names:
            target = targets[list(JOURNALS).index(name.split()[0])]
            figures = results[name]
            floor = figures.get(floor_key) if floor_key else None
            cells.append(_cell(key, figures.get(key), target, unit, floor))
            shown = f"≤ {target}× bare" if key in RATIO_TARGETS else f"≤ {target} {unit}"
            cells.append(shown)
        lines.append(f"| {what} | " + " | ".join(cells) + " |")
    lines += ["", "| floor, same run | " + " | ".join(names) + " |"]
    lines.append("| --- |" + " --- |" * len(names))
    for key, what in FLOORS.items():
        cells = [f"{results[n][key]:,.0f} ms" if key in results[n] else "—" for n in names]
        lines.append(f"| {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="relate benchmark")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=[n.lower() for n in JOURNALS])
    parser.add_argument("--no-app", action="store_true", help="skip the app figures")
    parser.add_argument("--jrnl", action="store_true", help="time jrnl too (installs it)")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    paths = {}
    load_before = os.getloadavg()[0]
    for name in JOURNALS:
        if args.only and name.lower() != args.only:
            continue
        path = paths[name] = ensure_journal(name)
        size = path.stat().st_size / 1e6
        print(f"{name}: {path} ({size:.1f} MB)", file=sys.stderr)
        results[name] = measure_cli(path, args.runs)
        results[name].update(measure_floors(path, args.runs))
    if not args.no_app:
        for name, path in paths.items():
            results[name].update(measure_app(path, max(1, args.runs // 2)))
    results = {
        f"{name} ({paths[name].stat().st_size / 1e6:.0f} MB)": figures
        for name, figures in results.items()
    }
    load = f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f}"
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"median of {args.runs} runs, {load}\n"
    )
    print(table(results))
    if args.jrnl:
        jrnl = measure_jrnl(args.runs)
        print()
        if isinstance(jrnl, str):
            print(f"jrnl: {jrnl}; the figures quoted in the README stand.")
        else:
            print(
                "jrnl 4.6, appending one entry to a 20,000-entry journal: "
                f"{jrnl['jrnl_default']:,.0f} ms with its default config, "
                f"{jrnl['jrnl_strptime']:,.0f} ms with a timeformat strptime can read."
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
