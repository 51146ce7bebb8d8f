"""Which person a name typed on the command line means, and "did you mean" when nobody."""

from __future__ import annotations

from relate_tui.domain.errors import InputError
from relate_tui.domain.matching import find_people, fold
from relate_tui.domain.people import Person
from relate_tui.journal.snapshot import JournalData


def match_people(data: JournalData, query: str) -> list[Person]:
    """The people ``query`` most likely names (see ``domain.matching``)."""
    return [p for n in find_people(data.names, query) if (p := data.person(n.id))]


def resolve_person(data: JournalData, query: str) -> Person:
    """Exactly one person for ``query``, or an ``InputError`` saying why not."""
    if not query.strip():
        raise InputError("which person? give a name, a nickname or initials")
    found = match_people(data, query)
    if not found:
        hint = close_names(data, query)
        also = f" (did you mean {hint}?)" if hint else ""
        raise InputError(f'nobody called "{query}" yet{also}: add them with relate add "{query}"')
    if len(found) > 1:
        names = ", ".join(p.name for p in found[:8])
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        if len({fold(p.name) for p in found}) == 1:
            raise InputError(
                f'{len(found)} people are called "{found[0].name}": rename one so they '
                "can be told apart (e in the app)"
            )
        raise InputError(f'"{query}" could be {names}{more}: be more specific')
    return found[0]


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
