"""The people filter's index is not part of the first screen: a view is built without it,
it is built once asked for (the session asks once the view is shown), and a view patched
after a change reuses what the last one folded, built or not."""

from __future__ import annotations

from pathlib import Path

from relate_tui.app.view import build_view
from relate_tui.domain.clock import FixedClock
from relate_tui.journal import Journal
from relate_tui.settings import Settings

NAMES = ["Ana Lima", "Bruno Costa", "Carla Nguyen", "Dan Okafor", "Ånä Öberg"]
QUERIES = ["", "a", "ana", "al", "#work", "bru co", "ober", "zzz"]


def _journal(path: Path) -> Journal:
    """A journal of ``NAMES``, opened again as the app opens it (sealed, read by table)."""
    journal = Journal(path, Settings(), FixedClock("2026-12-02T10:00:00"), writer="cli")
    for name in NAMES:
        journal.add_person(name, rhythm="1w", tags=["work"] if "a" in name else [])
    app = Journal(path, Settings(), journal.clock, writer="app")
    # One save of the app's first: it seals the file with its last-touch table, so the
    # next changes are spliced and their views patched, as in a journal in use.
    app.log_note([app.data().people[0].id], "first", kind="note")
    return app


def test_the_first_view_is_built_without_the_filter_index(journal_path: Path) -> None:
    journal = _journal(journal_path)
    view = build_view(journal)
    assert view.index_built is None
    index = view.people_index
    assert view.index_built is index and view.people_index is index
    assert [p.name for p in index.filter("ana")] == ["Ana Lima", "Ånä Öberg"]


def test_a_patched_view_filters_as_a_fresh_one_whether_or_not_the_last_index_was_built(
    journal_path: Path,
) -> None:
    journal = _journal(journal_path)
    first = build_view(journal)  # its index never built (nobody filtered)
    ana = next(p for p in first.data.active_people if p.name == "Ana Lima")
    journal.log_note([ana.id], "coffee", kind="coffee")
    second = build_view(journal, first)
    assert second.data.base_revision == first.data.revision  # patched, not read afresh
    journal.edit_person(ana.id, {"name": "Ana Lima Ferreira"})
    third = build_view(journal, second)
    fresh = build_view(Journal(journal_path, Settings(), journal.clock, writer="app"))
    for query in QUERIES:
        want = [p.id for p in fresh.people_index.filter(query)]
        assert [p.id for p in third.people_index.filter(query)] == want, query
    assert [p.name for p in third.people_index.filter("ferr")] == ["Ana Lima Ferreira"]


def test_unchanged_people_keep_their_folded_entries(journal_path: Path) -> None:
    journal = _journal(journal_path)
    first = build_view(journal)
    before = {id(e.person): e for e in first.people_index._entries}
    bruno = next(p for p in first.data.active_people if p.name == "Bruno Costa")
    journal.log_note([bruno.id], "call", kind="call")
    after = build_view(journal, first).people_index
    kept = [e for e in after._entries if before.get(id(e.person)) is e]
    assert len(kept) >= len(NAMES) - 1
