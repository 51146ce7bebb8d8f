"""Human dates, in one place for the rest of the program: reading what people type
(``parse_day``: the day grammar, ``parse_when``: the time grammar), saying dates back
(``describe_day``, ``ago``) and the calendar arithmetic beneath them.

Everything works in *local dates* (``datetime.date``) relative to a ``today`` (or ``now``)
the caller passes in. The grammars are documented in ``domain.day_grammar`` and
``domain.time_grammar``; the words for dates in ``domain.date_words``; the arithmetic in
``domain.calendar_math``.
"""

from __future__ import annotations

from relate_tui.domain.calendar_math import (
    add_months,
    days_in_month,
    next_occurrence,
    occurrence,
    week_start_of,
)
from relate_tui.domain.date_words import MONTH_ABBRS, WEEKDAY_ABBRS, ago, describe_day
from relate_tui.domain.day_grammar import Prefer, parse_day
from relate_tui.domain.time_grammar import parse_when

__all__ = [
    "MONTH_ABBRS",
    "WEEKDAY_ABBRS",
    "Prefer",
    "add_months",
    "ago",
    "days_in_month",
    "describe_day",
    "next_occurrence",
    "occurrence",
    "parse_day",
    "parse_when",
    "week_start_of",
]
