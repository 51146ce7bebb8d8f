"""Name matching: what people type after `relate log` finds the person they mean."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from relate_tui.domain.matching import filter_people, find_people, fold
from relate_tui.domain.people import Person

T = datetime(2026, 1, 1, tzinfo=UTC)


def person(name: str, nickname: str = "", tags: tuple[str, ...] = (), archived=False) -> Person:
    return Person(
        id=name, name=name, created=T, updated=T, nickname=nickname, tags=tags, archived=archived
    )


PEOPLE = [
    person("Ana Lima", tags=("work",)),
    person("Ana Costa"),
    person("Jürgen Weiß", nickname="Jogi"),
    person("Bruno Costa"),
    person("Émile Zola", archived=True),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ana Lima", ["Ana Lima"]),
        ("ana lima", ["Ana Lima"]),
        ("ANA", ["Ana Costa", "Ana Lima"]),
        ("jurgen", ["Jürgen Weiß"]),
        ("jogi", ["Jürgen Weiß"]),
        ("al", ["Ana Lima"]),
        ("bc", ["Bruno Costa"]),
        ("costa", ["Ana Costa", "Bruno Costa"]),
        ("lim", ["Ana Lima"]),
        ("ana l", ["Ana Lima"]),
        ("emile", ["Émile Zola"]),
        ("nobody", []),
        ("", []),
    ],
)
def test_find_people(query: str, expected: list[str]) -> None:
    assert [p.name for p in find_people(PEOPLE, query)] == expected


def test_an_exact_full_name_beats_a_first_name() -> None:
    people = [person("Ana"), person("Ana Lima")]
    assert [p.name for p in find_people(people, "ana")] == ["Ana"]


def test_filter_matches_tags_too() -> None:
    assert [p.name for p in filter_people(PEOPLE, "#work")] == ["Ana Lima"]
    assert len(filter_people(PEOPLE, "")) == len(PEOPLE)


def test_fold_removes_case_and_accents() -> None:
    assert fold("  Jürgen   WEISS ") == "jurgen weiss"
