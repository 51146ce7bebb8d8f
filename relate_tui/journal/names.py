"""Which person a typed name means (``domain.matching`` is the rule), the words for "more
than one person fits" and "did you mean" when nobody does."""

from __future__ import annotations

from collections.abc import Sequence

from relate_tui.domain.errors import InputError, shown
from relate_tui.domain.matching import find_people, fold
from relate_tui.domain.people import Person
from relate_tui.journal.snapshot import JournalData, PersonName

MAX_LISTED = 8
"""Candidates named in an "could be ..." message; the rest are counted."""


def match_people(data: JournalData, query: str, *, archived: bool | None = None) -> list[Person]:
    """The people ``query`` fits best (see ``domain.matching``); only archived people
    (``archived=True``) or only the others (``False``) when asked."""
    names: Sequence[PersonName] = data.names
    if archived is not None:
        names = [n for n in names if n.archived == archived]
    return [p for n in find_people(names, query) if (p := data.person(n.id))]


def resolve_person(data: JournalData, query: str, *, archived: bool | None = None) -> Person:
    """Exactly one person for ``query``, or an ``InputError`` saying why not: nobody (with
    "did you mean" when it looks like a typo) or the people it could be."""
    if not query.strip():
        raise InputError("which person? give a name, a nickname or initials")
    found = match_people(data, query, archived=archived)
    if not found:
        if archived is not None:
            others = match_people(data, query, archived=not archived)
            if len(others) == 1:
                state = "already archived" if others[0].archived else "not archived"
                raise InputError(f"{shown(others[0].name)} is {state}")
        if archived:
            raise InputError(f'nobody archived is called "{shown(query)}"')
        hint = close_names(data, query)
        also = f" (did you mean {hint}?)" if hint else ""
        raise InputError(
            f'nobody called "{shown(query)}" yet{also}: add them with relate add "{shown(query)}"'
        )
    if len(found) > 1:
        raise InputError(ambiguity(query, found))
    return found[0]


def ambiguity(query: str, found: Sequence[Person]) -> str:
    """The one-line message for a name that fits several people equally."""
    if len({fold(p.name) for p in found}) == 1:
        return (
            f'{len(found)} people are called "{shown(found[0].name)}": rename one so they '
            "can be told apart (relate edit, or e in the app)"
        )
    names = ", ".join(candidate(p) for p in found[:MAX_LISTED])
    more = f" and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
    return f'"{shown(query)}" could be {names}{more}: type more of the name'


def candidate(person: Person) -> str:
    """A candidate as listed: the name, and the nickname when there is one."""
    nick = f' ("{shown(person.nickname)}")' if person.nickname else ""
    archived = " [archived]" if person.archived else ""
    return f"{shown(person.name)}{nick}{archived}"


def close_names(data: JournalData, query: str) -> str:
    """Names that look like a typo of ``query``, for "did you mean" hints."""
    import difflib

    people = [n for n in data.names if not n.archived]
    keys: dict[str, str] = {}
    for person in people:
        for key in (person.name, person.first_name, person.nickname):
            if key:
                keys.setdefault(fold(key), person.name)
    close = difflib.get_close_matches(fold(query), list(keys), n=3, cutoff=0.75)
    return " or ".join(dict.fromkeys(keys[c] for c in close))
