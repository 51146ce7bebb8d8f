"""``relate week`` end to end: text, the Markdown document, JSON, and the quiet week.

The journal is written through the ``Journal`` with clocks stopped at the moments things
happened, then read by the command line with ``RELATE_NOW`` fixed at Wed 2 Dec 2026 10:00
(UTC, the config being empty).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from relate_tui.cli import main
from relate_tui.domain.clock import FixedClock
from relate_tui.domain.people import ImportantDate
from relate_tui.journal import Journal
from relate_tui.settings import Settings

NOW = "2026-12-02T10:00:00"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("RELATE_NOW", NOW)
    path = tmp_path / "journal.json"
    monkeypatch.setenv("RELATE_DB", str(path))
    return path


def at(path: Path, moment: str) -> Journal:
    """The journal as it was at ``moment`` (UTC): what it writes is stamped then."""
    return Journal(path, Settings(), FixedClock(moment, tz="UTC"))


def when(text: str) -> datetime:
    return datetime.fromisoformat(text + "+00:00")


@pytest.fixture
def journal(db: Path) -> Path:
    """A small journal with something in every section of the review."""
    early = at(db, "2025-01-01T09:00:00")
    bruno = early.add_person("Bruno Costa", rhythm="1y")
    jan = at(db, "2026-01-05T09:00:00")
    ana = jan.add_person("Ana Lima", rhythm="A")
    carla = jan.add_person("Carla [Northwind]", rhythm="2m")
    ivan = jan.add_person("Ivan Petrov", rhythm="B")
    jan.add_person("Eve Martin", dates=(ImportantDate("birthday", 12, 5, 1988),))
    hana = at(db, "2026-10-15T09:00:00").add_person("Hana Sato", rhythm="1m")
    at(db, NOW).add_person("Dan Okafor", rhythm="A")

    log = at(db, NOW)
    log.log_note([bruno.id], "Dinner before his move", kind="meal", at=when("2025-11-01T19:00"))
    log.log_note([ivan.id], "Asked for CV feedback", asked=True, at=when("2026-09-10T12:00"))
    log.log_note([ana.id], "Meetup", kind="event", asked=True, at=when("2026-11-20T18:00"))
    log.log_note(
        [ivan.id], "Asked for an intro to Priya", kind="video", asked=True,
        at=when("2026-11-23T09:00"),
    )  # fmt: skip
    log.log_note([hana.id], "Heard she changed teams", kind="note", at=when("2026-12-01T08:00"))
    log.log_note(
        [ana.id], "Talked about her **ML ethics** talk\nmore", gave=True,
        at=when("2026-12-01T10:00"),
    )  # fmt: skip
    at(db, "2026-11-20T10:00:00").add_promise(ana.id, "send the paper", date(2026, 11, 27))
    deck = at(db, "2026-11-20T10:00:00").add_promise(
        carla.id, "send the *deck*", date(2026, 11, 30)
    )
    at(db, "2026-12-01T20:00:00").keep_promise(deck.id, log_touch=True)
    return db


EXPECTED_MARKDOWN = """\
# Weekly review: Mon 30 Nov – Sun 6 Dec 2026

Reviewed on Wed 2 Dec 2026.

## Due this week and overdue

### Overdue

- **Ana Lima** — promise: send the paper · 5 days late
- **Hana Sato** — reconnect · every month · 17 days late
- **Bruno Costa** — reconnect · every year · 31 days late

### Today

- **Dan Okafor** — reconnect · tier A · every 3 weeks · added Wed 2 Dec, no contact yet

### This week

- **Eve Martin** — birthday (turns 38) · Sat 5 Dec

## Touches

Touches, last 12 weeks: ▁▁▁▁▁▁▁▁▁▂▂█  4 in all, 2 this week

### This week: 2 touches with 2 people (call, message)

- Tue 1 Dec · call · Ana Lima · gave — Talked about her ML ethics talk
- Tue 1 Dec · message · Carla \\[Northwind\\] · gave — Kept: send the deck

### Last week: 1 touch with 1 person (video)

- Mon 23 Nov · video · Ivan Petrov · asked — Asked for an intro to Priya

## Promises

### Kept this week

- [x] Carla \\[Northwind\\]: send the \\*deck\\* — kept Tue 1 Dec, 1 day late

### Late

- [ ] Ana Lima: send the paper — due Fri 27 Nov, 5 days late

## Drifting

| Person | Rhythm | Days late | Ratio | Last touch |
| --- | --- | ---: | ---: | --- |
| Hana Sato | every month | 17 | 0.55 | never (added 15 Oct) |
| Bruno Costa | every year | 31 | 0.08 | Sat 1 Nov 2025 (396 days) |

## In rhythm

- A: 1 of 2 in rhythm, 1 not contacted yet
- B: 1 of 1 in rhythm
- Own rhythm: 1 of 3 in rhythm

## Give and take, last 6 months (since 2 Jun)

Only asked, gave nothing: Ivan Petrov (2 asks).

| Person | Gave | Asked |
| --- | ---: | ---: |
| Ivan Petrov | 0 | 2 |
| Ana Lima | 1 | 1 |
| Carla \\[Northwind\\] | 1 | 0 |
"""


def test_markdown_document(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["week", "--markdown"]) == 0
    document = capsys.readouterr().out
    assert document == EXPECTED_MARKDOWN
    # A document is read later: its days are dates, never words relative to today.
    assert not re.search(r"\b(today|yesterday|tomorrow|ago)\b", document)


def test_text(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["week"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Weekly review · Mon 30 Nov – Sun 6 Dec 2026 (today Wed 2 Dec)"
    assert lines[2:7] == [
        "Due this week and overdue (5)",
        "  Overdue",
        "    Ana Lima · promise: send the paper · 5 days late",
        "    Hana Sato · reconnect · every month · 17 days late",
        "    Bruno Costa · reconnect · every year · 31 days late",
    ]
    assert "  Kept this week (1)" in lines
    assert "    Carla [Northwind] · send the *deck* · kept yesterday, 1 day late" in lines
    assert "Drifting: 2 people past their rhythm, furthest first" in lines
    assert (
        "  Bruno Costa · every year · 31 days late (ratio 0.08) · 396 days since last touch"
        in lines
    )
    assert (
        "  Hana Sato · every month · 17 days late (ratio 0.55) · never touched (added 15 Oct)"
        in lines
    )
    # tier coverage as a bar that the words repeat (readable without colour)
    assert "  █████░░░░░  A: 1 of 2 in rhythm, 1 not contacted yet" in lines
    # everyone's last 12 weeks as one Unicode line, oldest first
    assert "  Touches, last 12 weeks: ▁▁▁▁▁▁▁▁▁▂▂█  4 in all, 2 this week" in lines
    assert "  Only asked, gave nothing: Ivan Petrov (2 asks)" in lines
    assert "neglected" not in "\n".join(lines).lower()


def test_json(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["week", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["week"] == {"start": "2026-11-30", "end": "2026-12-06"}
    assert len(data["weeks"]) == 12 and data["weeks"][-1] == {
        "start": "2026-11-30",
        "touches": 2,
        "jots": 1,
    }
    assert data["weeks"][0]["start"] == "2026-09-14"
    assert [(i["person"], i["group"]) for i in data["due"]] == [
        ("Ana Lima", "overdue"),
        ("Hana Sato", "overdue"),
        ("Bruno Costa", "overdue"),
        ("Dan Okafor", "today"),
        ("Eve Martin", "this_week"),
    ]
    assert data["due"][0]["why"]["ratio"] == 0.71
    assert data["touches"]["this_week"]["kinds"] == {"call": 1, "message": 1}
    assert data["touches"]["last_week"]["people"] == ["Ivan Petrov"]
    (kept,) = data["promises"]["kept"]
    assert (kept["text"], kept["closed"], kept["days_late"]) == ("send the *deck*", "2026-12-01", 1)
    assert data["drifting"]["total"] == 2
    assert data["drifting"]["people"][1]["days_since_touch"] == 396
    assert data["tiers"][-1] == {
        "tier": None,
        "rhythm": None,
        "people": 3,
        "in_rhythm": 1,
        "new": 0,
    }
    assert data["balance"]["since"] == "2026-06-02"
    assert [p["person"] for p in data["balance"]["people"] if p["only_asked"]] == ["Ivan Petrov"]


def test_quiet_week_says_so_kindly(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    journal = at(db, "2026-11-01T09:00:00")
    kim = journal.add_person("Kim Park", rhythm="1m")
    at(db, NOW).log_note([kim.id], "Coffee", kind="coffee", at=when("2026-11-25T09:00"))
    assert main(["week"]) == 0
    text = capsys.readouterr().out
    assert "Nothing due this week: everyone is within their rhythm. Enjoy the quiet." in text
    assert "Own rhythm: 1 of 1 in rhythm" in text
    assert main(["week", "--markdown"]) == 0
    assert "## Due this week and overdue\n\nNothing due this week" in capsys.readouterr().out


def test_empty_journal(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["week"]) == 0
    assert capsys.readouterr().out.startswith("Nothing to review yet.")
    assert main(["week", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["nothing_due"] is True


def test_markdown_and_json_together_are_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["week", "--markdown", "--json"])
    assert exit_.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_control_characters_never_reach_the_terminal(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = at(db, "2026-11-01T09:00:00")
    person = journal.add_person("Mallory", rhythm="1w")
    at(db, NOW).log_note([person.id], "\x1b[31mred\x1b[0m alert", at=when("2026-12-01T09:00"))
    assert main(["week"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "␛[31mred␛[0m alert" in out


def test_week_does_not_import_textual(journal: Path) -> None:
    code = (
        "import sys\n"
        "from relate_tui.cli import main\n"
        "main(['week'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_week_titles() -> None:
    from relate_tui.domain.review import review
    from relate_tui.report.phrases import week_title

    def title(today: date) -> str:
        return week_title(review((), (), (), today, Settings()))

    assert title(date(2026, 11, 26)) == "Mon 23 – Sun 29 Nov 2026"
    assert title(date(2026, 12, 2)) == "Mon 30 Nov – Sun 6 Dec 2026"
    assert title(date(2026, 12, 31)) == "Mon 28 Dec 2026 – Sun 3 Jan 2027"
