"""Human dates, in one place for the rest of the program: reading what people type (the
grammar: ``parse_day``), the rules of each use (``parse_when`` for a note's time,
``parse_due``, ``parse_snooze``, ``parse_met_on``), saying dates back (``describe_day``,
``ago``) and the calendar arithmetic beneath them.

Everything works in *local dates* (``datetime.date``) relative to a ``today`` (or ``now``)
the caller passes in. The grammars are documented in ``domain.day_grammar``,
``domain.named_days`` and ``domain.time_grammar``; the rules of each use in
``domain.date_uses``; the words for dates in ``domain.date_words``; the arithmetic in
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
from relate_tui.domain.date_uses import (
    YEARS_BACK,
    parse_due,
    parse_met_on,
    parse_snooze,
    parse_when,
    read_due,
)
from relate_tui.domain.date_words import MONTH_ABBRS, WEEKDAY_ABBRS, ago, describe_day
from relate_tui.domain.day_grammar import Prefer, parse_day

__all__ = [
    "MONTH_ABBRS",
    "WEEKDAY_ABBRS",
    "YEARS_BACK",
    "Prefer",
    "add_months",
    "ago",
    "days_in_month",
    "describe_day",
    "next_occurrence",
    "occurrence",
    "parse_day",
    "parse_due",
    "parse_met_on",
    "parse_snooze",
    "parse_when",
    "read_due",
    "week_start_of",
]
