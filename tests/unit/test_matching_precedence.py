"""Which person a typed name means, when several could: each degree of fit pitted against the
others, one-word names, one-letter queries, archived people and completion.

Ids are deliberately unlike the names (and sort the other way), so nothing here passes
because the people happened to be in id order.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from relate_tui.domain.matching import PeopleIndex, complete_name, find_people
from relate_tui.domain.people import Person
from relate_tui.journal.snapshot import PersonName

T = datetime(2026, 1, 1, 9, 41, 17, 503_112, tzinfo=UTC)
_IDS = iter(f"z{n:03d}" for n in range(999, 0, -1))  # z999, z998, ...: the reverse of A..Z


def person(name: str, nickname: str = "", archived: bool = False) -> Person:
    return Person(
        id=next(_IDS), name=name, created=T, updated=T, nickname=nickname, archived=archived
    )


def names(people: list[Person]) -> list[str]:
    return [p.name for p in people]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # An exact whole name beats a first name, a last name, initials and prefixes of others.
        ("ana", ["Ana"]),
        ("lima", ["Lima"]),
        ("al", ["Al"]),
        # A first name, a nickname and initials are equal keys: all are shown.
        ("mike", ["Michael Smith", "Mike Jones"]),
        ("mo", ["Mark Ortiz", "Mo Reyes"]),
        ("ruiz", ["Bella Ruiz"]),
        # Any key beats a prefix or a substring of someone else's name.
        ("jon", ["Jon Bell"]),
        ("bel", ["Bella Ruiz", "Jon Bell"]),
        # Words starting the name's words in order, when nothing fits better.
        ("mi sm", ["Michael Smith"]),
        ("an li", ["Ana Lima"]),
        # A one-word name is found whole; a single letter is never a key.
        ("e", ["E"]),
        ("z", ["Bella Ruiz", "Mark Ortiz"]),
    ],
)
def test_the_best_fit_wins_and_equal_fits_are_all_shown(query: str, expected: list[str]) -> None:
    people = [
        person("Mike Jones"),
        person("Michael Smith", nickname="Mike"),
        person("Ana Lima"),
        person("Ana"),
        person("Lima"),
        person("Al"),
        person("Jonathan Price"),
        person("Jon Bell"),
        person("Bella Ruiz"),
        person("E"),
        person("Mo Reyes"),
        person("Mark Ortiz"),
    ]
    assert names(find_people(people, query)) == expected


def test_a_nickname_is_as_good_as_a_first_name_not_better() -> None:
    people = [person("Tom Weber", nickname="Jo"), person("Jo Park")]
    assert names(find_people(people, "jo")) == ["Jo Park", "Tom Weber"]


def test_one_letter_finds_only_names_that_start_or_hold_it() -> None:
    people = [person("Xu"), person("Max Ode"), person("Ana")]
    # "x" is inside "max" and starts "xu": a prefix or part, never the initial "X".
    assert names(find_people(people, "x")) == ["Max Ode", "Xu"]
    assert names(find_people(people, "q")) == []


def test_an_archived_person_steps_aside_for_an_active_one() -> None:
    old = person("Ana Old", archived=True)
    lima = person("Ana Lima")
    assert find_people([old, lima], "ana") == [lima]
    assert find_people([lima, old], "ana") == [lima]
    # ...but an archived person who fits better is still found.
    assert find_people([old, lima], "ana old") == [old]
    assert find_people([old], "ana") == [old]


def test_completion_stops_where_names_part_and_keeps_a_whole_shorter_name() -> None:
    assert complete_name([person("Ana"), person("Ana Lima")], "a") == "Ana"
    assert complete_name([person("Ana Lima"), person("Ana Lopez")], "a") == "Ana L"
    assert complete_name([person("Lea Marx"), person("Lea Mary")], "l") == "Lea Mar"


def test_completion_uses_the_first_spelling_of_a_shared_start() -> None:
    people = [person("Jürgen Ortiz"), person("Jurgen Lopes")]
    assert complete_name(people, "j") == "Jürgen "


def test_a_whole_name_typed_without_its_apostrophe_is_not_completed() -> None:
    # Nothing would be added; the typed text stays as it is.
    assert complete_name([person("Dan O'Brien")], "dan obrien") is None


def test_the_filter_finds_a_spaced_query_only_by_word_starts() -> None:
    index = PeopleIndex([person("Ana Lima"), person("Al Ito"), person("Lima Ana")])
    assert names(index.filter("an li")) == ["Ana Lima"]
    longer = PeopleIndex([person("Ana Lima Souza"), person("Ana")])
    assert names(longer.filter("an li")) == ["Ana Lima Souza"]
    assert names(index.filter("ai")) == ["Al Ito"]
    assert names(index.filter("#")) == []


def test_the_filter_takes_names_without_tags() -> None:
    # The journal's light name records have no tags; the filter must not need them.
    light = [PersonName("r-2", "Ana Lima", "", False), PersonName("r-1", "Bo Ek", "Bobo", False)]
    assert [p.id for p in PeopleIndex(light).filter("bob")] == ["r-1"]


def test_word_starts_find_a_longer_name_and_a_backtick_is_an_apostrophe() -> None:
    people = [person("Ana Lima Souza"), person("Dan O`Brien")]
    assert names(find_people(people, "an li")) == ["Ana Lima Souza"]
    assert names(find_people(people, "obrien")) == ["Dan O`Brien"]
