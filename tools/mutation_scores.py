"""Print the mutation score of each core file from the last `mutmut run` (README, Development);
``--groups`` adds a Markdown table per group, ``--survivors`` names the survivors. Name
result folders to combine runs (``mutants.core mutants``: the sealed file runs apart, with
its own test selection); each file is scored from the last folder that ran it.

The score is (killed + timeout) / (all - equivalent): mutants listed in docs/mutation.md as
equivalent (they change nothing a user or a caller could notice) are left out, and any that
were *killed* anyway are reported so the list stays honest. `--survivors` lists the rest.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KILLED = {1, 3, 36, 24, -24, 152, 255}
GROUPS = {  # the groups (#18): each is held to 95%
    "queue": ("queue.py", "queue_due.py", "queue_item.py", "touches.py"),
    "rhythm": ("rhythm.py",),
    "dates": (
        "dates.py",
        "day_grammar.py",
        "time_grammar.py",
        "date_words.py",
        "date_uses.py",
        "yearly_dates.py",
        "units.py",
        "calendar_math.py",
    ),
    "matching": ("matching.py", "names.py"),
    "review": ("review.py", "review_touches.py", "review_promises.py", "review_rhythm.py"),
    "sealed": ("sealed.py", "sealed_file.py"),
}  # a test failed, or the mutant hung (timeout)
EQUIVALENT = re.compile(r"`(relate_tui\.[^`]+__mutmut_\d+)`")


def equivalents() -> set[str]:
    """The mutant names docs/mutation.md lists as equivalent."""
    doc = ROOT / "docs" / "mutation.md"
    return set(EQUIVALENT.findall(doc.read_text("utf-8"))) if doc.exists() else set()


def results(folders: list[Path]) -> dict[str, dict[str, int | None]]:
    """Each mutated file's exit code per mutant, from the ``*.py.meta`` files of ``folders``
    (None: not run). A file takes its codes from the last folder that ran any of its
    mutants, whole: a file changed between runs is never scored half old, half new."""
    merged: dict[str, dict[str, int | None]] = {}
    for folder in folders:
        for meta in sorted(folder.rglob("*.py.meta")):
            path = str(meta.relative_to(folder))[: -len(".meta")]
            codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
            if path not in merged or any(code is not None for code in codes.values()):
                merged[path] = codes
    return merged


def main(argv: list[str]) -> int:
    """Print one line per mutated file and a total; with --survivors, name each survivor."""
    listed = equivalents()
    folders = [Path(a) for a in argv if not a.startswith("--")] or [ROOT / "mutants"]
    by_file = results(folders)
    if not by_file:
        print("no mutation results: run `mutmut run --max-children 2` first", file=sys.stderr)
        return 2
    total, survivors, stale = Counter(), [], []
    groups: dict[str, Counter] = {name: Counter() for name in GROUPS}
    print(f"{'file':44} {'killed':>6} {'equiv':>5} {'surv':>4} {'todo':>4} {'score':>6}")
    for path, codes in sorted(by_file.items()):
        if not codes:
            continue
        row = Counter()
        for name, code in codes.items():
            if name in listed:
                row["equivalent"] += 1
                if code in KILLED:
                    stale.append(name)
            elif code in KILLED:
                row["killed"] += 1
            elif code is None:
                row["todo"] += 1
            else:
                row["survived"] += 1
                survivors.append(name)
        total.update(row)
        for name, files in GROUPS.items():
            if Path(path).name in files:
                groups[name].update(row)
        tested = row["killed"] + row["survived"]
        score = f"{100 * row['killed'] / tested:5.1f}%" if tested else "     -"
        print(
            f"{path:44} {row['killed']:6} {row['equivalent']:5} {row['survived']:4}"
            f" {row['todo']:4} {score}"
        )
    tested = total["killed"] + total["survived"]
    if tested:
        print(
            f"{'all':44} {total['killed']:6} {total['equivalent']:5} {total['survived']:4}"
            f" {total['todo']:4} {100 * total['killed'] / tested:5.1f}%"
        )
    if "--groups" in argv:
        print("\n| group | killed | equivalent | survived | score |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, row in groups.items():
            tested = row["killed"] + row["survived"]
            score = f"{100 * row['killed'] / tested:.1f}%" if tested else "-"
            print(
                f"| {name} | {row['killed']} | {row['equivalent']} | {row['survived']} | {score} |"
            )
    for name in stale:
        print(f"listed as equivalent but killed: {name}")
    known = {name for codes in by_file.values() for name in codes}
    for name in sorted(listed - known):
        print(f"listed as equivalent but no such mutant (the code moved): {name}")
    if "--survivors" in argv:
        print("\n".join(survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
