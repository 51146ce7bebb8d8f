"""Finding notes by their text: what ``relate search`` and the app's ``?words`` filter
match.

A note matches when every word of the query is somewhere in its text, compared the way
names are (``matching.fold``: case, accents, apostrophes and letters like ø don't count),
so "cafe lisbon" finds "Coffee in Lisbon — the café by the river". ``NoteSearch`` keeps
every body folded, for a filter that searches again on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from relate_tui.domain.matching import fold


def search_terms(query: str) -> tuple[str, ...]:
    """The folded words of ``query`` a text must all contain (none: matches nothing)."""
    return tuple(dict.fromkeys(fold(query).split()))


def text_matches(text: str, terms: Iterable[str]) -> bool:
    """True when every one of ``terms`` (from ``search_terms``) is in ``text``."""
    folded = fold(text)
    return all(term in folded for term in terms)


@dataclass(frozen=True, slots=True)
class NoteHit:
    """A person's newest note that matches."""

    person_id: str
    note_id: str
    at: str
    """When the note happened, as stored (ISO 8601): sorts newest first."""
    line: str
    """The first line of the body holding a word searched for (as written, not folded)."""


@dataclass(frozen=True, slots=True)
class _Entry:
    note_id: str
    person_ids: tuple[str, ...]
    at: str
    body: str
    folded: str


class NoteSearch:
    """Every note's folded body, ready to be searched on each keystroke: folding 100,000
    bodies once per journal, not once per key.

    Args:
        notes: (note id, person ids, ``at`` as an ISO string, body) for every note.
    """

    def __init__(self, notes: Iterable[tuple[str, Sequence[str], str, str]]) -> None:
        entries = [
            _Entry(note_id, tuple(person_ids), at, body, fold(body))
            for note_id, person_ids, at, body in notes
        ]
        entries.sort(key=lambda entry: entry.at, reverse=True)
        self._entries = entries

    def people(self, query: str) -> list[NoteHit]:
        """One hit per person with a note that matches ``query`` (``text_matches``), the
        person with the newest such note first; nothing for an empty query."""
        terms = search_terms(query)
        if not terms:
            return []
        hits: dict[str, NoteHit] = {}
        for entry in self._entries:
            if not all(term in entry.folded for term in terms):
                continue
            fresh = [pid for pid in entry.person_ids if pid not in hits]
            if not fresh:
                continue
            line = matching_line(entry.body, terms)
            for pid in fresh:
                hits[pid] = NoteHit(pid, entry.note_id, entry.at, line)
        return list(hits.values())


def matching_line(body: str, terms: Sequence[str]) -> str:
    """The first line of ``body`` holding one of ``terms`` (else the first line): what a
    result list shows under the person's name."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    for line in lines:
        folded = fold(line)
        if any(term in folded for term in terms):
            return line
    return lines[0] if lines else ""
