"""The app's ``?words`` filter: the same rule as ``relate search`` (every word, folded like
names), one hit per person, newest note first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from relate_tui.domain.search import NoteSearch, matching_line, search_terms, text_matches

NOTES = [
    ("n1", ("ana",), "2026-11-20T10:00:00+01:00", "Talked about her **ML ethics** talk."),
    (
        "n2",
        ("ana", "bruno"),
        "2026-12-01T19:00:00+01:00",
        "Dinner with Jürgen\nand the  Lisbon plan",
    ),
    ("n3", ("carla",), "2026-10-02T09:00:00+02:00", "Nothing to see"),
    ("n4", ("bruno",), "2025-11-07T19:00:00+01:00", "Before his move to LISBON."),
]


def test_case_accents_and_spaces_do_not_matter_and_every_word_must_be_there() -> None:
    search = NoteSearch(NOTES)
    assert [h.person_id for h in search.people("jurgen")] == ["ana", "bruno"]
    assert [h.person_id for h in search.people("ML   ethics")] == ["ana"]
    assert [h.person_id for h in search.people("lisbon jurgen")] == ["ana", "bruno"]
    assert [h.person_id for h in search.people("lisbon ethics")] == []


def test_one_hit_per_person_from_their_newest_matching_note() -> None:
    hits = NoteSearch(NOTES).people("lisbon")
    assert [(h.person_id, h.note_id) for h in hits] == [("ana", "n2"), ("bruno", "n2")]
    assert hits[0].line == "and the  Lisbon plan"  # the line that matched, as written


def test_nothing_for_nothing() -> None:
    assert NoteSearch(NOTES).people("") == []
    assert NoteSearch(NOTES).people("   ") == []
    assert NoteSearch(NOTES).people("zebra") == []
    assert NoteSearch([]).people("lisbon") == []


def test_matching_line_falls_back_to_the_first_line() -> None:
    assert matching_line("first\n\nsecond line", ("second",)) == "second line"
    assert matching_line("first\nsecond", ("third",)) == "first"
    assert matching_line("", ("x",)) == ""


@given(st.lists(st.text(max_size=40), max_size=6), st.text(min_size=1, max_size=6))
def test_a_person_is_found_exactly_when_relate_search_would_find_one_of_their_notes(
    bodies: list[str], query: str
) -> None:
    notes = [(f"n{i}", (f"p{i % 3}",), f"2026-01-{i + 1:02d}", b) for i, b in enumerate(bodies)]
    found = {h.person_id for h in NoteSearch(notes).people(query)}
    terms = search_terms(query)
    expected = {pid for _n, (pid,), _at, body in notes if terms and text_matches(body, terms)}
    assert found == expected
