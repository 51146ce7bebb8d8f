"""``relate due --count`` reads each person's touch day from the last-touch table's bytes
(``storage.newest.touch_days_in``) instead of parsing the table: the very days the parse
gives, for any table relate writes, or None (then it parses) — only ever for a person id
with an escape in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relate_tui import quick_due, status_line
from relate_tui.storage import newest
from tests.unit.test_quick_due import _no_fsync, full
from tests.unit.test_seal_record import journal

__all__ = ["_no_fsync", "journal"]  # the fixtures, used here too

ID_TEXT = st.text(min_size=1, max_size=8)
DAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


def _head(day: date, kind: str) -> dict[str, str]:
    return {"at": f"{day.isoformat()}T10:00:00+01:00", "id": "n1", "kind": kind}


@settings(max_examples=200, deadline=None)
@given(
    records=st.lists(
        st.tuples(ID_TEXT | st.sampled_from(["p1", "p2"]), DAY, st.none() | DAY), max_size=8
    )
)
def test_the_touch_days_read_from_the_bytes_are_the_parsed_tables(
    records: list[tuple[str, date, date | None]],
) -> None:
    """``relate due --count`` reads each person's touch day from the last-touch table's
    bytes (``newest.touch_days_in``): the very days the parsed table gives, or None (then
    the table is parsed) — only ever for a person id with an escape in it."""
    table = {}
    for number, (person_id, noted, touched) in enumerate(records, start=1):
        record: dict = {"note": {**_head(noted, "jot"), "line": 'a "line" \\ '}}
        record["person_id"] = person_id
        if touched is not None:
            record["touch"] = _head(touched, "call")
        table[str(number)] = record
    text = orjson.dumps({"newest": table}, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    start, end = len(b'{\n  "newest": '), len(text) - len(b"\n}")
    found = newest.touch_days_in(text, start, end)
    parsed = newest.touch_days(newest.by_person(orjson.loads(text[start:end])))
    plain = all(orjson.dumps(pid)[1:-1] == pid.encode() for pid, _, _ in records)
    assert found == parsed if plain else found in (None, parsed)


def test_the_count_reads_the_touch_days_without_parsing_the_table(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = []
    monkeypatch.setattr(newest, "by_person", lambda table: parsed.append(table) or {})
    found = quick_due.count(status_line.Key(str(journal)))
    assert found is not None and parsed == []
    monkeypatch.undo()
    assert found[0] == full(journal)[0]
