"""Name matching: what people type after `relate log` finds the person they mean."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relate_tui.domain.matching import PeopleIndex, filter_people, find_people, fold, match_tier
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


# The people filter (``PeopleIndex``, and ``filter_people`` through it) against the rule it
# stands for, worked out here from ``match_tier`` one person at a time.
FILTERED = [
    person("Ana Lima", tags=("work", "ml")),
    person("Jürgen Weiß", nickname="Jogi", tags=("friends",)),
    person("Eve Martin", nickname="Evie", tags=("family",)),
    person("Dr. J. R. R. Tolkien"),
    person("Anna-Lena Ito", nickname="AL", tags=("#rust",)),
    person("[bold]Mal[/]", tags=("[red]",)),
    person("O'Brien Ó Súilleabháin", nickname="obi", tags=("work",)),
]
INDEX = PeopleIndex(FILTERED)


def _matches(query: str) -> list[Person]:
    folded = fold(query)
    if not folded:
        return list(FILTERED)
    tag = folded.lstrip("#")
    return [
        p
        for p in FILTERED
        if match_tier(p, folded) is not None or any(fold(t).startswith(tag) for t in p.tags)
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="anlijurgeäwßo .#-[]'", max_size=8))
def test_the_index_finds_whom_match_tier_or_a_tag_finds(query: str) -> None:
    assert INDEX.filter(query) == _matches(query)
    assert filter_people(FILTERED, query) == _matches(query)


def test_index_examples() -> None:
    assert [p.name for p in INDEX.filter("jur")] == ["Jürgen Weiß"]
    assert [p.name for p in INDEX.filter("al")] == ["Ana Lima", "Anna-Lena Ito", "[bold]Mal[/]"]
    assert [p.name for p in INDEX.filter("#fam")] == ["Eve Martin"]


def test_an_index_rebuilt_after_a_save_folds_only_the_people_it_has_not_seen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app rebuilds the filter after every save (``reuse``): with 10,000 people, folding
    each again would cost every save; only a new or changed person is folded."""
    from relate_tui.domain import matching

    folded: list[str] = []

    def counting_fold(text: str) -> str:
        folded.append(text)
        return fold(text)

    monkeypatch.setattr(matching, "fold", counting_fold)
    renamed = person("Eve Martins", nickname="Evie", tags=("family",))
    people = [p for p in FILTERED if p.name != "Eve Martin"] + [renamed]
    index = PeopleIndex(people, reuse=INDEX)
    assert folded == ["Eve Martins", "Evie", "family"]  # the one changed, and nobody else
    assert [p.name for p in index.filter("mart")] == ["Eve Martins"]
    assert index.filter("jur") == INDEX.filter("jur")
