"""Clocks: the only place that knows what time it is, so tests can fix it."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Protocol

import pendulum


class Clock(Protocol):
    """Tells the current time; injected everywhere that needs "now"."""

    def now(self) -> pendulum.DateTime:
        """The current moment, aware, in the user's local time zone."""
        ...

    def today(self) -> pendulum.Date:
        """Today's local date."""
        ...

    @property
    def tz(self) -> tzinfo:
        """The local time zone that dates without a time belong to."""
        ...


class SystemClock:
    """The real clock, in the local time zone (or one given by name)."""

    def __init__(self, tz: str | None = None) -> None:
        self._tz = pendulum.timezone(tz) if tz else pendulum.local_timezone()

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> pendulum.DateTime:
        return pendulum.now(self._tz)

    def today(self) -> pendulum.Date:
        return self.now().date()


class FixedClock:
    """A clock stopped at one moment: for tests, snapshots, screenshots and the demo."""

    def __init__(self, moment: datetime | str, tz: str = "UTC") -> None:
        zone = pendulum.timezone(tz)
        if isinstance(moment, str):
            moment = pendulum.parse(moment, tz=zone)
        self._tz = zone
        self._now = pendulum.instance(moment, tz=zone).in_timezone(zone)

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> pendulum.DateTime:
        return self._now

    def today(self) -> pendulum.Date:
        return self._now.date()

    def advance(self, **delta: int) -> None:
        """Move the clock forward (e.g. ``advance(days=1)``); tests use it to let time pass."""
        self._now = self._now.add(**delta)


def local_date(moment: datetime, tz: tzinfo) -> date:
    """The calendar date of ``moment`` as seen in time zone ``tz``."""
    return moment.astimezone(tz).date()
