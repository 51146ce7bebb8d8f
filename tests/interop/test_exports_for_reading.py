"""Exports meant for reading: Markdown shows every name as typed, and a calendar's
descriptions write their dates one way."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from markdown_it import MarkdownIt

from relate_tui.domain.notes import Note
from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.domain.promises import Promise
from relate_tui.interop.ics import export_ics
from relate_tui.interop.markdown import export_markdown
from relate_tui.journal import Journal

T0 = datetime(2025, 10, 15, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)
TODAY = date(2026, 12, 2)
NASTY = [
    "Kim [/ Lee",
    "**Bo** <b>Ana</b>",
    "[link](https://example.org) `code`",
    "# Hash | pipe",
    "~~gone~~ & &amp; _under_",
    "Back\\slash [bold]x[/bold]",
]


def inline_texts(document: str, prefix: str, bold: int = 0) -> list[str]:
    """The text a Markdown viewer shows for each line starting with ``prefix``: plain
    text only, but for the ``bold`` labels the export writes itself (no emphasis, code,
    HTML or Markdown link from user text; a bare URL may be linked)."""
    parser = MarkdownIt("gfm-like")
    shown = []
    for line in document.splitlines():
        if line.startswith(prefix):
            [inline] = [t for t in parser.parse(line) if t.type == "inline"]
            kinds = [c.type for c in inline.children or []]
            assert set(kinds) <= {"text", "link_open", "link_close", "strong_open", "strong_close"}
            assert kinds.count("strong_open") == bold, line
            shown.append("".join(c.content for c in inline.children or [] if c.type == "text"))
    return shown


def test_markup_like_names_read_as_typed_in_the_markdown_export() -> None:
    people = [Person(id=f"{i:032x}", name=n, created=T0, updated=T0) for i, n in enumerate(NASTY)]
    kim = people[0]
    people[0] = Person(
        id=kim.id,
        name=kim.name,
        created=T0,
        updated=T0,
        nickname="[/]",
        org="<Acme>",
        tags=("*star*", "a|b"),
        channels=(Channel("handle", "@kim_lee_", "[/ x]"),),
        dates=(ImportantDate("*day*", 1, 2),),
        introduced_by=people[1].id,
    )
    note = Note("n1", (kim.id, people[1].id), "call", T0, "Body **stays** Markdown", T0, T0)
    promise = Promise("p1", kim.id, "send [the] *deck*", date(2026, 12, 9), T0, T0)
    document = export_markdown(people, [note], [promise], NOW).decode()
    assert sorted(inline_texts(document, "## ")) == sorted(NASTY)
    assert inline_texts(document, "- **Nickname:**", 1) == ["Nickname: [/]"]
    assert inline_texts(document, "- **Work:**", 1) == ["Work: <Acme>"]
    assert inline_texts(document, "- **Tags:**", 1) == ["Tags: *star*, a|b"]
    assert inline_texts(document, "- **Handle", 1) == ["Handle ([/ x]): @kim_lee_"]
    assert inline_texts(document, "- **\\*day", 1) == ["*day*: 2 Jan"]
    assert inline_texts(document, "- **Introduced by:**", 1) == [f"Introduced by: {NASTY[1]}"]
    assert inline_texts(document, "- [ ]") == ["[ ] send [the] *deck* — due 9 Dec 2026"]
    assert "#### 15 Oct 2025 09:30 · call · with \\*\\*Bo\\*\\* \\<b\\>Ana\\</b\\>" in document
    assert "Body **stays** Markdown" in document  # a note body is Markdown on purpose


def test_control_characters_in_the_markdown_export_are_made_visible() -> None:
    person = Person(
        id="a" * 32, name="Red\x1b[31m Alert", created=T0, updated=T0, about="bell\x07 here"
    )
    note = Note("n1", (person.id,), "note", T0, "title\x1b]0;pwned\x07 set", T0, T0)
    document = export_markdown([person], [note], [], NOW).decode()
    assert "\x1b" not in document and "\x07" not in document
    assert "## Red␛\\[31m Alert" in document
    assert "bell␇ here" in document
    assert "title␛\\]0;pwned␇ set" not in document  # a body is not escaped, only made visible
    assert "title␛]0;pwned␇ set" in document


@pytest.fixture
def busy(journal: Journal) -> Journal:
    ana = journal.add_person("Ana Lima", rhythm="1w")
    journal.add_promise(ana.id, "send the deck", date(2026, 12, 18))
    journal.add_promise(ana.id, "intro to Bo", date(2027, 1, 20))
    journal.log_note([ana.id], "Caught up about the move", kind="call",
                     at=datetime(2026, 11, 13, 12, tzinfo=UTC))  # fmt: skip
    return journal


def test_calendar_descriptions_write_dates_one_way(busy: Journal) -> None:
    from icalendar import Calendar

    data = busy.data()
    calendar = Calendar.from_ical(export_ics(data, busy.settings, TODAY, NOW))
    descriptions = [str(e["DESCRIPTION"]) for e in calendar.walk("VEVENT")]
    rhythm = next(d for d in descriptions if d.startswith("last touch"))
    assert "last touch 13 Nov (call)" in rhythm
    assert "Last: call on 13 Nov — Caught up about the move" in rhythm
    assert "Open promise: send the deck (due 18 Dec)" in rhythm
    assert "Open promise: intro to Bo (due 20 Jan 2027)" in rhythm
    for text in descriptions:
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
