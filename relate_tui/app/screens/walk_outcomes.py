"""Whether what the walk did is still in the journal: the summary says what is there after
an undo (``u`` in the walk, or ``relate undo`` in another pane), not what was once done.

Each change the walk makes leaves a mark it can look for later — the note it wrote, the
promise's status or due date, the person's snooze — and an outcome whose mark is gone is
shown as undone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from relate_tui.app.widgets.review_walk import WalkOutcome
from relate_tui.journal import JournalData

Still = Callable[[JournalData], bool]
"""True while the change an outcome made is in the journal."""


def note_kept(note_id: str) -> Still:
    """The note the walk wrote (a touch, a jot, a "tried") is still there."""
    return lambda data: data.raw_record("notes", note_id) is not None


def promise_status(promise_id: str, status: str) -> Still:
    """The promise is still kept (or dropped) as the walk left it."""

    def still(data: JournalData) -> bool:
        promise = data.promises_by_id.get(promise_id)
        return promise is not None and promise.status == status

    return still


def promise_due(promise_id: str, due: date) -> Still:
    """The promise is still due on the day the walk moved it to."""

    def still(data: JournalData) -> bool:
        promise = data.promises_by_id.get(promise_id)
        return promise is not None and promise.due == due

    return still


def snoozed(person_id: str, until: date) -> Still:
    """The person is still snoozed until the day the walk chose."""

    def still(data: JournalData) -> bool:
        person = data.person(person_id)
        return person is not None and person.snooze_until == until

    return still


def as_in_journal(
    outcomes: Sequence[WalkOutcome], checks: Sequence[Still | None], data: JournalData | None
) -> list[WalkOutcome]:
    """``outcomes`` with those whose change is no longer in ``data`` marked "undone"."""
    if data is None:
        return list(outcomes)
    shown = []
    for outcome, still in zip(outcomes, checks, strict=True):
        if still is not None and not still(data):
            words = outcome.action if not outcome.detail else f"{outcome.action} {outcome.detail}"
            outcome = replace(outcome, action="undone", detail=f"({words})")
        shown.append(outcome)
    return shown
