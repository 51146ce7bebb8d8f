"""A ``[keymap]`` from config.toml checked against the one key table (``keys.KEYS``).

At start the app applies only entries that can work: a known binding id, a key written as
Textual names it, and no key that another binding on the same screen needs (or that
Textual and the lists need). Everything left out is named in one line, so a typo or a
clash is never silent and the app always stays usable (``person-add = "q"`` would hide
Quit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from relate_tui.app.keys import KEYS, binding_ids

RESERVED_KEYS = {
    "ctrl+p": "the command palette",
    "ctrl+q": "Textual's quit",
    "ctrl+c": "copy",
    "up": "moving in lists",
    "down": "moving in lists",
    "enter": "opening the person under the cursor",
}
"""Keys that Textual or the lists need; a ``[keymap]`` entry may not take them."""


@dataclass(frozen=True)
class KeymapCheck:
    """A ``[keymap]`` as checked at start: what is applied, and what was wrong."""

    keymap: dict[str, str]
    """The entries applied: known ids, keys normalised, none that takes a needed key."""
    problems: list[str]
    """One line per entry left out, naming it and why."""


def normalise_keys(keys: str) -> str:
    """``"?, ctrl+n"`` → ``"question_mark,ctrl+n"``: the names Textual gives key presses."""
    # Private in Textual, and pinned with it: the same spelling its own bindings get.
    from textual.keys import _character_to_key

    names = [key.strip() for key in keys.split(",") if key.strip()]
    return ",".join(_character_to_key(key) if len(key) == 1 else key for key in names)


def _chains() -> list[tuple[str, ...]]:
    """The scopes whose bindings are active together: each screen's own and the App's."""
    scopes = dict.fromkeys(key.scope for key in KEYS if key.scope != "app")
    return [(scope, "app") for scope in scopes]


def _holders(keymap: Mapping[str, str]) -> dict[tuple[tuple[str, ...], str], set[str]]:
    """(chain, key) → the binding ids that key runs there, with ``keymap`` applied."""
    holders: dict[tuple[tuple[str, ...], str], set[str]] = {}
    for chain in _chains():
        for key in KEYS:
            if key.scope in chain:
                keys = keymap.get(key.id) or normalise_keys(key.keys)
                for name in keys.split(","):
                    holders.setdefault((chain, name), set()).add(key.id)
    return holders


def check_keymap(keymap: Mapping[str, str], source: str = "config.toml") -> KeymapCheck:
    """Check ``[keymap]`` against the table: unknown ids, and keys another binding needs.

    An entry that would take a key from another binding on the same screen (``person-add
    = "q"`` hides Quit) is left out, so the app stays usable, and named. Clashes the
    table has on purpose (escape ends the walk, then goes back) are not counted.
    """
    from relate_tui.settings import nearest

    problems: list[str] = []
    ids = sorted(binding_ids())
    applied: dict[str, str] = {}
    for binding_id, value in keymap.items():
        if binding_id not in ids:
            guess = nearest(binding_id, ids)
            hint = f"did you mean {guess}?" if guess else "press ? to see the ids"
            problems.append(f"{source} [keymap]: no binding is called {binding_id} ({hint})")
            continue
        keys = normalise_keys(value)
        if not keys:
            problems.append(f'{source} [keymap]: {binding_id} = "" names no key')
            continue
        reserved = next((k for k in keys.split(",") if k in RESERVED_KEYS), None)
        if reserved is not None:
            problems.append(
                f'{source} [keymap]: {binding_id} = "{value}" would take {reserved}, '
                f"which is for {RESERVED_KEYS[reserved]}; kept {_default(binding_id)}"
            )
            continue
        applied[binding_id] = keys
    default = _holders({})
    while True:
        clash = next(
            (
                (name, held)
                for (chain, name), held in _holders(applied).items()
                if len(held) > 1 and not held <= default.get((chain, name), set())
            ),
            None,
        )
        if clash is None:
            break
        name, held = clash
        # The remapped id that caused the clash gives way (the one that moved onto the key).
        taker = next(i for i in sorted(held) if i in applied and name in applied[i].split(","))
        others = sorted(held - {taker})
        labels = ", ".join(f"{other} ({_label(other)})" for other in others)
        problems.append(
            f'{source} [keymap]: {taker} = "{keymap[taker]}" would hide {labels} '
            f"on {format_key(name)}; kept {_default(taker)} for {taker}"
        )
        del applied[taker]
    return KeymapCheck(applied, problems)


def _default(binding_id: str) -> str:
    key = next(k for k in KEYS if k.id == binding_id)
    return key.key_display or key.keys


def _label(binding_id: str) -> str:
    return next(k.label for k in KEYS if k.id == binding_id)


def format_key(name: str) -> str:
    """A key name as people write it: ``question_mark`` → ``?``."""
    from textual.keys import format_key as textual_format

    return textual_format(name)
