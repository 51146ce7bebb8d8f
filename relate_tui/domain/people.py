"""A person you keep in touch with, their contact channels and important dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

CHANNEL_KINDS = ("email", "phone", "url", "handle")


@dataclass(frozen=True, slots=True)
class Channel:
    """One way to reach a person: an email address, a phone number, a URL or a handle."""

    kind: str
    value: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class ImportantDate:
    """A yearly date: a birthday (year optional) or another labelled date.

    29 February falls on 28 February in common years (see ``domain.dates.occurrence``).
    """

    label: str
    month: int
    day: int
    year: int | None = None

    @property
    def is_birthday(self) -> bool:
        return self.label.strip().lower() == "birthday"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone you keep in touch with. Only ``name`` is required of the user."""

    id: str
    name: str
    created: datetime
    updated: datetime
    nickname: str = ""
    org: str = ""
    role: str = ""
    met: str = ""
    """Where or how you met, free text."""
    met_on: date | None = None
    introduced_by: str | None = None
    """The id of the person who introduced you."""
    tags: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ()
    dates: tuple[ImportantDate, ...] = ()
    about: str = ""
    """Free text: family, interests, what they are working on."""
    rhythm: str | None = None
    """How often to be in touch: "2w", "3 months", "90d", "1y", or a tier letter "A"-"D"."""
    snooze_until: date | None = None
    archived: bool = False
    vcard_uid: str = ""
    """The UID of the vCard this person was imported from, so re-imports update them."""
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    """Fields written by a newer version of relate, kept untouched on round trips."""

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else ""

    def channel(self, kind: str) -> str:
        """The first channel value of ``kind``, or an empty string."""
        return next((c.value for c in self.channels if c.kind == kind), "")


_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip


def parse_yearly_date(text: str, label: str = "birthday") -> ImportantDate:
    """A yearly date from "1990-04-15", "--04-15", "04-15", "15 apr" or "apr 15 1990".

    Raises ``InputError`` with a one-line hint for anything else or an impossible date.
    """
    import calendar

    from relate_tui.domain.errors import InputError

    raw = text.strip().lower()
    year = month = day = None
    parts = raw.replace(",", " ").split()
    try:
        if raw.startswith("--"):
            month, day = int(raw[2:4]), int(raw[-2:])
        elif len(parts) == 1 and raw.count("-") == 2:
            year, month, day = (int(x) for x in raw.split("-"))
        elif len(parts) == 1 and raw.count("-") == 1:
            month, day = (int(x) for x in raw.split("-"))
        elif 2 <= len(parts) <= 3:
            words = [p for p in parts if p[:3] in _MONTHS]
            numbers = [int(p) for p in parts if p.isdigit()]
            if len(words) == 1 and 1 <= len(numbers) == len(parts) - 1:
                month = _MONTHS.index(words[0][:3]) + 1
                day = next(n for n in numbers if n <= 31)
                rest = [n for n in numbers if n is not day]
                year = rest[0] if rest else None
    except ValueError:
        month = None
    if month is None or day is None:
        raise InputError(
            f'date "{text}" not understood: write 1990-04-15, --04-15 (no year) or "15 apr"'
        )
    if (
        not (1 <= month <= 12)
        or not (1 <= day <= (29 if month == 2 else 31))
        or (day == 31 and month in (4, 6, 9, 11))
    ):
        raise InputError(f'"{text}" is not a real date')
    if year is not None and not (1800 <= year <= 2200):
        raise InputError(f'"{text}": the year {year} looks wrong')
    if year is not None and month == 2 and day == 29 and not calendar.isleap(year):
        raise InputError(f'"{text}" is not a real date: {year} has no 29 February')
    return ImportantDate(label, month, day, year)


def check_email(text: str) -> str:
    """An email address as typed, trimmed; ``InputError`` when it cannot be one.

    Lenient on purpose (``ana@localhost`` and quoted local parts exist): one ``@`` with
    something on each side and no spaces. It catches a name or a phone number typed into
    the wrong field, not every address a mail server would refuse.
    """
    from relate_tui.domain.errors import InputError

    value = text.strip()
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in value) or "@" in domain:
        raise InputError(f'"{value}" is not an email address: write it like ana@example.org')
    return value
