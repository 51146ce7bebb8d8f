"""A filter index over people: the folding is done once, not on every keystroke.

Pure Python (no Textual), so the app builds it on the writer thread with the rest of a
``JournalView``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from relate_tui.domain.matching import fold
from relate_tui.domain.people import Person


@dataclass(frozen=True, slots=True)
class _Entry:
    person: Person
    name: str
    nick: str
    words: tuple[str, ...]
    initials: str
    tags: tuple[str, ...]


class PeopleIndex:
    """``domain.matching.filter_people`` with every fold done once, not per keystroke.

    Same rules (a test checks they agree): a folded query matches when it is in the name,
    starts the nickname, equals the initials, starts the name's words in order, or starts
    a tag.
    """

    def __init__(self, people: Sequence[Person]) -> None:
        entries = []
        for person in people:
            name = fold(person.name)
            words = tuple(name.split())
            entries.append(
                _Entry(
                    person,
                    name,
                    fold(person.nickname),
                    words,
                    "".join(word[0] for word in words),
                    tuple(fold(tag) for tag in person.tags),
                )
            )
        self._entries = entries

    def filter(self, query: str) -> list[Person]:
        """Everyone matching ``query``, in the order given."""
        q = fold(query)
        if not q:
            return [e.person for e in self._entries]
        tag_q = q.lstrip("#")
        typed = q.split()
        initials_ok = len(q) >= 2 and " " not in q
        out = []
        for e in self._entries:
            if (
                q in e.name
                or (e.nick and e.nick.startswith(q))
                or (initials_ok and q == e.initials)
                or any(tag.startswith(tag_q) for tag in e.tags)
                or (
                    1 < len(typed) <= len(e.words)
                    and all(w.startswith(t) for t, w in zip(typed, e.words, strict=False))
                )
            ):
                out.append(e.person)
        return out
