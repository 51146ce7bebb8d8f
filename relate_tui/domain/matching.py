"""Finding a person by what someone types, without ever guessing.

``relate log ana`` finds "Ana Lima"; "al" her initials; "jurgen" finds "Jürgen", "obrien"
finds "Dan O'Brien" and "soren" finds "Søren". Every person fits a query in one of three
degrees (``match_tier``):

0. **exact**: the query is their whole name;
1. **a key**: the query is their nickname, one whole word of their name (a first or last
   name) or their initials — each as good as the others, so "mike" for a "Michael Smith"
   nicknamed Mike and for "Mike Jones" fits both equally;
2. **partial**: the query starts or is inside their name or nickname ("jurg", "lim"), or
   its words start their name's words in order ("ana l").

The people who fit best are the answer (``find_people``); more than one of them is an
ambiguity to show, never a choice to make. So an exact full name wins over someone else's
first name, but a nickname does not win over a first name. A single letter is never a
key (it would make "e" mean the E. of "Wile E. Coyote"): it fits only as a prefix, which
usually means many people. Among equal fits an archived person steps aside for someone
in your lists.

One fold (``fold``) is used for matching, the people filter and the check that no two
people share a name, so what one of them calls the same name, they all do.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

EXACT, KEY, PARTIAL = 0, 1, 2
"""How well a person fits a query (``match_tier``): lower is better."""

_ARCHIVED = 10
"""Added to an archived person's tier: among equal fits they come last."""

# Apostrophes and quotes are dropped ("O'Brien", "O’Brien" and "OBrien" are one name);
# full stops separate words ("J.R.R." is three initials).
_QUOTES = "'\u2019\u2018\u02bc\u02bb`\u00b4\u2032\u201b\"\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"
_LOOK_ALIKES = {
    **dict.fromkeys(_QUOTES, ""),
    ".": " ",
    "\u00b7": "",  # the middle dot of "ŀ" once decomposed
    # Letters Unicode does not decompose into a base letter and an accent.
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ð": "d",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
}
# A regex finds the few characters to replace: a fold runs for every person whenever the
# people filter is rebuilt (10,000 names), and ``str.translate`` with a mapping would
# look up every character of every name.
_SPECIAL = re.compile("[" + re.escape("".join(_LOOK_ALIKES)) + "]")


def _look_alike(match: re.Match[str]) -> str:
    return _LOOK_ALIKES[match.group()]


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of ``text`` for comparisons: case,
    accents, apostrophes and quotes don't count, and letters without an accent to strip
    fold to their plain look-alikes (ø→o, ł→l, æ→ae, ß→ss, þ→th...)."""
    if text.isascii():  # most names: skip Unicode decomposition
        lowered = text.lower()
        if "." in lowered or "'" in lowered or '"' in lowered or "`" in lowered:
            lowered = _SPECIAL.sub(_look_alike, lowered)
        return " ".join(lowered.split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_SPECIAL.sub(_look_alike, stripped).split())


class Named(Protocol):
    """What matching needs of a person (a ``Person`` or a ``journal.PersonName``)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def nickname(self) -> str: ...
    @property
    def archived(self) -> bool: ...


P = TypeVar("P", bound="Named")


def _initials(words: Sequence[str]) -> str:
    return "".join(word[0] for word in words if word)


def match_tier(person: Named, query: str) -> int | None:
    """How well ``person`` fits the folded ``query``: ``EXACT``, ``KEY``, ``PARTIAL``, or
    None when they don't fit at all (see the module docstring)."""
    if not query:
        return None
    name = fold(person.name)
    if query == name:
        return EXACT
    nick = fold(person.nickname) if person.nickname else ""
    if query[0] not in name and not (nick and query[0] in nick):
        return None  # most people, rejected cheaply: no fit can avoid the first letter
    words = name.split()
    if len(query) > 1 or query == nick:
        if query == nick or query in words:
            return KEY
        if " " not in query and query == _initials(words):
            return KEY
    if query in name or (nick and query in nick):
        return PARTIAL  # a prefix or any part of the name or nickname
    # "ana l" fits "Ana Lima": every typed word starts a word of the name, in order.
    typed = query.split()
    if 1 < len(typed) <= len(words) and all(
        w.startswith(t) for t, w in zip(typed, words, strict=False)
    ):
        return PARTIAL
    return None


def find_people(people: Iterable[P], query: str) -> list[P]:
    """The people who fit ``query`` best, by name; archived people only where nobody in
    your lists fits as well.

    An empty list means nobody fits; more than one means the query is ambiguous and the
    caller shows the candidates (it never picks one).
    """
    folded = fold(query)
    if not folded:
        return []
    best: int | None = None
    found: list[P] = []
    for person in people:
        tier = match_tier(person, folded)
        if tier is None:
            continue
        if person.archived:
            tier += _ARCHIVED
        if best is None or tier < best:
            best, found = tier, [person]
        elif tier == best:
            found.append(person)
    return sorted(found, key=lambda p: fold(p.name))


def complete_name(people: Iterable[Named], typed: str) -> str | None:
    """The completion of a name being typed, in the person's own spelling: "jurg" gives
    "Jürgen Müller". When several names start with ``typed`` it goes only as far as they
    agree ("an" gives "Ana " for Ana Lima and Ana Costa). None when nothing would be added.
    """
    folded = fold(typed)
    if not folded:
        return None
    names = [p.name for p in people if fold(p.name).startswith(folded)]
    if not names:
        return None
    if len(names) == 1:
        completion = names[0]
    else:
        shared = _common_prefix([fold(n) for n in names])
        completion = _spelled_prefix(names[0], len(shared.rstrip()))
        if shared.endswith(" "):
            completion += " "  # "Ana " for Ana Lima and Ana Costa: the first name is shared
    # Compared folded, not by length: "weis" completes to "Weiß" (Weißmann, Weißer), one
    # letter longer folded though no longer as typed.
    return completion if fold(completion) != folded else None


def _common_prefix(texts: Sequence[str]) -> str:
    first, last = min(texts), max(texts)
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


def _spelled_prefix(name: str, folded_length: int) -> str:
    """The shortest start of ``name`` whose fold is ``folded_length`` long."""
    for end in range(len(name) + 1):
        if len(fold(name[:end])) >= folded_length:
            return name[:end]
    return name


@dataclass(frozen=True, slots=True)
class _Entry:
    person: object
    name: str
    nick: str
    words: tuple[str, ...]
    initials: str
    tags: tuple[str, ...]


class PeopleIndex(Generic[P]):
    """The people filter, with every fold done once, not per keystroke (the app filters
    10,000 people on each key).

    A folded query matches a person when ``match_tier`` finds them in any tier or the query
    (less a leading '#') starts one of their tags. The tiers come down to four tests, made
    here directly (a test checks they agree with ``match_tier``): the query is in the name
    or the nickname, is the initials, or its words start the name's words in order.
    """

    def __init__(self, people: Sequence[P], reuse: PeopleIndex[P] | None = None) -> None:
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
                    _initials(words),
                    tuple(fold(tag) for tag in getattr(person, "tags", ())),
                )
            )
        self._entries = entries

    def filter(self, query: str) -> list[P]:
        """Everyone matching ``query``, in the order given."""
        q = fold(query)
        if not q:
            return [e.person for e in self._entries]  # type: ignore[misc]
        tag_q = q.lstrip("#")
        typed = q.split()
        initials_ok = len(q) >= 2 and " " not in q
        out = []
        for e in self._entries:
            if (
                q in e.name
                or (e.nick and q in e.nick)
                or (initials_ok and q == e.initials)
                or any(tag.startswith(tag_q) for tag in e.tags)
                or (
                    1 < len(typed) <= len(e.words)
                    and all(w.startswith(t) for t, w in zip(typed, e.words, strict=False))
                )
            ):
                out.append(e.person)
        return out  # type: ignore[return-value]


def filter_people(people: Iterable[P], query: str) -> list[P]:
    """Everyone matching ``query`` in any tier or by tag, in the order given, for
    filter-as-you-type lists (keep a ``PeopleIndex`` to filter the same people again)."""
    return PeopleIndex(tuple(people)).filter(query)
