"""A person exported to vCard and imported again keeps every field a card carries, whatever
text they hold: commas, semicolons, backslashes, colons, line separators, markup, emoji.

The people are generated as the journal stores them (a name on one line with single
spaces, other fields without space around them, tags without a leading '#', each tag,
channel and date label once). Two things a vCard cannot say come back normalised, and
the strategy says so: a line end is "\\n" (CR LF or CR cannot be told apart in a card),
and a birthday's label is "birthday".

Journal state that is not about the contact (archived, snoozed, introduced by, notes and
promises) travels in the JSON export, not in vCards; see docs/interop.md.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from relate_tui.domain.people import CHANNEL_KINDS, Channel, ImportantDate, Person
from relate_tui.interop.vcard import card_uid, channel_key, export_vcards, parse_vcards

NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)
TIERS = {"A": "3w", "B": "2m"}
TRICKY = [
    ",", ";", "\\", ":", "=", '"', "\\n", "\\,", "\n", "\r\n", "\r", "\t", "\u2028", "\u2029",
    "\x85", "\x0c", "\x0b", "\x00", "\x1b[31m", "[/", "[bold]", "[/ Lee", "**", "# ", "ü",
    "語", "😀", "e\u0301", "\u202e", "BEGIN:VCARD", "END:VCARD", " ", "=0D=0A", "_$!<",
]  # fmt: skip
"""Pieces that once broke a card, or might: separators, escapes, line breaks of every
kind, markup, wide and combining characters, bidi controls, card edges in text."""

PROFILE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
"""Fixed and small: the suite stays fast; the pieces above make each example count."""


def _one_line_end(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


raw_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)), max_size=8).map(
    lambda parts: _one_line_end("".join(parts))
)
stripped = raw_text.map(str.strip)
some = stripped.filter(bool)
label = stripped.filter(lambda t: not t.startswith("_$!<"))


@st.composite
def channels(draw: st.DrawFn) -> tuple[Channel, ...]:
    found: dict[tuple[str, str], Channel] = {}
    for _ in range(draw(st.integers(0, 4))):
        channel = Channel(draw(st.sampled_from(CHANNEL_KINDS)), draw(some), draw(label))
        found.setdefault((channel.kind, channel_key(channel)), channel)
    return tuple(found.values())


@st.composite
def important_dates(draw: st.DrawFn) -> tuple[ImportantDate, ...]:
    out: dict[str, ImportantDate] = {}
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.one_of(st.sampled_from(["birthday", "anniversary"]), label))
        if not name or (name.strip().lower() == "birthday" and name != "birthday"):
            continue
        day = draw(st.dates(date(1800, 1, 1), date(2200, 12, 31)))
        year = draw(st.one_of(st.none(), st.just(day.year)))
        out.setdefault(name.casefold(), ImportantDate(name, day.month, day.day, year))
    return tuple(out.values())


@st.composite
def tags(draw: st.DrawFn) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for tag in draw(st.lists(some, max_size=4)):
        if not tag.startswith("#"):
            found.setdefault(tag.casefold(), tag)
    return tuple(found.values())


@st.composite
def people(draw: st.DrawFn) -> Person:
    name = " ".join(draw(some).split()) or "x"
    return Person(
        id=draw(st.text("0123456789abcdef", min_size=32, max_size=32)),
        name=name,
        created=NOW,
        updated=NOW,
        nickname=draw(stripped),
        org=draw(st.one_of(stripped, st.just(name))),  # a company card: org is the name
        role=draw(stripped),
        met=draw(stripped),
        met_on=draw(st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 1, 1)))),
        tags=draw(tags()),
        channels=draw(channels()),
        dates=draw(important_dates()),
        about=draw(st.one_of(st.just(""), raw_text.filter(str.strip))),
        rhythm=draw(st.sampled_from([None, "1w", "2w", "3m", "90d", "1y", "A", "B"])),
        vcard_uid=draw(st.one_of(st.just(""), some)),
    )


CARRIED = (
    "name", "nickname", "org", "role", "met", "met_on", "tags", "channels", "dates", "about",
    "rhythm",
)  # fmt: skip


@PROFILE
@given(st.lists(people(), min_size=1, max_size=3))
def test_export_then_import_keeps_every_field_a_card_carries(group: list[Person]) -> None:
    group = [replace(p, id=f"{i:032x}") for i, p in enumerate(group)]  # ids are unique
    assume(len({card_uid(p) for p in group}) == len(group))  # and so are UIDs
    data = export_vcards(group)
    parsed = parse_vcards(data, now=NOW, tiers=TIERS)
    assert parsed.problems == []
    back = {i.person.vcard_uid: i.person for i in parsed.people}
    assert len(back) == len(group)
    for person in group:
        got = back[card_uid(person)]
        for field in CARRIED:
            assert getattr(got, field) == getattr(person, field), field
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
