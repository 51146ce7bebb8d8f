"""Command palette providers: the key table's "noun: verb" actions, and jump to a person.

A palette entry runs its key's action, so a key and its entry run the same code.

The palette parses prompts and help as markup, so user text is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from relate_tui.app import keys
from relate_tui.domain.matching import fold
from relate_tui.report.text import one_line

if TYPE_CHECKING:
    from relate_tui.app.relate_app import RelateApp
    from relate_tui.app.screens.main import MainScreen


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
            for key in keys.palette_keys("main"):
                title = key.palette
                if person is not None and key.for_person:
                    title = f"{title} for {escape(one_line(person.name, 40))}"
                commands.append((title, key.palette_help, partial(main.run_action, key.action)))
        for key in keys.palette_keys("app"):
            commands.append((key.palette, key.palette_help, partial(app.run_action, key.action)))
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
