"""Exports and round trips: JSON is lossless, vCards keep every mapped field, the calendar
and the cards parse with icalendar and vobject, Markdown reads well."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from relate_tui.domain.notes import Note
from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.domain.promises import KEPT, Promise
from relate_tui.interop.ics import export_ics
from relate_tui.interop.jsonio import export_json, parse_json, plan_json_import
from relate_tui.interop.markdown import demote_headings, export_markdown
from relate_tui.interop.merge import plan_merge
from relate_tui.interop.vcard import card_file_name, export_vcard, export_vcards, parse_vcards
from relate_tui.journal import Journal

T0 = datetime(2025, 10, 15, 9, 30, tzinfo=UTC)
TODAY = date(2026, 12, 2)
NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def sample_people() -> list[Person]:
    ana = Person(
        id="a" * 32,
        name="Ana Lima",
        created=T0,
        updated=T0,
        nickname="Aninha",
        org="Acme, Inc.",
        role="Staff Engineer",
        met="PyCon 2024; hallway track",
        met_on=date(2024, 5, 17),
        tags=("friends", "close friends", "work"),
        channels=(
            Channel("email", "ana@acme.example", "work"),
            Channel("email", "ana.lima@example.com", "home"),
            Channel("phone", "+55 11 95555-1234", "mobile"),
            Channel("phone", "+55 11 3333-4444", "work fax"),
            Channel("phone", "+55 11 2222-0000", "Grandma's house"),
            Channel("url", "https://ana.example.org/", "homepage"),
            Channel("url", "https://www.linkedin.com/in/analima", "linkedin"),
            Channel("handle", "@ana@hachyderm.example", "mastodon"),
            Channel("handle", "+55 11 95555-1234", "Signal, personal"),
        ),
        dates=(
            ImportantDate("birthday", 4, 15, 1990),
            ImportantDate("anniversary", 6, 20),
            ImportantDate("Started at Acme", 3, 1, 2021),
        ),
        about="Two kids, Leo and Bia; into climbing.\nWorking on: payments rewrite\\v2.",
        rhythm="1w",
        vcard_uid="7C9F3B1E-2D4A-4E55-9A7B-1F2E3D4C5B6A",
        extra={"from_the_future": {"x": [1, 2]}},
    )
    eve = Person(
        id="e" * 32,
        name="Eve Park",
        created=T0,
        updated=T0,
        dates=(ImportantDate("birthday", 12, 5),),
        introduced_by=ana.id,
        snooze_until=date(2026, 12, 20),
        rhythm="A",
    )
    leap = Person(
        id="f" * 32,
        name="Leap Day",
        created=T0,
        updated=T0,
        dates=(ImportantDate("birthday", 2, 29, 2000),),
        archived=False,
    )
    gone = Person(id="9" * 32, name="Zed Archived", created=T0, updated=T0, archived=True)
    return [ana, eve, leap, gone]


def sample_notes(people: list[Person]) -> list[Note]:
    ana, eve = people[0], people[1]
    return [
        Note("n1", (ana.id,), "call", at("2026-11-20"), "# Big news\nShe got the job.", T0, T0),
        Note(
            "n2",
            (ana.id, eve.id),
            "coffee",
            at("2026-10-01"),
            "Introduced Ana to Eve.\n```\n# not a heading\n```",
            T0,
            T0,
            gave=True,
            extra={"mood": "great"},
        ),
        Note(
            "n3", (eve.id,), "note", at("2026-11-30"), "Heard she moved teams.", T0, T0, asked=True
        ),
    ]


def sample_promises(people: list[Person]) -> list[Promise]:
    ana = people[0]
    return [
        Promise("p1", ana.id, "send the deck", date(2026, 11, 30), T0, T0, note_id="n1"),
        Promise("p2", ana.id, "intro to Bo", date(2026, 10, 1), T0, T0, status=KEPT, closed_at=T0),
    ]


@pytest.fixture
def filled(journal: Journal) -> Journal:
    people = sample_people()
    journal.bulk_save(
        "sample", people=people, notes=sample_notes(people), promises=sample_promises(people)
    )
    return journal


# -- JSON ------------------------------------------------------------------------------


def export_of(journal: Journal) -> bytes:
    data = journal.data()
    return export_json(data.people, data.notes, data.promises, NOW)


def test_json_round_trip_is_identical(filled: Journal, tmp_path: Path) -> None:
    exported = export_of(filled)
    document = orjson.loads(exported)
    assert document["format"] == "relate" and document["version"] == 1
    ana = next(p for p in document["people"] if p["id"] == "a" * 32)
    assert ana["from_the_future"] == {"x": [1, 2]}  # a field from a newer relate rides along
    fresh = Journal(tmp_path / "fresh.json", filled.settings, filled.clock)
    incoming = parse_json(exported.decode())
    plan = plan_json_import(incoming, (), (), ())
    assert (plan.added, plan.updated, plan.unchanged, plan.skipped) == (9, 0, 0, [])
    fresh.bulk_save("import", people=plan.people, notes=plan.notes, promises=plan.promises)
    assert export_of(fresh) == exported
    # Records in the file are the same too (only meta differs between the two files).
    old, new = (orjson.loads(j.path.read_bytes()) for j in (filled, fresh))
    for table in ("people", "notes", "promises"):
        assert sorted(old[table].values(), key=lambda r: r["id"]) == sorted(
            new[table].values(), key=lambda r: r["id"]
        )


def test_json_import_again_changes_nothing_and_never_goes_back_in_time(filled: Journal) -> None:
    exported = export_of(filled).decode()
    data = filled.data()
    plan = plan_json_import(parse_json(exported), data.people, data.notes, data.promises)
    assert (plan.added, plan.updated, plan.unchanged) == (0, 0, 9)
    # Edit Ana after the export: importing the older export keeps the edit.
    ana = data.by_id["a" * 32]
    filled.save_person(replace(ana, org="Newco"))
    data = filled.data()
    plan = plan_json_import(parse_json(exported), data.people, data.notes, data.promises)
    assert plan.people == []
    # ...while a newer record in the file replaces the journal's.
    newer = orjson.loads(exported)
    newer["people"] = [p for p in newer["people"] if p["id"] == "a" * 32]
    newer["people"][0]["org"] = "Later Co"
    newer["people"][0]["updated"] = "2027-01-01T00:00:00+00:00"
    plan = plan_json_import(parse_json(orjson.dumps(newer).decode()), data.people, (), ())
    assert [(p.org, plan.updated) for p in plan.people] == [("Later Co", 1)]


def test_json_import_reads_a_journal_file_and_reports_bad_records(filled: Journal) -> None:
    raw = orjson.loads(filled.path.read_bytes())
    raw["notes"]["99"] = {"id": "broken", "person_ids": ["a" * 32]}  # no "at"
    raw["notes"]["100"] = {
        "id": "orphan",
        "person_ids": ["nobody"],
        "kind": "call",
        "at": "2026-01-01T10:00:00+00:00",
        "created": "2026-01-01T10:00:00+00:00",
    }
    raw["promises"]["7"] = {
        "id": "naive",
        "person_id": "a" * 32,
        "text": "x",
        "due": "2026-01-01",
        "created": "2026-01-01T10:00:00",
    }
    incoming = parse_json(orjson.dumps(raw).decode())
    assert len(incoming.people) == 4
    plan = plan_json_import(incoming, (), (), ())
    assert [str(p) for p in plan.skipped] == [
        "notes record 4 (id broken): cannot be read: missing 'at'",
        "promises record 3 (id naive): cannot be read: its timestamps need a UTC offset",
        "note orphan: it is about nobody in the journal",
    ]
    assert plan.added == 4 + 3 + 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "the file is not valid JSON"),
        ('{"format": "relate", "version": 99}', "this relate JSON is version 99"),
        ('["a", "list"]', "neither a relate export nor a relate journal file"),
    ],
)
def test_json_that_is_not_ours(text: str, message: str) -> None:
    from relate_tui.domain.errors import InputError

    with pytest.raises(InputError, match=message):
        parse_json(text)


# -- vCard -----------------------------------------------------------------------------

MAPPED = ("name", "nickname", "org", "role", "tags", "channels", "dates", "about")
RELATE_ONLY = ("rhythm", "met", "met_on")


def test_vcard_export_then_import_keeps_every_mapped_field() -> None:
    people = sample_people()
    text = export_vcards(people).decode()
    parsed = parse_vcards(text, now=NOW, tiers={"A": "3w"})
    assert parsed.problems == []
    back = {i.person.name: i.person for i in parsed.people}
    for person in people:
        got = back[person.name]
        for name in MAPPED + RELATE_ONLY:
            assert getattr(got, name) == getattr(person, name), (person.name, name)
        assert got.vcard_uid == (person.vcard_uid or f"{person.id}@relate")


def test_vcard_reimport_into_the_same_journal_updates_nobody() -> None:
    people = sample_people()
    parsed = parse_vcards(export_vcards(people).decode(), now=NOW, tiers={"A": "3w"})
    plan = plan_merge(people, parsed.people, NOW)
    assert (plan.added, plan.updated, plan.unchanged) == ([], [], 4)


def test_exported_vcards_parse_with_vobject() -> None:
    import vobject

    text = export_vcards(sample_people()).decode()
    cards = list(vobject.readComponents(text))
    assert [c.fn.value for c in cards] == ["Ana Lima", "Eve Park", "Leap Day", "Zed Archived"]
    ana = cards[0]
    assert ana.version.value == "3.0"
    assert ana.uid.value == "7C9F3B1E-2D4A-4E55-9A7B-1F2E3D4C5B6A"
    assert ana.n.value.family == "Lima" and ana.n.value.given == "Ana"
    assert ana.org.value == ["Acme, Inc."]
    assert ana.bday.value == "1990-04-15"
    assert cards[1].bday.value == "--12-05"
    assert cards[1].uid.value == f"{'e' * 32}@relate"
    assert sorted(t.value for t in ana.contents["tel"]) == [
        "+55 11 2222-0000",
        "+55 11 3333-4444",
        "+55 11 95555-1234",
    ]
    mobile = next(t for t in ana.contents["tel"] if t.value.endswith("1234"))
    assert mobile.params["TYPE"] == ["CELL"]
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_one_card_per_person_is_stable() -> None:
    person = sample_people()[1]
    assert export_vcard(person) == export_vcard(person)
    assert card_file_name(person) == f"{'e' * 32}.vcf"
    assert card_file_name(replace(person, id="../../etc/x")) == "______etc_x.vcf"


# -- iCalendar -------------------------------------------------------------------------


def ics_events(journal: Journal) -> dict[str, object]:
    from icalendar import Calendar

    data = journal.data()
    cal = Calendar.from_ical(export_ics(data, journal.settings, TODAY, NOW))
    assert cal["METHOD"] == "PUBLISH"
    assert cal["X-WR-CALNAME"] == "relate: next touches"
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_ics_parses_with_icalendar_and_holds_the_queue(filled: Journal) -> None:
    events = ics_events(filled)
    a, e, f = "a" * 32, "e" * 32, "f" * 32
    assert sorted(events) == sorted(
        [
            f"rhythm-{a}@relate",  # Ana: 1w, last touch 20 Nov: 5 days late, on today
            "promise-p1@relate",  # open promise, late: on today
            f"date-{a}-birthday@relate",
            f"date-{a}-anniversary@relate",
            f"date-{a}-started-at-acme@relate",
            f"date-{e}-birthday@relate",
            f"date-{f}-birthday@relate",
        ]
    )  # Eve is snoozed; the kept promise and the archived person are not there
    rhythm = events[f"rhythm-{a}@relate"]
    assert str(rhythm["SUMMARY"]) == "Reconnect: Ana Lima (5 days late)"
    assert rhythm.decoded("DTSTART") == TODAY
    assert rhythm.decoded("DTEND") == TODAY + timedelta(days=1)
    assert "last touch 20 Nov (call)" in str(rhythm["DESCRIPTION"])
    [alarm] = rhythm.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(hours=9)
    promise = events["promise-p1@relate"]
    assert str(promise["SUMMARY"]) == "Promise to Ana Lima: send the deck (2 days late)"
    birthday = events[f"date-{e}-birthday@relate"]
    assert str(birthday["SUMMARY"]) == "Eve Park: birthday"
    assert birthday.decoded("DTSTART") == date(2026, 12, 5)
    assert birthday["RRULE"]["FREQ"] == ["YEARLY"]
    [alarm] = birthday.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-7, hours=9)
    leap = events[f"date-{f}-birthday@relate"]
    assert leap.decoded("DTSTART") == date(2027, 2, 28)
    assert leap["RRULE"]["BYMONTHDAY"] == [-1]  # 28 Feb in common years, 29 in leap years


def test_ics_uids_are_stable_and_sequence_grows(filled: Journal) -> None:
    before = ics_events(filled)
    filled.log_note(["a" * 32], "Caught up", kind="video")
    after = ics_events(filled)
    assert set(before) == set(after)
    uid = f"rhythm-{'a' * 32}@relate"
    assert after[uid].decoded("DTSTART") == date(2026, 12, 9)  # one week from today's touch
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])


# -- Markdown --------------------------------------------------------------------------


def test_markdown_has_a_section_per_person_with_notes(filled: Journal) -> None:
    data = filled.data()
    text = export_markdown(data.people, data.notes, data.promises, NOW).decode()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Ana Lima", "## Eve Park", "## Leap Day", "## Zed Archived (archived)"]
    assert "Exported 2 Dec 2026 10:00 · 4 people · 3 notes · 2 promises" in text
    ana = text.split("## Ana Lima")[1].split("## Eve Park")[0]
    assert "- **Work:** Staff Engineer — Acme, Inc." in ana
    assert "- **Met:** PyCon 2024; hallway track (17 May 2024)" in ana
    assert "- **Email (work):** ana@acme.example" in ana
    assert "- **Birthday:** 15 Apr 1990" in ana
    assert "- [ ] send the deck — due 30 Nov 2026" in ana
    assert "- [x] intro to Bo — kept 15 Oct 2025" in ana
    # Newest note first; a heading inside a note sits below the document's own.
    assert ana.index("20 Nov 2026 12:00 · call") < ana.index("1 Oct 2026 12:00 · coffee")
    assert "##### Big news" in ana
    assert "#### 1 Oct 2026 12:00 · coffee · gave · with Eve Park" in ana
    eve = text.split("## Eve Park")[1]
    assert "- **Introduced by:** Ana Lima" in eve
    assert "#### 1 Oct 2026 12:00 · coffee · gave · with Ana Lima" in eve


def test_demote_headings_leaves_code_alone() -> None:
    text = "# A\n```\n# code\n```\n###### deep\n#hashtag"
    assert demote_headings(text, 4) == "##### A\n```\n# code\n```\n###### deep\n#hashtag"


def test_an_old_journal_file_imports_with_its_notes_attached(
    journal: Journal, relate: Callable[..., int]
) -> None:
    """A v0 journal (notes with one person_id) is upgraded before import: no note is lost."""
    v0 = Path(__file__).parent.parent / "data" / "journal-v0.json"
    old = orjson.loads(v0.read_bytes())
    assert relate("import", str(v0), "--format", "json") == 0
    data = journal.data()
    assert len(data.notes) == len(old["notes"]) > 0
    assert all(note.person_ids for note in data.notes)
