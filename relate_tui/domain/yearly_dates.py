"""Reading yearly dates (birthdays, anniversaries): a day and a month, the year optional.

The day and month are read by the day grammar's one reader (``day_grammar.read_day_month``),
so "april 15th" and "3rd of december" mean the same for a birthday as for a due date. On
top of it: ISO dates (``1990-04-15``) and ISO's no-year form (``--04-15``, as vCards write
it). What is refused, each with a one-line hint: numeric day/month forms (``04-15``,
``15/4``: half the world reads them the other way round), a month or a year without a day
(``may 1990``), an impossible date, a year that looks wrong, and a birthday after today.
"""

from __future__ import annotations

from datetime import date

from relate_tui.domain.calendar_math import days_in_month
from relate_tui.domain.date_words import MONTH_ABBRS, describe_day
from relate_tui.domain.day_grammar import MONTHS, LazyPattern, clean, read_day_month
from relate_tui.domain.errors import InputError, shown

FIRST_YEAR, LAST_YEAR = 1800, 2200
"""Years outside these are a typo, not a date someone keeps."""

_NO_YEAR_RE = LazyPattern(r"--([0-9]{2})-?([0-9]{2})")
_ISO_RE = LazyPattern(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_NUMERIC_RE = LazyPattern(r"([0-9]{1,2})[/.\-]([0-9]{1,2})(?:[/.\-]([0-9]{2}|[0-9]{4})?)?")
_NO_DAY_RE = LazyPattern(r"([a-z]+)\.?(?:,?\s+([0-9]{1,4}))?|([0-9]{1,4}),?\s+([a-z]+)\.?|[0-9]{4}")


def read_yearly_date(
    text: str, label: str = "birthday", today: date | None = None
) -> tuple[int, int, int | None]:
    """(month, day, year or None) for a yearly date typed by a person (see the module
    docstring); ``InputError`` with a one-line hint when it is not one.

    With ``today``, a birthday (``label`` "birthday") whose year is given may not be after
    today; other yearly dates may (a wedding planned for next June).
    """
    cleaned = clean(text)
    month, day, year = _read(text, cleaned)
    if not 1 <= month <= 12 or not 1 <= day <= days_in_month(2000, month):
        raise InputError(f'"{shown(text)}" is not a real date')
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(f'"{shown(text)}": the year {year} looks wrong')
    if year is not None and day > days_in_month(year, month):
        raise InputError(f'"{shown(text)}" is not a real date: {year} has no 29 February')
    is_birthday = label.strip().lower() == "birthday"
    if year is not None and today is not None and is_birthday:
        born = date(year, month, day)
        if born > today:
            raise InputError(
                f'a birthday is not in the future: "{shown(text)}" is '
                f"{describe_day(born, today)}; leave the year out if you do not know it"
            )
    return month, day, year


def _read(text: str, cleaned: str) -> tuple[int, int, int | None]:
    """(month, day, year) as written, before checking that the date can exist."""
    if match := _NO_YEAR_RE.fullmatch(cleaned):
        return int(match.group(1)), int(match.group(2)), None
    if match := _ISO_RE.fullmatch(cleaned):
        return int(match.group(3)), int(match.group(4)), int(match.group(1))
    if (day_month := read_day_month(cleaned)) is not None:
        day, month, year = day_month
        return month, day, year
    if match := _NUMERIC_RE.fullmatch(cleaned):
        raise _numeric_hint(text, int(match.group(1)), int(match.group(2)))
    if match := _NO_DAY_RE.fullmatch(cleaned):
        word = match.group(1) or match.group(4)
        if word is None or word in MONTHS:
            raise _no_day(text, MONTHS.get(word or ""), cleaned)
    raise InputError(
        f'date "{shown(text)}" not understood: write 1990-04-15, --04-15 (no year) or "15 apr"'
    )


def _no_day(text: str, month: int | None, cleaned: str) -> InputError:
    """The refusal for a month or a year alone ("may 1990"): a yearly date needs its day."""
    name = MONTH_ABBRS[(month or 4) - 1].lower()
    words = cleaned.replace(",", " ").split()
    year = next((word for word in words if word.isdigit() and len(word) == 4), "")
    example = f"15 {name} {year}".strip()
    return InputError(f'"{shown(text)}" has no day: write the day too, like "{example}"')


def _numeric_hint(text: str, first: int, second: int) -> InputError:
    """The refusal for "04-15" or "15/4", with the unambiguous ways to write what it means."""
    readings = []  # (month, day), month-first reading first
    for month, day in ((first, second), (second, first)):
        real = 1 <= month <= 12 and 1 <= day <= days_in_month(2000, month)
        if real and (month, day) not in readings:
            readings.append((month, day))
    if not readings:
        return InputError(f'"{shown(text)}" is not a real date')
    ways = " or ".join(
        f'--{m:02d}-{d:02d} ("{d} {MONTH_ABBRS[m - 1].lower()}")' for m, d in readings
    )
    if len(readings) == 2:
        return InputError(f'"{shown(text)}" is ambiguous: write {ways}')
    return InputError(f'"{shown(text)}": numbers alone are read either way round: write {ways}')
