"""Finding notes by their text: what ``relate search`` (and a note filter) matches.

A note matches when every word of the query is somewhere in its text, compared the way
names are (``matching.fold``: case, accents, apostrophes and letters like ø don't count),
so "cafe lisbon" finds "Coffee in Lisbon — the café by the river".
"""

from __future__ import annotations

from collections.abc import Iterable

from relate_tui.domain.matching import fold


def search_terms(query: str) -> tuple[str, ...]:
    """The folded words of ``query`` a text must all contain (none: matches nothing)."""
    return tuple(dict.fromkeys(fold(query).split()))


def text_matches(text: str, terms: Iterable[str]) -> bool:
    """True when every one of ``terms`` (from ``search_terms``) is in ``text``."""
    folded = fold(text)
    return all(term in folded for term in terms)
