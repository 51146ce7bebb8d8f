"""Notes: dated entries about one or more people; every kind but ``note`` is a touch."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from relate_tui.domain.note_kinds import KINDS as KINDS
from relate_tui.domain.note_kinds import TOUCH_KINDS

_LINE_START = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`|~~)(?=\S)(.+?)(?<=\S)\1")


def _may_be_markup(text: str) -> bool:
    """True when one of the patterns above could match ``text`` (stripped): a first
    character a block marker starts with, or a character of emphasis, code or a link.
    Most lines have none, and ``relate queue`` shows a last line for each of thousands
    of items (substring tests are a fraction of a pattern's search)."""
    first = text[:1]
    return (
        not first
        or first in "#>-*+"
        or first.isdigit()
        or "[" in text
        or "*" in text
        or "_" in text
        or "`" in text
        or "~" in text
    )


def plain_markdown(line: str) -> str:
    """One line of Markdown as plain text (block markers, emphasis, code, links removed)."""
    text = line.strip()
    if not _may_be_markup(text):
        return text
    text = _LINE_START.sub("", text)
    text = _LINK.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis: ***bold italic***
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return text.strip()


@dataclass(frozen=True, slots=True)
class Note:
    """A dated entry about one or more people. The body is Markdown."""

    id: str
    person_ids: tuple[str, ...]
    kind: str
    at: datetime
    """When it happened: aware, with the offset it was written in."""
    body: str
    created: datetime
    updated: datetime
    gave: bool = False
    """You offered something: an intro, a resource, help."""
    asked: bool = False
    """You asked for something."""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_touch(self) -> bool:
        return self.kind in TOUCH_KINDS

    @property
    def first_line(self) -> str:
        """The first non-empty line of the body as plain text, for one-line summaries.

        The body is Markdown; a summary shows "her ML ethics talk", not "her **ML
        ethics** talk" (headings, quotes, bullets, emphasis, code and link syntax go).
        """
        for line in self.body.splitlines():
            if line.strip():
                return plain_markdown(line)
        return ""
