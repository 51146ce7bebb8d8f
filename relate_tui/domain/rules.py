"""The rules the queue and the review read from the settings, as a protocol.

The domain imports nothing of the rest of the project: ``relate_tui.settings.Settings``
satisfies ``QueueRules`` by having these fields, and tests may pass any object that has them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class QueueRules(Protocol):
    """What the next-touch queue and the weekly review need to know.

    Read-only properties, so a frozen dataclass (``Settings``) satisfies it.
    """

    @property
    def tiers(self) -> Mapping[str, str]:
        """Tier letter to rhythm ("A" -> "3w")."""
        ...

    @property
    def week_start(self) -> int:
        """The first day of a week: 0 = Monday ... 6 = Sunday."""
        ...

    @property
    def lead_days(self) -> int:
        """How many days ahead an important date enters the queue."""
        ...

    @property
    def horizon_days(self) -> int:
        """How far ahead the queue's "Later" group looks."""
        ...
