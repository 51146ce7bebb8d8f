"""Command palette providers: the key table's "noun: verb" titles, and jump to a person.

A palette entry runs its key's action, so a key and its entry run the same code.
``MainCommands`` and ``PeopleCommands`` are the main screen's ``COMMANDS`` (Textual gives
them that screen as ``self.screen``); ``AppCommands`` are the App's, on every screen.

The palette parses a prompt or help given as a string as markup, and escaping is not
enough (``markup.escape`` leaves an unclosed ``[/`` as it is: "Kim [/ Lee" ends the
palette's worker). So every prompt and help here is ``Content``, plain text by
construction, highlighted by ``highlight`` rather than ``Matcher.highlight`` (which parses
its candidate as markup).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from relate_tui.app import keys
from relate_tui.app.screens.main_actions import MainActions
from relate_tui.domain.matching import fold
from relate_tui.report.text import one_line

Command = tuple[str, str, str, Callable[[], object]]
"""(what the query is matched against, the title shown, help, callback)"""

DISCOVERED = 6
"""Commands shown before anything is typed."""

MATCHED_CHARS = 40
"""How much of a name the fuzzy matcher reads. Its cost grows combinatorially with the
length of the candidate (every way the query's letters can be picked from it), and the
palette's search runs on the event loop: a long name of repeated letters must not freeze
the app."""


def highlight(matcher: Matcher, text: str) -> Content:
    """``text`` as plain content (never markup), its letters matching the query styled."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if offset < len(text) and not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class _KeyCommands(Provider):
    """Offers the palette rows of the key table; subclasses say which and on what."""

    def commands(self) -> list[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for _, title, help_text, callback in self.commands()[:DISCOVERED]:
            yield DiscoveryHit(Content(title), callback, text=title, help=Content(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for matched, title, help_text, callback in self.commands():
            # The action ("note: add") is what is searched; the person's name after it is
            # context, and a name is not worth a slow match.
            score = matcher.match(matched)
            if score > 0:
                prompt = highlight(matcher, matched) + Content(title[len(matched) :])
                yield Hit(score, prompt, callback, text=title, help=Content(help_text))


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
                title = f"{title} for {one_line(person.name, 40)}"
            callback = partial(screen.run_action, key.action)
            commands.append((key.palette, title, key.palette_help, callback))
        return commands


class AppCommands(_KeyCommands):
    """The App's actions (undo, the weekly review, help), on every screen."""

    def commands(self) -> list[Command]:
        return [
            (key.palette, key.palette, key.palette_help, partial(self.app.run_action, key.action))
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
            name = one_line(person.name, 80)
            # Folded forms too, so "jurg" finds Jürgen and "ana l" finds Ana Lima.
            score = max(
                matcher.match(name[:MATCHED_CHARS]),
                matcher.match(fold(person.name)[:MATCHED_CHARS]),
            )
            if score <= 0 and person.nickname:
                nickname = one_line(person.nickname, MATCHED_CHARS)
                score = max(matcher.match(nickname), matcher.match(fold(nickname)))
                score *= 0.9
            if score > 0:
                detail = " · ".join(x for x in (person.org, " ".join(person.tags)) if x)
                prompt = Content("person: ") + highlight(matcher, name[:MATCHED_CHARS])
                yield Hit(
                    score,
                    prompt + Content(name[MATCHED_CHARS:]),
                    partial(screen.jump_to, person.id),
                    text=f"person: {name}",
                    help=Content(one_line(detail, 80) or "jump to this person"),
                )
