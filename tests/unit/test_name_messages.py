"""The words a person reads when a name fits several people or nobody: who it could be,
how many more, which are archived, and "did you mean" for a typo. Ids are unlike the names.
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from relate_tui.domain.errors import InputError
from relate_tui.domain.people import Person
from relate_tui.journal.names import ambiguity, candidate, close_names, resolve_person
from relate_tui.journal.snapshot import PersonName

T = datetime(2026, 3, 4, 5, 6, 7, 890_123, tzinfo=UTC)


def person(pid: str, name: str, nickname: str = "", archived: bool = False) -> Person:
    return Person(id=pid, name=name, created=T, updated=T, nickname=nickname, archived=archived)


def test_two_people_with_one_name_are_asked_to_be_renamed() -> None:
    same = [person("k2", "Ana Lima"), person("a7", "ana lima")]
    assert ambiguity("ana", same) == (
        '2 people are called "Ana Lima": rename one so they can be told apart'
        " (relate edit, or e in the app)"
    )


def test_candidates_are_listed_with_nickname_and_archived_mark() -> None:
    found = [person("z1", "Ana Lima", nickname="Nana"), person("b4", "Ana Old", archived=True)]
    assert ambiguity("an", found) == (
        '"an" could be Ana Lima ("Nana"), Ana Old [archived]: type more of the name'
    )
    assert candidate(found[1]) == "Ana Old [archived]"


def test_eight_candidates_are_named_and_the_rest_counted() -> None:
    eight = [person(f"id{9 - n}", f"Ana {chr(65 + n)}") for n in range(8)]
    assert ambiguity("ana", eight).endswith("Ana G, Ana H: type more of the name")
    ten = [*eight, person("x1", "Ana I"), person("x0", "Ana J")]
    message = ambiguity("ana", ten)
    assert message.endswith("Ana H and 2 more: type more of the name")
    assert "Ana I" not in message


def names(*people: PersonName) -> SimpleNamespace:
    return SimpleNamespace(names=people)


def test_did_you_mean_offers_the_three_closest_active_names() -> None:
    data = names(
        PersonName("c3", "Maria Stone", "", False),
        PersonName("c1", "Marie Curie", "", False),
        PersonName("c2", "Mario Rossi", "", False),
        PersonName("c0", "Marin Kay", "", False),
        PersonName("c9", "Mari Old", "", True),
    )
    # Four first names are close to "mari"; the archived "Mari Old" is not offered at all.
    assert close_names(data, "mari") == "Mario Rossi or Marin Kay or Marie Curie"


def test_did_you_mean_names_the_person_whose_nickname_or_first_name_was_misspelt() -> None:
    data = names(PersonName("q1", "Robert Brown", "Bobby", False))
    assert close_names(data, "boby") == "Robert Brown"
    assert close_names(data, "robrt") == "Robert Brown"
    assert close_names(data, "rob") == ""  # "robert" is not close enough to "rob"


class Journalish:
    """What name resolution reads of a journal: the names, and each person by id."""

    def __init__(self, *people: Person) -> None:
        self._by_id = {p.id: p for p in people}
        self.names = tuple(PersonName(p.id, p.name, p.nickname, p.archived) for p in people)

    def person(self, pid: str) -> Person | None:
        return self._by_id.get(pid)


def refusal(data: Journalish, query: str, archived: bool | None = None) -> str:
    with pytest.raises(InputError) as caught:
        resolve_person(data, query, archived=archived)  # type: ignore[arg-type]
    return str(caught.value)


def test_each_way_a_name_finds_nobody_says_what_to_do() -> None:
    data = Journalish(
        person("m1", "Maria Stone"),
        person("m0", "Ana Lima"),
        person("m9", "Ola Old", archived=True),
    )
    assert refusal(data, "  ") == "which person? give a name, a nickname or initials"
    assert refusal(data, "marja") == (
        'nobody called "marja" yet (did you mean Maria Stone?): add them with relate add "marja"'
    )
    assert refusal(data, "zed") == 'nobody called "zed" yet: add them with relate add "zed"'
    # `relate archive` looks among the active, `relate unarchive` among the archived.
    assert refusal(data, "ola", archived=False) == "Ola Old is already archived"
    assert refusal(data, "ana", archived=True) == "Ana Lima is not archived"
    assert refusal(data, "zed", archived=True) == 'nobody archived is called "zed"'


def test_an_ambiguous_name_quotes_what_was_typed() -> None:
    data = Journalish(person("m1", "Ana Stone"), person("m0", "Ana Lima"))
    assert refusal(data, "ANA") == '"ANA" could be Ana Lima, Ana Stone: type more of the name'
    assert resolve_person(data, "ana l").id == "m0"  # type: ignore[arg-type]
