"""The review's c (copy as Markdown) reaches tmux, whose default set-clipboard ignores the
terminal sequence Textual copies with: the text is also handed to ``tmux load-buffer``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relate_tui.app import RelateApp
from relate_tui.report.review import review_markdown
from tests.pilot.conftest import notifications
from tests.pilot.test_review_screen import open_review, wait_until


def fake_tmux(folder: Path, *, accepts_w: bool = True) -> Path:
    """A ``tmux`` that records what ``load-buffer`` was given (and refuses -w if told)."""
    received = folder / "buffer.txt"
    script = folder / "tmux"
    refuse = "" if accepts_w else 'case "$*" in *-w*) exit 1;; esac\n'
    script.write_text(f'#!/bin/sh\n{refuse}[ "$1" = load-buffer ] && cat > "{received}"\n')
    script.chmod(0o755)
    return received


@pytest.mark.parametrize("accepts_w", [True, False], ids=["tmux-3.2+", "older-tmux"])
async def test_copy_in_tmux_fills_the_paste_buffer(
    demo_app: RelateApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, accepts_w: bool
) -> None:
    received = fake_tmux(tmp_path, accepts_w=accepts_w)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    async with demo_app.run_test(size=(120, 40)) as pilot:
        review = await open_review(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: any("prefix ]" in n for n in notifications(demo_app)))
        assert review.review is not None
        assert received.read_text("utf-8") == review_markdown(review.review)


async def test_outside_tmux_nothing_is_run(
    demo_app: RelateApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    received = fake_tmux(tmp_path)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("TMUX", raising=False)
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert any("Copied the review" in n for n in notifications(demo_app))
    assert not received.exists()
