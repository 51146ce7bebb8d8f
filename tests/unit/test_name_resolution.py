"""The one name resolver: tricky name sets, the folding rules, and the property that it
never picks someone who fits worse than another person (issue 11)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relate_tui.domain.errors import InputError
from relate_tui.domain.matching import (
    PeopleIndex,
    complete_name,
    find_people,
    fold,
    match_tier,
)
from relate_tui.domain.people import Person
from relate_tui.journal import Journal

T = datetime(2026, 1, 1, tzinfo=UTC)


def person(name: str, nickname: str = "", archived: bool = False) -> Person:
    return Person(id=name, name=name, created=T, updated=T, nickname=nickname, archived=archived)


MIKES = [person("Michael Smith", "Mike"), person("Mike Jones")]
COYOTE = [person("Wile E. Coyote"), person("Eve Martin"), person("Bruno Costa")]
OBRIEN = [person("Dan O'Brien"), person("Dana Scully")]
NORDIC = [
    person("Søren Kierkegaard"),
    person("Łukasz Nowak"),
    person("Đorđe Petrović"),
    person("Ægir Æsir"),
    person("Œdipe Roi"),
    person("Jürgen Weiß"),
    person("Þóra Guðrún"),
    person("Işıl Kaya"),
]
INITIALS = [person("Al Gore"), person("Ana Lima"), person("Ana Costa")]
EXACT = [person("Ana"), person("Ana Lima"), person("Anabel Ortiz")]
ARCHIVED = [person("Michael Smith", "Mike"), person("Mike Jones", archived=True)]
LETTERS = [person("Jan Novak", "J"), person("Jo Marsh"), person("Eve Martin")]


@pytest.mark.parametrize(
    ("people", "query", "expected"),
    [
        # Nickname of one, first name of another: equal fits, so ambiguous.
        (MIKES, "mike", ["Michael Smith", "Mike Jones"]),
        (MIKES, "Mike Jones", ["Mike Jones"]),
        (MIKES, "michael", ["Michael Smith"]),
        (MIKES, "ms", ["Michael Smith"]),
        (MIKES, "mj", ["Mike Jones"]),
        (MIKES, "smith", ["Michael Smith"]),
        # A single letter is no key: "e" is not the E. of Wile E. Coyote.
        (COYOTE, "e", ["Eve Martin", "Wile E. Coyote"]),
        (COYOTE, "coyote", ["Wile E. Coyote"]),
        (COYOTE, "wec", ["Wile E. Coyote"]),
        (COYOTE, "wile e", ["Wile E. Coyote"]),
        (COYOTE, "eve", ["Eve Martin"]),
        # Apostrophes and quotes, whichever the keyboard makes, fold away.
        (OBRIEN, "obrien", ["Dan O'Brien"]),
        (OBRIEN, "O’Brien", ["Dan O'Brien"]),
        (OBRIEN, "oʼbrien", ["Dan O'Brien"]),
        (OBRIEN, "dan o'brien", ["Dan O'Brien"]),
        (OBRIEN, "dan", ["Dan O'Brien"]),
        (OBRIEN, "DAN OBRIEN", ["Dan O'Brien"]),
        # Letters without a decomposition fold to their plain look-alikes.
        (NORDIC, "soren", ["Søren Kierkegaard"]),
        (NORDIC, "lukasz", ["Łukasz Nowak"]),
        (NORDIC, "dorde", ["Đorđe Petrović"]),
        (NORDIC, "aegir", ["Ægir Æsir"]),
        (NORDIC, "oedipe", ["Œdipe Roi"]),
        (NORDIC, "weiss", ["Jürgen Weiß"]),
        (NORDIC, "thora", ["Þóra Guðrún"]),
        (NORDIC, "gudrun", ["Þóra Guðrún"]),
        (NORDIC, "isil", ["Işıl Kaya"]),
        (NORDIC, "jurg", ["Jürgen Weiß"]),
        # Initials and a first name are equal fits too.
        (INITIALS, "al", ["Al Gore", "Ana Lima"]),
        (INITIALS, "ac", ["Ana Costa"]),
        (INITIALS, "ana", ["Ana Costa", "Ana Lima"]),
        (INITIALS, "ana l", ["Ana Lima"]),
        # An exact full name still wins.
        (EXACT, "ana", ["Ana"]),
        (EXACT, "ana lima", ["Ana Lima"]),
        (EXACT, "anab", ["Anabel Ortiz"]),
        # Among equal fits an archived person steps aside; alone, they are found.
        (ARCHIVED, "mike", ["Michael Smith"]),
        (ARCHIVED, "jones", ["Mike Jones"]),
        # A one-letter nickname is a key; any other single letter only a prefix.
        (LETTERS, "j", ["Jan Novak"]),
        (LETTERS, "m", ["Eve Martin", "Jo Marsh"]),
        (LETTERS, "nobody", []),
        (LETTERS, "  ", []),
    ],
)
def test_tricky_name_sets(people: list[Person], query: str, expected: list[str]) -> None:
    assert [p.name for p in find_people(people, query)] == expected


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Dan O'Brien", "dan obrien"),
        ("Dan O’Brien", "dan obrien"),
        ("Dan Oʼbrien", "dan obrien"),
        ('Bob "Builder" Smith', "bob builder smith"),
        ("Søren Ørsted", "soren orsted"),
        ("ŁUKASZ", "lukasz"),
        ("Æsa Œuvre", "aesa oeuvre"),
        ("Weiß", "weiss"),
        ("Þór Guðni", "thor gudni"),
        ("Đurđa", "durda"),
        ("Işık İnce", "isik ince"),
        ("J.R.R. Tolkien", "j r r tolkien"),
        ("  Ana   LIMA ", "ana lima"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("typed", "completion"),
    [
        ("jurg", "Jürgen Müller"),
        ("JÜRGEN M", "Jürgen Müller"),
        ("so", "Søren Kierkegaard"),
        ("an", "Ana "),  # Ana Lima and Ana Costa agree that far
        ("ana l", "Ana Lima"),
        ("Ana Lima", None),  # nothing to add
        ("x", None),
        ("", None),
    ],
)
def test_completion_keeps_the_persons_own_spelling(typed: str, completion: str | None) -> None:
    people = [person("Jürgen Müller"), person("Søren Kierkegaard")]
    people += [person("Ana Lima"), person("Ana Costa")]
    assert complete_name(people, typed) == completion


def test_completion_adds_a_letter_that_folds_to_two() -> None:
    # "weis" for Weißmann and Weißer: they agree on "Weiß", one character as typed, two folded;
    # the completion once compared lengths as typed and added nothing.
    people = [person("Jan Weißmann"), person("Jan Weißer")]
    assert complete_name(people, "jan weis") == "Jan Weiß"
    assert complete_name(people, "jan weiß") is None  # nothing left to add


def test_the_people_filter_folds_the_same_way() -> None:
    index = PeopleIndex(NORDIC + OBRIEN)
    assert [p.name for p in index.filter("obrien")] == ["Dan O'Brien"]
    assert [p.name for p in index.filter("sor")] == ["Søren Kierkegaard"]
    assert [p.name for p in index.filter("weiss")] == ["Jürgen Weiß"]


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        ("Søren Kierkegaard", "Soren Kierkegaard"),
        ("Dan O'Brien", "Dan OBrien"),
        ("Dan O'Brien", "dan o’brien"),
        ("Jürgen Weiß", "Jurgen Weiss"),
        ("Łukasz Nowak", "Lukasz Nowak"),
    ],
)
def test_the_duplicate_name_check_folds_as_matching_does(
    existing: str, new: str, journal_path, clock
) -> None:
    from relate_tui.settings import Settings

    journal = Journal(journal_path, Settings(), clock)
    journal.add_person(existing)
    with pytest.raises(InputError, match="already someone called"):
        journal.add_person(new)


# -- the property ------------------------------------------------------------------------

PARTS = ["Ana", "Anna", "Lima", "Mike", "Michael", "O'Brien", "Søren", "Soren", "E.", "Al",
         "Jürgen", "Weiß", "Łukasz", "Ed", "Li"]  # fmt: skip
PEOPLE = st.lists(
    st.tuples(
        st.lists(st.sampled_from(PARTS), min_size=1, max_size=3).map(" ".join),
        st.one_of(st.just(""), st.sampled_from(PARTS)),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda t: fold(t[0]),
).map(lambda rows: [person(n, nick, archived) for n, nick, archived in rows])


@st.composite
def query_for(draw, people: list[Person]) -> str:
    someone = draw(st.sampled_from(people))
    words = someone.name.split()
    return draw(
        st.one_of(
            st.sampled_from(PARTS),
            st.just(someone.name),
            st.just(someone.nickname),
            st.sampled_from(words),
            st.just("".join(w[0] for w in words)),
            st.sampled_from(words).map(lambda w: w[:2]),
            st.text("anlimeosø'’ ", max_size=6),
        )
    )


def _fit(p: Person, query: str) -> float:
    tier = match_tier(p, fold(query))
    if tier is None:
        return float("inf")
    return tier + (10 if p.archived else 0)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_never_someone_who_fits_less_well_than_another(data) -> None:
    people = data.draw(PEOPLE)
    query = data.draw(query_for(people))
    found = find_people(people, query)
    fits = {p.id: _fit(p, query) for p in people}
    best = min(fits.values())
    if not found:
        assert best == float("inf") or not fold(query)  # nobody fits
        return
    # Whoever is returned fits, and fits as well as anyone: one person is an answer,
    # several are every person who fits that well (an ambiguity, never a pick).
    assert {fits[p.id] for p in found} == {best}
    assert {p.id for p in found} == {pid for pid, fit in fits.items() if fit == best}
    if len(found) == 1:
        assert match_tier(found[0], fold(query)) is not None
