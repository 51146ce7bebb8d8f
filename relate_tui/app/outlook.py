"""Where one person stands with the queue, from the app's view: the same ``Outlook`` that
``relate show`` prints (``domain.outlook``), so the card, the snooze choices and the
command line agree on when the next reconnect is due, wherever that is."""

from __future__ import annotations

from relate_tui.app.view import JournalView
from relate_tui.domain.outlook import Outlook, person_outlook
from relate_tui.domain.people import Person


def outlook_in(view: JournalView, person: Person) -> Outlook:
    """``person``'s outlook on the view's day, from the view's data."""
    data = view.data
    return person_outlook(
        person,
        data.touches.get(person.id),
        data.open_promises_for(person.id),
        view.today,
        view.settings,
    )
