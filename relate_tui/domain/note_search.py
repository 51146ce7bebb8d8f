"""Finding notes by what they say: the app's ``?text`` filter.

Case, accents and runs of spaces do not matter ("jurgen" finds "Jürgen", "ML ethics"
finds "ml  ethics"), the same folding as name matching. The bodies are folded once per
journal, when the first search is typed, not on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from relate_tui.domain.matching import fold


@dataclass(frozen=True, slots=True)
class NoteHit:
    """A person's newest note that contains the text."""

    person_id: str
    note_id: str
    at: str
    """When the note happened, as stored (ISO 8601): sorts newest first."""
    line: str
    """The first line of the body that contains the text (as written, not folded)."""


@dataclass(frozen=True, slots=True)
class _Entry:
    note_id: str
    person_ids: tuple[str, ...]
    at: str
    body: str
    folded: str


class NoteSearch:
    """Every note's folded body, ready to be searched.

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

    def people(self, text: str) -> list[NoteHit]:
        """One hit per person who has a note containing ``text``, the person with the
        newest such note first; nothing for an empty ``text``."""
        query = fold(text)
        if not query:
            return []
        hits: dict[str, NoteHit] = {}
        for entry in self._entries:
            if query not in entry.folded:
                continue
            fresh = [pid for pid in entry.person_ids if pid not in hits]
            if not fresh:
                continue
            line = matching_line(entry.body, query)
            for pid in fresh:
                hits[pid] = NoteHit(pid, entry.note_id, entry.at, line)
        return list(hits.values())


def matching_line(body: str, query: str) -> str:
    """The first line of ``body`` whose folded form contains the folded ``query`` (else
    the first line): what a result list shows under the person's name."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    for line in lines:
        if query in fold(line):
            return line
    return lines[0] if lines else ""
