"""Rhythms: what people type, what is stored, and when the next touch falls due."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relate_tui.domain.errors import InputError
from relate_tui.domain.rhythm import (
    Rhythm,
    describe_rhythm,
    normalise_rhythm,
    parse_rhythm,
    resolve_rhythm,
)
from relate_tui.settings import DEFAULT_TIERS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2w", Rhythm(2, "w")),
        ("2 w", Rhythm(2, "w")),
        ("2W", Rhythm(2, "w")),
        ("  6 weeks ", Rhythm(6, "w")),
        ("3 months", Rhythm(3, "m")),
        ("3 mo", Rhythm(3, "m")),
        ("3m", Rhythm(3, "m")),
        ("month", Rhythm(1, "m")),
        ("90d", Rhythm(90, "d")),
        ("90 days", Rhythm(90, "d")),
        ("1y", Rhythm(1, "y")),
        ("1 year", Rhythm(1, "y")),
        ("2 yrs", Rhythm(2, "y")),
        ("every 2 weeks", Rhythm(2, "w")),
        ("daily", Rhythm(1, "d")),
        ("weekly", Rhythm(1, "w")),
        ("fortnightly", Rhythm(2, "w")),
        ("monthly", Rhythm(1, "m")),
        ("quarterly", Rhythm(3, "m")),
        ("yearly", Rhythm(1, "y")),
        ("999d", Rhythm(999, "d")),
    ],
)
def test_parse_rhythm_accepts_what_people_type(text: str, expected: Rhythm) -> None:
    assert parse_rhythm(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("fortnightly-ish", "use a number and a unit, like 2w, 3 months, 90d or 1y"),
        ("", "not understood"),
        ("   ", "not understood"),
        ("2", "not understood"),
        ("2 minutes", "not understood"),
        ("w2", "not understood"),
        ("2.5w", "not understood"),
        ("0w", "at least 1 week"),
        ("-2w", "at least 1 week"),
        ("1000d", "at most 999"),
        ("9" * 5000 + "d", "at most 999"),
    ],
)
def test_parse_rhythm_refuses_with_a_one_line_hint(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_rhythm(text)
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message


def test_parse_rhythm_error_quotes_the_input() -> None:
    with pytest.raises(InputError, match='rhythm "fortnightly-ish" not understood'):
        parse_rhythm("fortnightly-ish")


@pytest.mark.parametrize(
    ("rhythm", "text", "words"),
    [
        (Rhythm(2, "w"), "2w", "every 2 weeks"),
        (Rhythm(1, "w"), "1w", "every week"),
        (Rhythm(1, "m"), "1m", "every month"),
        (Rhythm(3, "m"), "3m", "every 3 months"),
        (Rhythm(90, "d"), "90d", "every 90 days"),
        (Rhythm(1, "d"), "1d", "every day"),
        (Rhythm(1, "y"), "1y", "every year"),
        (Rhythm(2, "y"), "2y", "every 2 years"),
    ],
)
def test_canonical_form_and_words(rhythm: Rhythm, text: str, words: str) -> None:
    assert str(rhythm) == text
    assert rhythm.describe() == words
    # What we show can be typed back in and means the same.
    assert parse_rhythm(text) == rhythm
    assert parse_rhythm(words) == rhythm


@pytest.mark.parametrize(
    ("rhythm", "start", "due"),
    [
        (Rhythm(1, "w"), date(2026, 11, 20), date(2026, 11, 27)),
        (Rhythm(3, "w"), date(2026, 11, 20), date(2026, 12, 11)),
        (Rhythm(90, "d"), date(2026, 1, 1), date(2026, 4, 1)),
        (Rhythm(1, "m"), date(2026, 10, 15), date(2026, 11, 15)),
        (Rhythm(1, "m"), date(2026, 1, 31), date(2026, 2, 28)),
        (Rhythm(1, "m"), date(2028, 1, 31), date(2028, 2, 29)),
        (Rhythm(1, "m"), date(2026, 3, 31), date(2026, 4, 30)),
        (Rhythm(2, "m"), date(2026, 12, 31), date(2027, 2, 28)),
        (Rhythm(12, "m"), date(2026, 5, 5), date(2027, 5, 5)),
        (Rhythm(14, "m"), date(2026, 11, 30), date(2028, 1, 30)),
        (Rhythm(1, "y"), date(2025, 11, 1), date(2026, 11, 1)),
        (Rhythm(1, "y"), date(2028, 2, 29), date(2029, 2, 28)),
        (Rhythm(4, "y"), date(2028, 2, 29), date(2032, 2, 29)),
    ],
)
def test_add_to_uses_the_calendar_and_clamps_month_ends(
    rhythm: Rhythm, start: date, due: date
) -> None:
    assert rhythm.add_to(start) == due


def test_days_from_counts_the_real_length() -> None:
    assert Rhythm(1, "m").days_from(date(2026, 10, 15)) == 31
    assert Rhythm(1, "m").days_from(date(2026, 2, 1)) == 28
    assert Rhythm(1, "w").days_from(date(2026, 11, 20)) == 7
    assert Rhythm(1, "y").days_from(date(2025, 11, 1)) == 365


def test_add_to_never_overflows_at_the_end_of_time() -> None:
    assert Rhythm(999, "y").add_to(date(9990, 1, 1)) == date.max


def test_rhythm_refuses_nonsense_construction() -> None:
    with pytest.raises(ValueError):
        Rhythm(0, "w")
    with pytest.raises(ValueError):
        Rhythm(2, "h")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("A", Rhythm(3, "w")),
        ("a", Rhythm(3, "w")),
        ("B", Rhythm(2, "m")),
        ("c", Rhythm(6, "m")),
        # A single letter is a tier, never a unit: "d" is tier D (a year), not one day.
        ("d", Rhythm(1, "y")),
        ("3m", Rhythm(3, "m")),
        ("2 weeks", Rhythm(2, "w")),
    ],
)
def test_resolve_rhythm_reads_tiers_and_rhythms(value: str | None, expected: Rhythm | None) -> None:
    assert resolve_rhythm(value, DEFAULT_TIERS) == expected


def test_resolve_rhythm_follows_the_configured_tiers() -> None:
    tiers = {"a": "1w", "Z": "5 years"}
    assert resolve_rhythm("A", tiers) == Rhythm(1, "w")
    assert resolve_rhythm("z", tiers) == Rhythm(5, "y")


def test_unknown_tier_lists_the_known_ones() -> None:
    with pytest.raises(InputError, match='tier "E" is not configured: known tiers are A, B, C, D'):
        resolve_rhythm("e", DEFAULT_TIERS)


@pytest.mark.parametrize(
    ("value", "stored"),
    [("b", "B"), ("A", "A"), ("3 months", "3m"), ("90 days", "90d"), ("weekly", "1w")],
)
def test_normalise_rhythm_gives_the_stored_form(value: str, stored: str) -> None:
    assert normalise_rhythm(value, DEFAULT_TIERS) == stored


@pytest.mark.parametrize("value", ["", "q", "soon"])
def test_normalise_rhythm_refuses_what_cannot_be_stored(value: str) -> None:
    with pytest.raises(InputError):
        normalise_rhythm(value, DEFAULT_TIERS)


def test_describe_rhythm_for_cards_and_queue_labels() -> None:
    assert describe_rhythm("A", DEFAULT_TIERS) == "tier A · every 3 weeks"
    assert describe_rhythm("3m", DEFAULT_TIERS) == "every 3 months"
    assert describe_rhythm(None, DEFAULT_TIERS) == ""
    # A tier removed from the config still shows something instead of breaking the card.
    assert "E" in describe_rhythm("E", DEFAULT_TIERS)


@given(st.text(max_size=30))
def test_parse_rhythm_only_ever_raises_input_error(text: str) -> None:
    try:
        rhythm = parse_rhythm(text)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert 1 <= rhythm.amount <= 999
        assert parse_rhythm(str(rhythm)) == rhythm


@given(st.integers(1, 999), st.sampled_from("dwmy"), st.dates(max_value=date(8000, 12, 31)))
def test_a_rhythm_always_moves_forward(amount: int, unit: str, start: date) -> None:
    rhythm = Rhythm(amount, unit)
    assert rhythm.add_to(start) > start
    assert rhythm.days_from(start) >= amount


def test_rhythm_construction_errors_say_what_was_wrong() -> None:
    with pytest.raises(ValueError, match=r"rhythm unit must be one of .*not 'h'"):
        Rhythm(2, "h")
    with pytest.raises(ValueError, match=r"rhythm amount must be 1\.\.999, not 1000"):
        Rhythm(1000, "d")


def test_a_yearly_rhythm_in_the_last_year_lands_on_its_day() -> None:
    # Only a date past year 9999 is clamped: 1 June 9998 + 1y is 1 June 9999, not 31 December.
    assert Rhythm(1, "y").add_to(date(9998, 6, 1)) == date(9999, 6, 1)
    assert Rhythm(3, "m").add_to(date(9999, 1, 31)) == date(9999, 4, 30)


def test_a_rhythm_of_four_digits_is_read_and_of_five_refused() -> None:
    # Four digits are read as a number (a leading zero is harmless); five are refused unread.
    assert parse_rhythm("0090d") == Rhythm(90, "d")
    with pytest.raises(InputError, match='rhythm "00090d" is too long: at most 999 units'):
        parse_rhythm("00090d")


def test_unknown_tier_without_any_tiers_says_none() -> None:
    with pytest.raises(InputError, match=r'tier "A" is not configured: known tiers are none$'):
        resolve_rhythm("A", {})


def test_an_empty_rhythm_says_what_to_type() -> None:
    with pytest.raises(InputError, match=r"rhythm is empty: use a number and a unit.*tier letter"):
        normalise_rhythm("  ", DEFAULT_TIERS)
