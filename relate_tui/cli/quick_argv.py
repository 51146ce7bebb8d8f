"""The everyday commands read without argparse: ``relate log``, ``queue`` and ``due``.

Importing argparse and building relate's parser is about a tenth of a quick ``relate log``.
Here the plain shapes of these commands — their own options spelt out in full, values
that do not start with a dash, the words of a note in one run — are read into the same
namespace argparse would make (same names, same defaults, same order). Anything else
(``--help``, an abbreviated or unknown option, a missing value, a word argparse would
refuse or read differently) is not read here at all: ``quick_args`` returns None and the
full parser (``cli.parser``) reads the line, so every message and every help text is
argparse's own. ``tests/unit/test_quick_argv.py`` checks both readings agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

FLAG, VALUE, APPEND = "flag", "value", "append"

QUICK: dict[str, tuple[tuple[tuple[str, object], ...], int, dict[str, tuple[str, str, object]]]]
QUICK = {
    "log": (
        (("name", None), ("text", "")),
        0,  # no words: the note form on a terminal, or the one-line error (cli.capture)
        {
            "--kind": ("kind", VALUE, "call"),
            "--at": ("at", VALUE, None),
            "--with": ("others", APPEND, None),
            "--promise": ("promise", VALUE, None),
            "--due": ("due", VALUE, None),
            "--gave": ("gave", FLAG, False),
            "--asked": ("asked", FLAG, False),
            "--json": ("json", FLAG, False),
        },
    ),
    "queue": (
        (),
        0,
        {
            "--week": ("week", FLAG, False),
            "--json": ("json", FLAG, False),
            "--explain": ("explain", VALUE, None),
        },
    ),
    "due": ((), 0, {"--count": ("count", FLAG, False)}),
}
"""Per command: its positionals (name, default) in order, how many are required, and its
options (spelling: name, kind, default) in the order the command declares them."""


def quick_args(words: Sequence[str]) -> SimpleNamespace | None:
    """The namespace for ``words`` (the arguments after ``relate``) when they are a plain
    ``log``, ``queue`` or ``due`` line; None for anything the full parser must read."""
    before: list[str] = []
    index = _db_options(words, 0, before)
    if index is None or index >= len(words) or words[index] not in QUICK:
        return None
    command = words[index]
    positionals, required, options = QUICK[command]
    values: dict[str, object] = {}
    given: list[str] = []
    after: list[str] = []
    run_ended = False
    index += 1
    while index < len(words):
        word = words[index]
        if not word.startswith("-") or word == "-":
            if run_ended or len(given) == len(positionals):
                return None  # argparse reads only the first run of words as positionals
            given.append(word)
            index += 1
            continue
        run_ended = bool(given)
        if word == "--db" or word.startswith("--db="):
            index = _db_options(words, index, after, once=True)
        else:
            index = _option(words, index, options, values)
        if index is None:
            return None
    if len(given) < required:
        return None
    namespace: dict[str, object] = {"command": command}
    if before:
        namespace["db"] = before[-1]
    for number, (dest, default) in enumerate(positionals):
        namespace[dest] = given[number] if number < len(given) else default
    for dest, kind, default in options.values():
        namespace[dest] = values.get(dest, [] if kind == APPEND else default)
    if after:
        namespace["db"] = after[-1]  # the command's own --db wins, where argparse puts it
    return SimpleNamespace(**namespace)


def _option(
    words: Sequence[str],
    index: int,
    options: dict[str, tuple[str, str, object]],
    values: dict[str, object],
) -> int | None:
    """Read the option at ``words[index]`` into ``values``; the index after it, or None
    when it is not one the quick reading takes (unknown, abbreviated, no plain value)."""
    word = words[index]
    spelling, equals, attached = word.partition("=")
    option = options.get(spelling)
    if option is None:
        return None
    dest, kind, _ = option
    if kind == FLAG:
        if equals:
            return None
        values[dest] = True
        return index + 1
    if equals:
        value, index = attached, index + 1
    elif index + 1 < len(words) and not words[index + 1].startswith("-"):
        value, index = words[index + 1], index + 2
    else:
        return None
    if kind == APPEND:
        values.setdefault(dest, []).append(value)  # type: ignore[union-attr]
    else:
        values[dest] = value
    return index


def _db_options(
    words: Sequence[str], index: int, paths: list[str], *, once: bool = False
) -> int | None:
    """Read ``--db PATH`` / ``--db=PATH`` from ``index`` (before the command: as many as
    there are; after it: one), appending each path to ``paths``; the index after them, or
    None when a word there is any other option."""
    while index < len(words) and words[index].startswith("-") and words[index] != "-":
        word = words[index]
        if word.startswith("--db="):
            paths.append(word[len("--db=") :])
            index += 1
        elif word == "--db" and index + 1 < len(words) and not words[index + 1].startswith("-"):
            paths.append(words[index + 1])
            index += 2
        else:
            return None
        if once:
            break
    return index
