"""The people filter's index agrees with ``domain.matching.filter_people``."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from relate_tui.domain.matching import PeopleIndex, filter_people
from relate_tui.domain.people import Person

NOW = datetime(2026, 12, 2, tzinfo=UTC)
NAMES = [
    ("Ana Lima", "", ("work", "ml")),
    ("Jürgen Weiß", "Jogi", ("friends",)),
    ("Eve Martin", "Evie", ("family",)),
    ("Dr. J. R. R. Tolkien", "", ()),
    ("Anna-Lena Ito", "AL", ("#rust",)),
    ("[bold]Mal[/]", "", ("[red]",)),
    ("O'Brien Ó Súilleabháin", "obi", ("work",)),
]
PEOPLE = [
    Person(id=str(i), name=n, nickname=k, tags=t, created=NOW, updated=NOW)
    for i, (n, k, t) in enumerate(NAMES)
]
INDEX = PeopleIndex(PEOPLE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="anlijurgeäwßo .#-[]'", max_size=8))
def test_index_matches_filter_people(query: str) -> None:
    assert INDEX.filter(query) == filter_people(PEOPLE, query)


def test_examples() -> None:
    assert [p.name for p in INDEX.filter("jur")] == ["Jürgen Weiß"]
    assert [p.name for p in INDEX.filter("al")] == ["Ana Lima", "Anna-Lena Ito", "[bold]Mal[/]"]
    assert [p.name for p in INDEX.filter("#fam")] == ["Eve Martin"]
