"""What the queue reads of a person, a yearly date and a promise: the shapes both a
domain object (``Person``, ``ImportantDate``, ``Promise``) and a view of a stored record
(``storage.person_fields``) have.

Annotations only: the queue's core (``domain.queue_due``) names these for type checkers
and never imports this module, so the status line's count does not import ``typing``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol


class YearlyDate(Protocol):
    """A yearly date as the queue reads it (``ImportantDate`` has all of it)."""

    @property
    def label(self) -> str: ...
    @property
    def month(self) -> int: ...
    @property
    def day(self) -> int: ...
    @property
    def year(self) -> int | None: ...
    @property
    def is_birthday(self) -> bool: ...


class QueuePerson(Protocol):
    """What the queue reads of a person (a ``Person`` has all of it)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def archived(self) -> bool: ...
    @property
    def rhythm(self) -> str | None: ...
    @property
    def snooze_until(self) -> date | None: ...
    @property
    def created(self) -> datetime: ...
    @property
    def dates(self) -> Sequence[YearlyDate]: ...


class QueuePromise(Protocol):
    """What the queue reads of a promise (a ``Promise`` has all of it)."""

    @property
    def id(self) -> str: ...
    @property
    def person_id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def due(self) -> date: ...
    @property
    def status(self) -> str: ...
