"""Rhythms: how often you want to be in touch with a person ("2w", "3 months", "1y").

A person's stored rhythm is either a canonical rhythm (``"3m"``) or a tier letter (``"B"``)
whose rhythm comes from the config. A single letter is always a tier, never a unit: ``"d"``
means tier D (a year by default), not "one day".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from relate_tui.domain.calendar_math import days_in_month
from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.units import DATE_UNIT_WORDS, UNIT_NAMES, UNIT_WORDS, UNITS

MAX_AMOUNT = 999

# Adverbs people write instead of a number and a unit.
_ADVERBS = {
    "daily": (1, "d"),
    "weekly": (1, "w"),
    "fortnightly": (2, "w"),
    "biweekly": (2, "w"),
    "monthly": (1, "m"),
    "quarterly": (3, "m"),
    "yearly": (1, "y"),
    "annually": (1, "y"),
}

_PATTERN = re.compile(r"(?:every\s+)?(-?)(?:([0-9]+)\s*)?([a-z]+)")

_EXPECTED = "use a number and a unit, like 2w, 3 months, 90d or 1y"


@dataclass(frozen=True, slots=True)
class Rhythm:
    """How often to be in touch: ``amount`` units, unit one of ``d``, ``w``, ``m``, ``y``."""

    amount: int
    unit: str

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"rhythm unit must be one of {UNITS}, not {self.unit!r}")
        if not 1 <= self.amount <= MAX_AMOUNT:
            raise ValueError(f"rhythm amount must be 1..{MAX_AMOUNT}, not {self.amount}")

    def add_to(self, d: date) -> date:
        """The date one rhythm after ``d``.

        Months and years are calendar arithmetic clamped to the month's end, so
        31 January + 1m is 28 February (29 in a leap year) and 29 February + 1y is 28 February.
        """
        if self.unit == "d":
            return d + timedelta(days=self.amount)
        if self.unit == "w":
            return d + timedelta(weeks=self.amount)
        months = self.amount if self.unit == "m" else self.amount * 12
        # Plain calendar arithmetic instead of pendulum: the queue calls this once per person
        # and a pendulum Date per call costs more than the rest of the computation.
        index = d.month - 1 + months
        year, month = d.year + index // 12, index % 12 + 1
        if year > date.max.year:
            return date.max
        try:
            return date(year, month, d.day)
        except ValueError:  # 31 Jan + 1m: clamp to the month's last day
            return date(year, month, days_in_month(year, month))

    def days_from(self, d: date) -> int:
        """The rhythm's length in days when it starts on ``d`` (a month from 15 Oct is 31)."""
        return (self.add_to(d) - d).days

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"

    def describe(self) -> str:
        """Words for the rhythm: "every week", "every 2 weeks", "every 90 days"."""
        name = UNIT_NAMES[self.unit]
        if self.amount == 1:
            return f"every {name}"
        return f"every {self.amount} {name}s"


def parse_rhythm(text: str) -> Rhythm:
    """Parse a rhythm typed by a person: "2w", "2 w", "3 months", "3 mo", "90d", "1 year",
    "month" (one month), "every 2 weeks", or an adverb such as "weekly" or "quarterly".

    Raises ``InputError`` with a one-line message saying what was expected.
    """
    cleaned = " ".join(str(text).strip().lower().split())
    if cleaned in _ADVERBS:
        return Rhythm(*_ADVERBS[cleaned])
    match = _PATTERN.fullmatch(cleaned)
    word = match.group(3) if match else ""
    # A fortnight is two weeks, in a rhythm as in a date ("every fortnight", "in a fortnight").
    unit, per_word = ("w", 2) if DATE_UNIT_WORDS.get(word) == "f" else (UNIT_WORDS.get(word), 1)
    if match is None or unit is None:
        raise InputError(f'rhythm "{shown(text)}" not understood: {_EXPECTED}')
    sign, digits = match.group(1), match.group(2)
    if digits is None:
        amount = per_word
    elif len(digits) > 4:
        # Checked before int(): absurdly long digit strings are refused, not converted.
        amount = MAX_AMOUNT + 1
    else:
        amount = int(digits) * per_word
    if sign or amount < 1:
        raise InputError(f'rhythm "{shown(text)}" must be at least 1 {UNIT_NAMES[unit]}')
    if amount > MAX_AMOUNT:
        raise InputError(f'rhythm "{shown(text)}" is too long: at most {MAX_AMOUNT} units')
    return Rhythm(amount, unit)


def _tier_letter(value: str) -> str | None:
    """The upper-cased tier letter if ``value`` is a single letter, else None."""
    return value.upper() if len(value) == 1 and value.isalpha() else None


def resolve_rhythm(value: str | None, tiers: Mapping[str, str]) -> Rhythm | None:
    """The rhythm a stored value stands for: None or "" -> no rhythm; a single letter ->
    that tier's rhythm from ``tiers`` (case-insensitive); anything else -> ``parse_rhythm``.

    An unknown tier letter raises ``InputError`` listing the known tiers.
    """
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    letter = _tier_letter(value)
    if letter is None:
        return parse_rhythm(value)
    known = {str(k).upper(): v for k, v in tiers.items()}
    if letter not in known:
        names = ", ".join(sorted(known)) or "none"
        raise InputError(f'tier "{letter}" is not configured: known tiers are {names}')
    return parse_rhythm(known[letter])


def normalise_rhythm(value: str, tiers: Mapping[str, str]) -> str:
    """Validate a rhythm or tier typed by a person and return the form to store:
    a tier letter upper-cased ("B") or a canonical rhythm ("3m").
    """
    rhythm = resolve_rhythm(value, tiers)
    if rhythm is None:
        raise InputError(f"rhythm is empty: {_EXPECTED}, or a tier letter such as A")
    letter = _tier_letter(str(value).strip())
    return letter if letter is not None else str(rhythm)


def describe_rhythm(value: str | None, tiers: Mapping[str, str]) -> str:
    """Words for a stored rhythm: "every 3 weeks", "tier A · every 3 weeks", or "" for none.

    A value that no longer resolves (a tier removed from the config) is shown as it is
    rather than raising, so a screen never breaks over an old record.
    """
    try:
        rhythm = resolve_rhythm(value, tiers)
    except InputError:
        return f"rhythm {value} (not understood)"
    if rhythm is None:
        return ""
    letter = _tier_letter(str(value).strip())
    return f"tier {letter} · {rhythm.describe()}" if letter else rhythm.describe()
