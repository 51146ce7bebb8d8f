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


def parse_yearly_date(
    text: str, label: str = "birthday", today: date | None = None
) -> ImportantDate:
    """A yearly date from what a person typed: a day and a month, the year optional.

    Reads the day grammar's month-name dates ("15 apr", "april 15th", "3rd of december",
    "apr 15, 1990") plus ISO dates ("1990-04-15") and ISO's no-year form ("--04-15").
    Numeric day/month forms ("04-15", "15/4") are refused with a hint, as for every date.
    With ``today``, a birthday with a year after today is refused. Raises ``InputError``
    with a one-line hint for anything else, an impossible date or a missing day.
    """
    from relate_tui.domain.yearly_dates import read_yearly_date

    month, day, year = read_yearly_date(text, label, today)
    return ImportantDate(label, month, day, year)


def check_email(text: str) -> str:
    """An email address as typed, trimmed; ``InputError`` when it cannot be one.

    Lenient on purpose (``ana@localhost`` and quoted local parts exist): one ``@`` with
    something on each side and no spaces. It catches a name or a phone number typed into
    the wrong field, not every address a mail server would refuse.
    """
    from relate_tui.domain.errors import InputError, shown

    value = text.strip()
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in value) or "@" in domain:
        # shown(): what was typed may hold a line break; the message stays one line
        raise InputError(f'"{shown(value)}" is not an email address: write it like ana@example.org')
    return value
