"""What relate does to the command line before and after argparse reads it.

argparse reads ``--rhythm -3w`` as an option with no value followed by an unknown option,
and reports unknown options against ``relate --help`` whoever made them. These helpers let
the value reach relate's own check (which says what is wrong with it) and point an unknown
option at the help of the command it was given to.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def subcommand_parser(
    parser: argparse.ArgumentParser, command: str | None
) -> argparse.ArgumentParser | None:
    """The parser of ``command`` (``relate log``), or None for no or an unknown command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command:
            return action.choices.get(command)
    return None


def attach_dashed_values(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """``--rhythm -3w`` becomes ``--rhythm=-3w`` so that relate judges the value.

    Only for options that take one value, and only when the next word is not one of the
    command's own options: ``--promise --due fri`` still says that --promise needs a value.
    """
    args = list(argv)
    sub = next(
        (found for word in args if (found := subcommand_parser(parser, word)) is not None), None
    )
    known: dict[str, argparse.Action] = dict(parser._option_string_actions)
    if sub is not None:
        known.update(sub._option_string_actions)
    joined: list[str] = []
    index = 0
    while index < len(args):
        word = args[index]
        if word == "--":
            joined += args[index:]
            break
        action = known.get(word)
        following = args[index + 1] if index + 1 < len(args) else None
        if (
            action is not None
            and action.nargs is None
            and action.option_strings
            and action.const is None
            and following is not None
            and following.startswith("-")
            and following not in ("-", "--")
            and following.split("=")[0] not in known
        ):
            joined.append(f"{word}={following}")
            index += 2
            continue
        joined.append(word)
        index += 1
    return joined
