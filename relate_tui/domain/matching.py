"""Finding a person by what someone types: case, accents, nickname, first name, initials.

``relate log ana`` should find "Ana Lima"; "al" her initials; "jurgen" finds "Jürgen".
Candidates are ranked in tiers; the best non-empty tier is the answer, so an exact full
name wins over someone else's matching first name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from relate_tui.domain.people import Person


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of ``text`` for comparisons."""
    if text.isascii():  # most names: skip Unicode decomposition
        return " ".join(text.lower().replace(".", " ").split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace(".", " ").split())


def _initials(name: str) -> str:
    return "".join(word[0] for word in fold(name).split() if word)


def match_tier(person: Person, query: str) -> int | None:
    """How well ``person`` matches the folded ``query``: 0 best ... 4 weakest, None no match."""
    name = fold(person.name)
    if query == name:
        return 0
    nick = fold(person.nickname) if person.nickname else ""
    if nick and query == nick:
        return 1
    if query[0] not in name and not (nick and query[0] in nick):
        return None  # most people, rejected cheaply: no match can avoid the first letter
    words = name.split()
    if words and (query == words[0] or query in words):
        return 2
    if len(query) >= 2 and " " not in query and query == _initials(person.name):
        return 3
    if name.startswith(query) or (nick and nick.startswith(query)):
        return 4
    if any(word.startswith(query) for word in words) or query in name:
        return 4
    # "ana l" matches "Ana Lima": every typed word starts a word of the name, in order.
    typed = query.split()
    if 1 < len(typed) <= len(words) and all(
        w.startswith(t) for t, w in zip(typed, words, strict=False)
    ):
        return 4
    return None


def find_people(people: Iterable[Person], query: str) -> list[Person]:
    """The people ``query`` most likely means, best tier only; archived people last.

    An empty list means nobody matched; more than one means the query is ambiguous.
    """
    folded = fold(query)
    if not folded:
        return []
    best: int | None = None
    found: list[Person] = []
    for person in people:
        tier = match_tier(person, folded)
        if tier is None:
            continue
        if person.archived:
            tier += 10
        if best is None or tier < best:
            best, found = tier, [person]
        elif tier == best:
            found.append(person)
    return sorted(found, key=lambda p: fold(p.name))


@dataclass(frozen=True, slots=True)
class _Entry:
    person: Person
    name: str
    nick: str
    words: tuple[str, ...]
    initials: str
    tags: tuple[str, ...]


class PeopleIndex:
    """The people filter, with every fold done once, not per keystroke (the app filters
    10,000 people on each key).

    A folded query matches a person when ``match_tier`` finds them in any tier or the query
    (less a leading '#') starts one of their tags. The tiers come down to four tests, made
    here directly (a test checks they agree with ``match_tier``): the query is in the name
    (tiers 0, 2 and 4), starts the nickname (1 and 4), is the initials (3), or its words
    start the name's words in order (4).
    """

    def __init__(self, people: Sequence[Person], reuse: PeopleIndex | None = None) -> None:
        known = {id(e.person): e for e in reuse._entries} if reuse is not None else {}
        entries = []
        for person in people:
            entry = known.get(id(person))
            if entry is not None and entry.person is person:  # the same Person: folded once
                entries.append(entry)
                continue
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


def filter_people(people: Iterable[Person], query: str) -> list[Person]:
    """Everyone matching ``query`` in any tier or by tag, in the order given, for
    filter-as-you-type lists (keep a ``PeopleIndex`` to filter the same people again)."""
    return PeopleIndex(tuple(people)).filter(query)
