"""What the random-key run does, decided by the seed: keys drawn from every binding in
``app/keys.py``, navigation, typing, pasted nasty text and resizes, some sent in bursts.

The runner is ``tests/pilot/monkey.py``.
"""

from __future__ import annotations

import random
import string
import unicodedata
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key

from relate_tui.app import keys

SIZES = ((60, 20), (80, 24), (120, 40))
JOURNALS = ("empty", "demo")

NASTY = (
    # text that looks like markup, closed or not
    "[/",
    "x[/y",
    "[/]",
    "Kim [/ Lee",
    "[bold]B[/] [link=https://x]y[/link] [@click=app.quit]q[/]",
    "a\\[/b] \\",
    "[red",
    # control characters, escape sequences, bidi controls
    "\x1b[2J\x1b]0;title\x07\x1b[31mred",
    "nul\x00 del\x7f c1\x9b tab\tcr\rend",
    "\u202eevil\u202c \u2066iso",
    # emoji, CJK, right-to-left, combining marks, wide characters
    "🦊 👩‍👩‍👧‍👦 🏳️‍🌈 ✨",
    "李小龍 김민준 ｆｕｌｌ　ｗｉｄｔｈ שלום مرحبا",
    "Zoë Ünal e\u0301\u0301\u0301",
    # dates no calendar has, and words for them
    "may 1990",
    "31 feb",
    "2026-02-30",
    "--13-45",
    "1990-13-01",
    "yesterday 25pm",
    "in 99999 years",
    "-1w",
    "0d",
    "12/1",
    "feb 29 2027",
    "99999999999999999999",
    # sizes: very long, many lines, many tags, nothing
    "x" * 5000,
    "ab " * 1700,
    "\n".join(f"line {n}" for n in range(300)),
    "#tag " * 60,
    "a: ; b: 12 jun; : 3 mar; name day: may 1990",
    "",
    "   ",
    "\n\n",
)

NAVIGATION = (
    "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
    "enter", "escape", "tab", "shift+tab", "space", "backspace", "delete",
)  # fmt: skip

# Typing: q is left out (on the main screen it quits, which only restarts the run); it
# still arrives inside pasted text.
CHARACTERS = (string.ascii_letters + string.digits + " .,:;-#@/[]\\()'\"!?→").replace("q", "")


WAIT_AFTER = 0.4
"""How often a step waits for the screen before the next one (else: bursts of keys)."""


def binding_keys() -> list[str]:
    """Every key of every binding in ``app/keys.py`` (all scopes) and the keys the ? screen
    lists besides (ctrl+p …), except quitting."""
    pool: set[str] = set()
    for key in keys.KEYS:
        if key.id != "quit":
            pool.update(k.strip() for k in key.keys.split(","))
    pool.discard("q")
    pool.update(key for key, _, _ in keys.OTHER_KEYS if key != "→")
    pool.update(("right", "ctrl+c"))
    return sorted(pool)


@dataclass(frozen=True)
class Step:
    """One thing the run does: press a key, paste text, or resize the terminal."""

    kind: str  # "key", "paste" or "resize"
    value: Any
    wait: bool = True
    """Wait for the screen to handle it before the next step; False sends the next one at
    once, as fast typing or a terminal delivering several keys in one read does."""

    def __str__(self) -> str:
        then = "" if self.wait else " +"  # "+": the next step followed at once
        if self.kind == "paste":
            text = repr(self.value)
            return f"paste {text[:40]}{'…' if len(text) > 40 else ''}{then}"
        return f"{self.kind} {self.value}{then}"


def steps(seed: int, count: int) -> list[Step]:
    """The run's steps, decided by the seed alone (not by timing)."""
    rng = random.Random(seed)
    bindings = binding_keys()
    out = []
    for _ in range(count):
        roll, wait = rng.random(), rng.random() < WAIT_AFTER
        if roll < 0.32:
            out.append(Step("key", rng.choice(bindings), wait))
        elif roll < 0.55:
            out.append(Step("key", rng.choice(NAVIGATION), wait))
        elif roll < 0.85:
            out.append(Step("key", rng.choice(CHARACTERS), wait))
        elif roll < 0.93:
            out.append(Step("paste", rng.choice(NASTY), wait))
        elif roll < 0.99:
            out.append(Step("key", "ctrl+s", wait))
        else:
            out.append(Step("resize", rng.choice(SIZES)))
    return out


def key_event(key: str) -> events.Key:
    """The event a terminal sends for ``key`` (as ``Pilot.press`` builds it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)
