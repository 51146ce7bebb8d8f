"""The README's tmux snippet works when pasted: in a real tmux (3.2 or newer) started with
it as its config, the status line shows what is due and ``prefix L`` opens the popup with
the note form, whose note reaches the journal, quotes and all. Runs on tmux servers of its
own (``-L``), never the user's; skipped where tmux is missing or older."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from relate_tui.cli import main

README = Path(__file__).parents[2] / "README.md"
NOW = "2026-12-02T10:00:00"
BIN = Path(sys.executable).parent  # where pip put the relate command


def tmux_version() -> tuple[int, int] | None:
    if shutil.which("tmux") is None:
        return None
    said = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout
    found = re.search(r"(\d+)\.(\d+)", said)
    return (int(found[1]), int(found[2])) if found else None


pytestmark = [
    pytest.mark.skipif(
        (tmux_version() or (0, 0)) < (3, 2), reason="needs tmux 3.2+ (display-popup)"
    ),
    pytest.mark.skipif(not (BIN / "relate").exists(), reason="relate is not installed"),
]


def readme_snippet() -> str:
    """The ``~/.tmux.conf`` lines as the README shows them."""
    text = README.read_text("utf-8")
    return text.split("```tmux\n", 1)[1].split("```", 1)[0]


def wait_for(check: Callable[[], bool], timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.2)
    return check()


@pytest.fixture
def tmux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., str]]:
    """``tmux(server, *args)`` on this test's own two servers (named sockets, never the
    default one); both are ended afterwards."""
    monkeypatch.setenv("RELATE_NOW", NOW)
    env = {k: v for k, v in os.environ.items() if k != "TMUX"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # as after pipx install
    servers = {"inner": f"relate-test-inner-{os.getpid()}", "outer": f"relate-test-{os.getpid()}"}

    def run(server: str, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", servers[server], *args], env=env, capture_output=True, text=True
        )
        return done.stdout

    yield run
    # Both sockets first: ending the inner server ends the outer one's only pane, and so it.
    sockets = [run(name, "display-message", "-p", "#{socket_path}").strip() for name in servers]
    for name in servers:
        run(name, "kill-server")
    for socket in filter(None, sockets):
        Path(socket).unlink(missing_ok=True)  # tmux leaves the socket file behind


def test_the_readme_snippet_shows_the_count_and_the_popup_opens_the_note_form(
    tmp_path: Path, tmux: Callable[..., str]
) -> None:
    journal = Path(os.environ["RELATE_DB"])
    for name in ("Ana Lima", "Bruno Costa"):
        assert main(["add", name, "--rhythm", "2w"]) == 0
        assert main(["log", name, "met", "--at", "2026-10-01"]) == 0
    config = tmp_path / "tmux.conf"
    config.write_text(readme_snippet() + "set -g status-interval 1\n", "utf-8")

    tmux("inner", "-f", str(config), "new-session", "-d", "-s", "work", "-x", "100", "-y", "20")
    # A client to draw the status line and the popup: the inner server seen from another.
    inner_socket = tmux("inner", "display-message", "-p", "#{socket_path}").strip()
    tmux("outer", "new-session", "-d", "-s", "view", "-x", "100", "-y", "20",
         f"env -u TMUX tmux -S {inner_socket} attach -t work")  # fmt: skip

    def status_line() -> str:
        shown = tmux("outer", "capture-pane", "-p", "-t", "view").rstrip().splitlines()
        return shown[-1] if shown else ""  # nothing drawn yet

    assert wait_for(lambda: status_line().endswith("2 due")), status_line()

    def screen() -> str:
        return tmux("outer", "capture-pane", "-p", "-t", "view")

    tmux("outer", "send-keys", "-t", "view", "C-b", "L")
    # The popup is the app's note form, alone: "With", the text box, the promise line.
    assert wait_for(lambda: "New note" in screen() and "Promise" in screen()), screen()
    assert "Next touch" not in screen()  # not the main screen behind it
    tmux("outer", "send-keys", "-t", "view", "-l", "ana")
    assert wait_for(lambda: "→ Ana Lima" in screen()), screen()
    tmux("outer", "send-keys", "-t", "view", "Tab", "Tab", "Tab")  # kind, when, the text
    tmux("outer", "send-keys", "-t", "view", "-l", 'Coffee, she\'s moving to "Lisbon"')
    assert wait_for(lambda: "Lisbon" in screen()), screen()  # seen typed, then saved
    tmux("outer", "send-keys", "-t", "view", "C-s")

    def logged() -> list[str]:
        notes = json.loads(journal.read_text("utf-8"))["notes"].values()
        return [n["body"] for n in notes]

    assert wait_for(lambda: 'Coffee, she\'s moving to "Lisbon"' in logged()), (logged(), screen())
    assert wait_for(lambda: status_line().endswith("1 due")), status_line()
