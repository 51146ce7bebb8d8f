"""Clocks: the only place that knows what time it is, so tests can fix it.

Clocks hand out stdlib ``datetime``/``date`` values (aware, in the local zone) and use
``zoneinfo``; pendulum is imported only where its arithmetic or parsing is needed, so
``relate log`` does not pay ~25 ms to import it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol
else:
    # ``Clock`` is a shape for type checkers, never checked at run time: a plain base
    # there keeps ``typing`` off the status line's path (``relate_tui.quick_due``).
    Protocol = object


def zone(name: str) -> tzinfo:
    """The time zone called ``name`` ("Europe/Berlin", "UTC")."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def system_zone() -> tzinfo:
    """The system's time zone with its daylight-saving rules (not just today's offset).

    ``$TZ`` or ``/etc/localtime`` through ``zoneinfo`` where they exist (quick: no
    pendulum import on the capture path); pendulum's detection elsewhere.
    """
    import os

    name = os.environ.get("TZ", "").lstrip(":")
    try:
        if name:
            return zone(name)
        from zoneinfo import ZoneInfo

        with open("/etc/localtime", "rb") as file:
            return ZoneInfo.from_file(file, key="localtime")
    except (OSError, ValueError, LookupError):
        import pendulum

        return pendulum.local_timezone()


class Clock(Protocol):
    """Tells the current time; injected everywhere that needs "now"."""

    def now(self) -> datetime:
        """The current moment, aware, in the user's local time zone."""
        ...

    def today(self) -> date:
        """Today's local date."""
        ...

    @property
    def tz(self) -> tzinfo:
        """The local time zone that dates without a time belong to."""
        ...


class SystemClock:
    """The real clock, in the system's local time zone or one given by name."""

    def __init__(self, tz: str | None = None) -> None:
        self._tz: tzinfo | None = zone(tz) if tz else None

    @property
    def tz(self) -> tzinfo:
        if self._tz is None:
            self._tz = system_zone()
        return self._tz

    def now(self) -> datetime:
        if self._tz is None:
            return datetime.now().astimezone()
        return datetime.now(self._tz)

    def today(self) -> date:
        return self.now().date()


class FixedClock:
    """A clock stopped at one moment: for tests, snapshots, screenshots and the demo."""

    def __init__(self, moment: datetime | str, tz: str = "UTC") -> None:
        self._tz = zone(tz)
        if isinstance(moment, str):
            moment = datetime.fromisoformat(moment)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self._tz)
        self._now = moment.astimezone(self._tz)

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.date()

    def advance(self, **delta: float) -> None:
        """Move the clock forward (e.g. ``advance(days=1)``); tests use it to let time pass."""
        self._now = (self._now + timedelta(**delta)).astimezone(self._tz)
