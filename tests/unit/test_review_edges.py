"""The review's edges: whose promise an entry is (the --json consumer reads the id), and the
notes it reads whatever the lengths of its windows. Ids are unlike the names and sort the
other way; the clock has seconds and microseconds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from relate_tui.domain import review as review_module
from relate_tui.domain.people import Person
from relate_tui.domain.promises import KEPT, OPEN, Promise
from relate_tui.domain.review import first_day_read, review
from relate_tui.settings import Settings

TODAY = date(2026, 12, 2)  # a Wednesday; the week starts Monday 30 November
MOMENT = datetime(2026, 11, 20, 8, 14, 53, 902_117, tzinfo=UTC)


def person(pid: str, name: str) -> Person:
    return Person(id=pid, name=name, created=MOMENT, updated=MOMENT)


def test_promise_entries_name_the_promise_and_the_person_by_id() -> None:
    zoe, abe = person("p-01", "Zoe Park"), person("p-02", "Abe Ito")
    kept = Promise(
        "q-9", "p-01", "send the book", date(2026, 12, 1), MOMENT, MOMENT,
        status=KEPT, closed_at=datetime(2026, 12, 1, 21, 5, 7, 1, tzinfo=UTC),
    )  # fmt: skip
    late = Promise("q-1", "p-02", "call back", date(2026, 11, 30), MOMENT, MOMENT, status=OPEN)
    result = review([zoe, abe], [], [kept, late], TODAY, Settings())
    assert [(e.promise_id, e.person_id, e.person_name) for e in result.kept] == [
        ("q-9", "p-01", "Zoe Park")
    ]
    assert [(e.promise_id, e.person_id, e.days_late) for e in result.late] == [("q-1", "p-02", 2)]


def test_the_review_reads_every_week_its_chart_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    # Today the six-month balance window reaches furthest back; were it shortened, the chart's
    # twelve weeks and last week must still be read.
    assert first_day_read(TODAY, Settings()) == date(2026, 6, 2)
    monkeypatch.setattr(review_module, "BALANCE_MONTHS", 1)
    assert first_day_read(TODAY, Settings()) == date(2026, 9, 14)  # 11 weeks before 30 Nov
    monkeypatch.setattr(review_module, "BALANCE_MONTHS", 0)
    monkeypatch.setattr(review_module, "WEEKS", 1)
    assert first_day_read(TODAY, Settings()) == date(2026, 11, 23)  # last week's Monday
