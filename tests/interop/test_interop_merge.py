"""Matching imported people with the journal, and merging without losing anything."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from relate_tui.domain.errors import InputError
from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.interop import Imported, read_text
from relate_tui.interop.linkedin import looks_like_linkedin, parse_connections
from relate_tui.interop.merge import merge_person, plan_merge
from relate_tui.interop.vcard import parse_vcards
from relate_tui.journal import Journal

NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)
LATER = datetime(2026, 12, 3, 10, tzinfo=UTC)


def person(name: str, pid: str = "", **fields: object) -> Person:
    return Person(
        id=pid or name.lower().replace(" ", "-"), name=name, created=NOW, updated=NOW, **fields
    )  # type: ignore[arg-type]


def imported(*people: Person) -> list[Imported]:
    return [Imported(p, f"card {i}") for i, p in enumerate(people, 1)]


def test_google_duplicates_in_one_file_become_one_person(data_dir: Path) -> None:
    parsed = parse_vcards(read_text(data_dir / "google-contacts.vcf"), now=NOW)
    plan = plan_merge([], parsed.people, NOW)
    assert [p.name for p in plan.added] == ["Ana Lima", "Bruno Costa", "Carla Mendes", "Dan Öberg"]
    ana = plan.added[0]
    assert Channel("phone", "+55 11 3333-4444", "home") in ana.channels  # from the twin
    assert (plan.updated, plan.unchanged, plan.skipped) == ([], 0, [])


def test_reimport_changes_nothing(data_dir: Path) -> None:
    first = plan_merge([], parse_vcards(read_text(data_dir / "iphone.vcf"), now=NOW).people, NOW)
    again = parse_vcards(read_text(data_dir / "iphone.vcf"), now=LATER).people
    plan = plan_merge(first.added, again, LATER)
    assert (plan.added, plan.updated, plan.unchanged) == ([], [], 2)


def test_match_order_uid_then_email_then_name() -> None:
    ana = person("Ana Lima", vcard_uid="U1", channels=(Channel("email", "ana@x.org"),))
    bea = person("Bea Souza", channels=(Channel("email", "bea@x.org"),))
    cid = person("Cid Moreira")
    plan = plan_merge(
        [ana, bea, cid],
        imported(
            person("Ana L.", "n1", vcard_uid="U1", org="Acme"),  # UID, despite another name
            person("B. Souza", "n2", channels=(Channel("email", "BEA@X.ORG"),), org="Beta"),
            person("cid  moreira", "n3", org="Globo"),  # same name: case, spacing
            person("Dee Dee", "n4"),
        ),
        LATER,
    )
    assert [(p.id, p.name, p.org) for p in plan.updated] == [
        ("ana-lima", "Ana Lima", "Acme"),
        ("bea-souza", "Bea Souza", "Beta"),
        ("cid-moreira", "Cid Moreira", "Globo"),
    ]
    assert [p.name for p in plan.added] == ["Dee Dee"]
    assert all(p.updated == LATER for p in plan.updated)


def test_relate_exported_uid_matches_the_person_it_came_from() -> None:
    ana = person("Ana Lima", "abc123")
    card = person("Ana", "x", vcard_uid="abc123@relate", org="Acme")
    plan = plan_merge([ana], imported(card), LATER)
    assert [p.id for p in plan.updated] == ["abc123"]
    assert plan.updated[0].vcard_uid == ""  # relate's own UID for her is not worth storing


def test_different_uids_are_different_people_even_with_one_name() -> None:
    one = person("John Smith", "j1", vcard_uid="U1")
    plan = plan_merge([one], imported(person("John Smith", "j2", vcard_uid="U2")), NOW)
    assert [p.id for p in plan.added] == ["j2"]


def test_ambiguous_matches_are_skipped_and_say_why() -> None:
    twins = [person("Sam Lee", "s1"), person("Sam Lee", "s2")]
    shared = [
        person("Ana Lima", "a", channels=(Channel("email", "a@x.org"),)),
        person("Ana Souza", "b", channels=(Channel("email", "b@x.org"),)),
    ]
    emails = (Channel("email", "a@x.org"), Channel("email", "b@x.org"))
    plan = plan_merge(
        twins + shared,
        imported(person("Sam Lee", "n1"), person("Ana", "n2", channels=emails)),
        NOW,
    )
    assert (plan.added, plan.updated) == ([], [])
    assert [str(p) for p in plan.skipped] == [
        'card 1: 2 people are called "Sam Lee": not sure which one it is',
        "card 2: its email matches Ana Lima and Ana Souza: merge them in relate first",
    ]


def test_a_shared_email_does_not_fold_two_people_into_one() -> None:
    office = Channel("email", "office@acme.example", "work")
    ana = person("Ana Lima", channels=(office,))
    plan = plan_merge([ana], imported(person("Bruno Costa", "b", channels=(office,))), NOW)
    assert [p.name for p in plan.added] == ["Bruno Costa"]
    # ...while a name that shares a first or last name (accents aside) is the same person.
    plan = plan_merge([ana], imported(person("Ána Maria Lima", "c", channels=(office,))), NOW)
    assert (plan.added, plan.unchanged) == ([], 1)


def test_merge_fills_blanks_adds_to_lists_and_never_overwrites() -> None:
    mine = person(
        "Ana Lima",
        org="Acme",
        about="Likes climbing.",
        tags=("friends",),
        rhythm="3w",
        channels=(Channel("email", "ana@x.org"), Channel("phone", "+55 11 5555-1234")),
        dates=(ImportantDate("birthday", 4, 15),),
    )
    theirs = person(
        "Ana Lima",
        "other",
        nickname="Aninha",
        org="Beta Corp",
        role="CTO",
        about="Two kids.",
        tags=("Friends", "work"),
        rhythm="1y",
        channels=(
            Channel("email", "ANA@x.org", "home"),
            Channel("phone", "+55 (11) 5555 1234", "mobile"),
            Channel("url", "https://ana.example"),
        ),
        dates=(ImportantDate("birthday", 4, 15, 1990), ImportantDate("anniversary", 6, 1)),
        vcard_uid="U9",
    )
    kept: list[str] = []
    merged = merge_person(mine, theirs, LATER, kept)
    assert merged.id == mine.id and merged.name == "Ana Lima"
    assert (merged.nickname, merged.org, merged.role) == ("Aninha", "Acme", "CTO")
    assert merged.rhythm == "3w"
    assert merged.about == "Likes climbing.\n\nTwo kids."
    assert merged.tags == ("friends", "work")
    assert merged.channels == (
        Channel("email", "ana@x.org", "home"),  # a label fills an empty one
        Channel("phone", "+55 11 5555-1234", "mobile"),  # same digits: same phone
        Channel("url", "https://ana.example"),
    )
    assert merged.dates == (
        ImportantDate("birthday", 4, 15, 1990),  # gains its year
        ImportantDate("anniversary", 6, 1),
    )
    assert merged.vcard_uid == "U9"
    assert merged.updated == LATER
    assert kept == ['Ana Lima: kept org "Acme" (the file says "Beta Corp")']
    # The card's note is added once: merging the same card again changes nothing.
    assert merge_person(merged, theirs, LATER) is merged


def test_merge_never_blanks_a_field() -> None:
    mine = person("Ana Lima", org="Acme", about="x", tags=("a",), met="PyCon")
    assert merge_person(mine, person("Ana Lima", "n"), LATER) is mine
    assert merge_person(mine, replace(mine, org="", about="", tags=()), LATER) is mine


def test_linkedin_connections(data_dir: Path) -> None:
    text = read_text(data_dir / "Connections.csv")
    assert looks_like_linkedin(text)
    parsed = parse_connections(text, now=NOW)
    people = {i.person.name: i.person for i in parsed.people}
    assert list(people) == ["Ana Lima", "Gus Ferreira", "Ines Rocha 🚀", "Jo Kim"]
    gus = people["Gus Ferreira"]
    assert (gus.org, gus.role, gus.met, gus.met_on) == (
        "Initech, Inc.",
        "VP Engineering",
        "LinkedIn",
        date(2022, 1, 3),
    )
    assert gus.tags == ("linkedin",)
    assert gus.channels == (Channel("url", "https://www.linkedin.com/in/gusferreira", "linkedin"),)
    assert people["Ana Lima"].channels[0] == Channel("email", "ana.lima@example.com")
    assert people["Jo Kim"].met_on is None
    assert [(str(p), p.skipped) for p in parsed.problems] == [
        ("row on line 8: no first or last name", True),
        (
            'row on line 9, "Jo Kim": left out "Connected On" "sometime": expected 15 Nov 2023',
            False,
        ),
    ]


def test_linkedin_after_google_merges_by_email_and_profile(data_dir: Path) -> None:
    google = plan_merge(
        [], parse_vcards(read_text(data_dir / "google-contacts.vcf"), now=NOW).people, NOW
    )
    rows = parse_connections(read_text(data_dir / "Connections.csv"), now=LATER).people
    plan = plan_merge(google.added, rows, LATER)
    [ana] = plan.updated
    assert ana.tags == ("Friends", "linkedin")
    assert (ana.met, ana.met_on, ana.role) == ("LinkedIn", date(2023, 11, 15), "Staff Engineer")
    assert plan.kept == [
        'Ana Lima: kept role "Staff Engineer" (the file says "Principal Engineer")'
    ]
    assert [p.name for p in plan.added] == ["Gus Ferreira", "Ines Rocha 🚀", "Jo Kim"]
    # A second LinkedIn export (the profile URL is the key, even when names change).
    renamed = [replace(i, person=replace(i.person, name=i.person.name.upper())) for i in rows]
    again = plan_merge([*google.added, *plan.added, ana], renamed, LATER)
    assert (len(again.added), len(again.updated), again.unchanged) == (0, 0, 4)


def test_linkedin_without_header_is_bad_input() -> None:
    with pytest.raises(InputError, match="not a LinkedIn Connections"):
        parse_connections("Name,Phone\nAna,1\n", now=NOW)


def test_an_import_works_again_from_an_edit_made_meanwhile(
    journal: Journal, relate: Callable[..., int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Someone edits Ana in the app while her card is being merged: the edit survives and
    the import still lands (worked out again on the newer journal)."""
    from dataclasses import replace

    import relate_tui.interop.merge as merge

    ana = journal.add_person("Ana Lima")
    card = tmp_path / "ana.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nORG:Datalab\r\nEND:VCARD\r\n")
    real_plan = merge.plan_merge
    calls = []

    def plan_then_someone_edits(*args, **kwargs):
        plan = real_plan(*args, **kwargs)
        if not calls:
            other = Journal(journal.path, journal.settings, journal.clock)
            other.save_person(replace(other.person(ana.id), about="typed in the app"))
        calls.append(1)
        return plan

    monkeypatch.setattr(merge, "plan_merge", plan_then_someone_edits)
    assert relate("import", str(card)) == 0
    fresh = Journal(journal.path, journal.settings, journal.clock).person(ana.id)
    assert (fresh.about, fresh.org) == ("typed in the app", "Datalab")
    assert len(calls) == 2
