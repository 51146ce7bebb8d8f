"""The weekly review's sections (touches, promises, drifting, tiers, give and take).

Each section is a ``ReviewSection`` that renders one part of a ``Review`` it is given
(attributes down); it never reads the journal. User text is appended literally, never
parsed as markup, and every state is said in words, not colour alone.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from relate_tui.domain.review import BALANCE_MONTHS, Review
from relate_tui.report.activity import tier_bar
from relate_tui.report.phrases import (
    balance_title,
    drift_phrase,
    drifting_title,
    new_phrase,
    only_asked_phrase,
    promise_phrase,
    touch_phrase,
    touches_summary,
)
from relate_tui.report.text import one_line

SECTIONS = ("touches", "promises", "drifting", "tiers", "balance")
"""The sections below the due list, in the order the screen shows them."""

TITLES = {
    "touches": "Touches",
    "promises": "Promises",
    "drifting": "Drifting",
    "tiers": "In rhythm",
    "balance": "Give and take",
}

BAR_WIDTH = 10
BALANCE_ROWS = 10


Line = tuple[int, Text]
"""A line of a section and its indent: wrapped text stays under its first character."""


def _italic(words: str) -> list[Line]:
    return [(0, Text(words, style="italic"))]


def touches_lines(review: Review) -> list[Line]:
    """This week's and last week's touches: a summary line each, then one line per touch."""
    lines: list[Line] = []
    for title, week in (("This week", review.this_week), ("Last week", review.last_week)):
        lines.append((0, Text.assemble((f"{title}: ", "bold"), touches_summary(week))))
        lines += [(2, Text(touch_phrase(touch, review.today))) for touch in week.touches]
    return lines


def promises_lines(review: Review) -> list[Line]:
    """Kept and dropped this week, late, and open: each marked by a heading and a sign."""
    lines: list[Line] = []
    sections = (
        ("Kept this week", review.kept, "✓"),
        ("Dropped this week", review.dropped, "✗"),
        ("Late", review.late, "!"),
        ("Open", review.open, "○"),
    )
    for title, entries, sign in sections:
        if not entries:
            continue
        lines.append((0, Text(f"{title} ({len(entries)})", style="bold")))
        for entry in entries:
            phrase = promise_phrase(entry, review.today)
            text = Text.assemble(
                f"{sign} ",
                (one_line(entry.person_name), "bold"),
                f" · {one_line(entry.text)} · ",
                (phrase, "italic" if sign == "!" else ""),
            )
            lines.append((1, text))
    return lines or _italic("No promises open or closed this week.")


def drifting_lines(review: Review) -> list[Line]:
    """People furthest past their rhythm, with how far and since when."""
    if not review.drifting:
        return _italic("Nobody is past their rhythm.")
    lines: list[Line] = []
    for drift in review.drifting:
        lines.append((0, Text(one_line(drift.person_name), style="bold")))
        lines.append((2, Text(drift_phrase(drift, review.today), style="dim")))
    more = review.drifting_total - len(review.drifting)
    if more:
        lines += _italic(f"… and {more} more (relate week --json lists them)")
    return lines


def tiers_lines(review: Review) -> list[Line]:
    """ "A  ████████░░  4 of 5 in rhythm" per tier: the bar repeats the words, never alone."""
    if not review.tiers:
        return _italic("Nobody has a rhythm yet.")
    width = max(len(row.title) for row in review.tiers)
    lines: list[Line] = []
    for row in review.tiers:
        filled, empty = tier_bar(row.in_rhythm, row.people, BAR_WIDTH)
        text = Text.assemble(
            (f"{row.title:<{width}}  ", "bold"),
            (filled, "green"),
            (empty, "dim"),
            f"  {row.in_rhythm} of {row.people} in rhythm{new_phrase(row)}",
        )
        lines.append((0, text))
    return lines


def balance_lines(review: Review) -> list[Line]:
    """Who you only asked of, then gave vs asked per person (the most lopsided first)."""
    if not review.balance:
        return _italic(f"No notes flagged gave or asked in the last {BALANCE_MONTHS} months.")
    style = "bold" if review.only_asked else "italic"
    lines: list[Line] = [(0, Text(only_asked_phrase(review), style=style))]
    rows = review.balance[:BALANCE_ROWS]
    width = min(30, max(len(one_line(b.person_name)) for b in rows))
    for b in rows:
        name = one_line(b.person_name)
        name = name if len(name) <= width else name[: width - 1] + "…"
        lines.append((0, Text(f"{name:<{width}}  gave {b.gave} · asked {b.asked}")))
    if len(review.balance) > BALANCE_ROWS:
        lines += _italic(f"… and {len(review.balance) - BALANCE_ROWS} more")
    return lines


RENDERERS: dict[str, Callable[[Review], list[Line]]] = {
    "touches": touches_lines,
    "promises": promises_lines,
    "drifting": drifting_lines,
    "tiers": tiers_lines,
    "balance": balance_lines,
}


def section_renderable(section: str, review: Review | None) -> Group:
    """A section as one renderable: its title, then its lines, each wrapped under itself."""
    title = Text(section_title(section, review), style="bold underline")
    lines = _italic("Reading the journal…") if review is None else RENDERERS[section](review)
    return Group(title, *(Padding(text, (0, 0, 0, indent)) for indent, text in lines))


def section_title(section: str, review: Review | None) -> str:
    """The border title: the section's name with a count where one helps."""
    if review is None:
        return TITLES[section]
    if section == "drifting":
        return drifting_title(review) if review.drifting_total else TITLES[section]
    if section == "balance":
        return balance_title(review)
    if section == "touches":
        return f"Touches ({review.this_week.count} this week, {review.last_week.count} last)"
    return TITLES[section]


class ReviewSection(Static):
    """One section of the review; set ``review`` and it redraws itself."""

    DEFAULT_CSS = """
    ReviewSection { height: auto; padding: 0 1; margin-bottom: 1; }
    """

    review: reactive[Review | None] = reactive(None, layout=True)

    def __init__(self, section: str, *, id: str | None = None) -> None:
        super().__init__(id=id or f"review-{section}")
        self.section = section

    @property
    def plain(self) -> str:
        """The section as plain text, lines indented as shown (for tests and tools)."""
        review = self.review
        lines = (
            _italic("Reading the journal…") if review is None else RENDERERS[self.section](review)
        )
        title = section_title(self.section, review)
        return "\n".join([title, *(" " * indent + text.plain for indent, text in lines)])

    def watch_review(self, review: Review | None) -> None:
        # The title is the first line, not a border title: sections stack in one scroll.
        self.update(section_renderable(self.section, review))
