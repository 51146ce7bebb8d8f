"""The date grammar's patterns are compiled on first use (importing it stays cheap for
``relate log``): a pattern used for the first time in a process reads what it should.

The rest of the suite cannot show this: by the time a test runs, an earlier one has
compiled every pattern it uses.
"""

from __future__ import annotations

from relate_tui.domain.day_grammar import LazyPattern


def test_a_pattern_used_for_the_first_time_matches_the_whole_text() -> None:
    pattern = LazyPattern(r"in\s+([0-9]+)\s*(d|w)")
    match = pattern.fullmatch("in 3 w")
    assert match is not None and match.groups() == ("3", "w")
    assert pattern.fullmatch("in 3 weeks") is None  # the whole text, not a prefix
    assert pattern.fullmatch("in 12d").groups() == ("12", "d")  # type: ignore[union-attr]
