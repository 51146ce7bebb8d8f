"""One table of unit words: a rhythm and a date read "3 mths" the same way; only "mon",
which in a date is Monday, stays out of the date grammar."""

from __future__ import annotations

from datetime import date

import pytest

from relate_tui.domain.dates import parse_day
from relate_tui.domain.errors import InputError
from relate_tui.domain.rhythm import Rhythm, parse_rhythm
from relate_tui.domain.units import DATE_UNIT_WORDS, UNIT_WORDS

WED = date(2026, 12, 2)


@pytest.mark.parametrize("word", sorted(UNIT_WORDS))
def test_a_rhythm_and_a_date_read_each_unit_word_alike(word: str) -> None:
    rhythm = parse_rhythm(f"3 {word}")
    assert rhythm == Rhythm(3, UNIT_WORDS[word])
    if word in DATE_UNIT_WORDS:
        assert parse_day(f"in 3 {word}", WED) == rhythm.add_to(WED)
        assert parse_day(f"3{word}", WED) == rhythm.add_to(WED)
    else:
        with pytest.raises(InputError):
            parse_day(f"3 {word}", WED)


def test_mon_is_monday_in_a_date_and_a_month_in_a_rhythm() -> None:
    assert set(UNIT_WORDS) - set(DATE_UNIT_WORDS) == {"mon"}
    assert parse_day("mon", WED) == date(2026, 12, 7)
    assert parse_rhythm("2 mon") == Rhythm(2, "m")


def test_a_fortnight_is_two_weeks_in_a_rhythm_and_in_a_date() -> None:
    assert parse_rhythm("every fortnight") == Rhythm(2, "w")
    assert parse_rhythm("2 fortnights") == Rhythm(4, "w")
    assert parse_day("in a fortnight", WED) == parse_rhythm("fortnight").add_to(WED)
    assert parse_day("2 fortnights ago", WED) == date(2026, 11, 4)
