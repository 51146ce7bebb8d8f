"""The random-key run (``tests/pilot/monkey.py``): from an empty and from the demo journal,
at 60×20, 80×24 and 120×40, keys drawn from every binding, typing and pasted nasty text.
Each run asserts the app kept running (strict: any unexpected error ends it), no worker
failed, and the journal file passes the doctor and holds exactly what the writes saved.

In the suite: one seed per journal and size (a few tens of seconds in all). More seeds:
``python -m pytest -m slow tests/pilot/test_random_keys.py`` (``RELATE_MONKEY_SEEDS`` runs of
2,000 keys, default 20, the journals and sizes taken in turn), or the script,
``python -m tests.pilot.monkey --seeds 100``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.pilot import monkey

KEYS = int(os.environ.get("RELATE_MONKEY_KEYS", "400"))
"""Steps per run in the suite."""


@pytest.mark.parametrize("size", monkey.SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("journal", monkey.JOURNALS)
async def test_random_keys_never_end_the_app_or_lose_a_record(
    journal: str, size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the palette's Screenshot command saves here
    seed = 19 + monkey.JOURNALS.index(journal) * 10 + monkey.SIZES.index(size)
    outcome = await monkey.run(seed, journal, size, KEYS, tmp_path)
    assert not outcome.problems, outcome.report()
    assert outcome.steps == KEYS


SLOW_RUNS = monkey.plan_runs(range(1, int(os.environ.get("RELATE_MONKEY_SEEDS", "20")) + 1))


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "journal", "size"), SLOW_RUNS)
async def test_many_seeds(
    seed: int,
    journal: str,
    size: tuple[int, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    outcome = await monkey.run(seed, journal, size, 2000, tmp_path)
    assert not outcome.problems, outcome.report()
