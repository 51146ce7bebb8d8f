"""Command palette providers: "noun: verb" actions, and jump to a person.

The palette parses prompts and help as markup, so user text is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from relate_tui.domain.matching import fold
from relate_tui.report.text import one_line

if TYPE_CHECKING:
    from relate_tui.app.relate_app import RelateApp
    from relate_tui.app.screens.main import MainScreen

# title, help, main-screen action
ACTIONS = (
    ("note: add", "Write a note about the current person", "note_new"),
    ("person: add", "Add someone to keep in touch with", "person_add"),
    ("person: edit", "Edit the current person", "person_edit"),
    ("person: delete", "Delete the current person (asks first)", "person_delete"),
    ("person: archive", "Archive the current person (asks first)", "person_archive"),
    ("promise: add", "Promise something to the current person", "promise_new"),
    ("queue: done", "Log a touch or keep the selected promise", "queue_done"),
    ("queue: snooze", "Snooze the current person or item", "queue_snooze"),
    ("queue: tried, no answer", "A note plus a 3-day snooze", "queue_tried"),
    ("queue: why", "Why is the selected item where it is?", "queue_why"),
    ("promise: drop", "Drop the selected promise", "promise_drop"),
    ("people: filter", "Filter the people list", "filter"),
)
APP_ACTIONS = (
    ("journal: undo", "Undo the last change", "undo"),
    ("review: weekly", "The weekly review", "weekly_review"),
    ("help: keys", "Every key and its binding id", "help"),
)


def _main(app: RelateApp) -> MainScreen | None:
    from relate_tui.app.screens.main import MainScreen

    return next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)


class ActionsProvider(Provider):
    """Every action as "noun: verb", running the same code as its key."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: RelateApp = self.app  # type: ignore[assignment]
        main = _main(app)
        commands: list[tuple[str, str, Callable[[], object]]] = []
        if main is not None and main.view is not None:
            person = main.person
            for title, help_text, action in ACTIONS:
                if person is not None and title in ("note: add", "person: edit", "promise: add"):
                    title = f"{title} for {escape(one_line(person.name, 40))}"
                commands.append((title, help_text, partial(main.run_action, action)))
        for title, help_text, action in APP_ACTIONS:
            commands.append((title, help_text, partial(app.run_action, action)))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands()[:6]:
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class PeopleProvider(Provider):
    """Jump to a person by name, nickname, org or tag."""

    async def search(self, query: str) -> Hits:
        app: RelateApp = self.app  # type: ignore[assignment]
        main = _main(app)
        if main is None or main.view is None:
            return
        matcher = self.matcher(query)
        for person in main.view.data.active_people:
            name = escape(one_line(person.name, 80))
            # Folded forms too, so "jurg" finds Jürgen and "ana l" finds Ana Lima.
            score = max(matcher.match(name), matcher.match(fold(person.name)))
            if score <= 0 and person.nickname:
                score = max(matcher.match(person.nickname), matcher.match(fold(person.nickname)))
                score *= 0.9
            if score > 0:
                detail = " · ".join(x for x in (person.org, " ".join(person.tags)) if x)
                yield Hit(
                    score,
                    f"person: {name}",
                    partial(main.jump_to, person.id),
                    help=escape(one_line(detail, 80)) or "jump to this person",
                )
