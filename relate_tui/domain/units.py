"""Units of time as people type them: one table for rhythms ("every 3 mths") and for
dates ("in 3 mths", "2 weeks ago"), so the two never drift apart."""

from __future__ import annotations

UNITS = ("d", "w", "m", "y")
"""The units: days, weeks, months, years."""

UNIT_NAMES = {"d": "day", "w": "week", "m": "month", "y": "year"}
"""Each unit's word for people, singular."""

UNIT_WORDS = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "wk": "w",
    "wks": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "mo": "m",
    "mos": "m",
    "mon": "m",
    "mth": "m",
    "mths": "m",
    "month": "m",
    "months": "m",
    "y": "y",
    "yr": "y",
    "yrs": "y",
    "year": "y",
    "years": "y",
}
"""Every word typed for a unit, to the unit. Rhythms read all of them."""

DATE_UNIT_WORDS = {word: unit for word, unit in UNIT_WORDS.items() if word != "mon"} | {
    "fortnight": "f",
    "fortnights": "f",
}
"""The unit words of the date grammar: all but "mon", which in a date is Monday ("by mon",
"next mon"); "2 mon" could be read as two months or as a Monday, so it stays refused.
Dates also count in fortnights (``f``, two weeks: "in a fortnight")."""

CLOCK_UNIT_WORDS = {
    "min": "min",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
}
"""Minutes and hours: only moments count in them ("2 hours ago", "in 30 min"); a rhythm
does not. In a note's time a bare ``m`` is minutes too ("5m ago"); everywhere else it is a
month ("in 1m", a rhythm of "3m")."""


def plural(amount: int, unit: str) -> str:
    """ "1 day", "3 days": ``amount`` of the singular word ``unit``."""
    return f"{amount} {unit}" if amount == 1 else f"{amount} {unit}s"
