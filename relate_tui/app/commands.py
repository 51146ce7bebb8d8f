"""Command palette providers: the key table's "noun: verb" titles, and jump to a person.

A palette entry runs its key's action, so a key and its entry run the same code.
``MainCommands`` and ``PeopleCommands`` are the main screen's ``COMMANDS`` (Textual gives
them that screen as ``self.screen``); ``AppCommands`` are the App's, on every screen.

The palette parses prompts and help as markup, so user text is escaped here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from relate_tui.app import keys
from relate_tui.app.screens.main_actions import MainActions
from relate_tui.domain.matching import fold
from relate_tui.report.text import one_line

Command = tuple[str, str, Callable[[], object]]
"""(title, help, callback)"""

DISCOVERED = 6
"""Commands shown before anything is typed."""


class _KeyCommands(Provider):
    """Offers the palette rows of the key table; subclasses say which and on what."""

    def commands(self) -> list[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for title, help_text, callback in self.commands()[:DISCOVERED]:
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class MainCommands(_KeyCommands):
    """The main screen's actions as "noun: verb", for its current person or queue item."""

    def commands(self) -> list[Command]:
        screen = self.screen
        if not isinstance(screen, MainActions) or screen.view is None:
            return []
        person = screen.person
        commands = []
        for key in keys.palette_keys("main"):
            if not screen.check_action(key.action, ()):
                continue  # "note: edit" only with a note selected, and so on
            title = key.palette
            if person is not None and key.for_person:
                title = f"{title} for {escape(one_line(person.name, 40))}"
            commands.append((title, key.palette_help, partial(screen.run_action, key.action)))
        return commands


class AppCommands(_KeyCommands):
    """The App's actions (undo, the weekly review, help), on every screen."""

    def commands(self) -> list[Command]:
        return [
            (key.palette, key.palette_help, partial(self.app.run_action, key.action))
            for key in keys.palette_keys("app")
        ]

    async def discover(self) -> Hits:
        # A screen with commands of its own shows those before anything is typed.
        if self.screen.COMMANDS:
            return
        async for hit in super().discover():
            yield hit


class PeopleCommands(Provider):
    """Jump to a person by name, nickname, org or tag."""

    async def search(self, query: str) -> Hits:
        screen = self.screen
        if not isinstance(screen, MainActions) or screen.view is None:
            return
        matcher = self.matcher(query)
        for person in screen.view.data.active_people:
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
                    partial(screen.jump_to, person.id),
                    help=escape(one_line(detail, 80)) or "jump to this person",
                )
