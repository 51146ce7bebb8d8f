"""The words a person reads when a name fits several people or nobody: who it could be,
how many more, which are archived, and "did you mean" for a typo. Ids are unlike the names.
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from relate_tui.domain.people import Person
from relate_tui.journal.names import ambiguity, candidate, close_names
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
