"""The shell can do what the app does, and correct what was written (issue 11): every new
command asserted on its output, its exit code, the file and ``--json``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import orjson
import pytest

from relate_tui.cli import main

NOW = "2026-12-02T10:00:00"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RELATE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("RELATE_NOW", NOW)
    path = tmp_path / "journal.json"
    monkeypatch.setenv("RELATE_DB", str(path))
    return path


def run(*argv: str) -> int:
    try:
        return main(list(argv))
    except SystemExit as exc:  # argparse errors
        return int(exc.code or 0)


def out(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out


def tables(db: Path) -> dict:
    return orjson.loads(db.read_bytes())


def records(db: Path, table: str) -> list[dict]:
    return list(tables(db).get(table, {}).values())


@pytest.fixture
def mikes(db: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run("add", "Michael Smith", "--nickname", "Mike", "--rhythm", "3w") == 0
    assert run("add", "Mike Jones", "--tier", "C", "--email", "mike@jones.example") == 0
    assert run("add", "Dan O'Brien", "--rhythm", "2m", "--tag", "work") == 0
    capsys.readouterr()
    return db


def _refused(capsys: pytest.CaptureFixture[str], db: Path, argv: list[str], message: str) -> None:
    before = db.read_bytes()
    capsys.readouterr()
    assert run(*argv) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert db.read_bytes() == before


# -- names ------------------------------------------------------------------------------------


def test_a_name_that_fits_two_people_equally_is_listed_never_guessed(
    mikes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _refused(capsys, mikes, ["log", "mike", "hello"], 'could be Michael Smith ("Mike"), Mike Jones')
    _refused(capsys, mikes, ["log", "m", "hello"], "could be")
    assert run("log", "mike jones", "hello") == 0
    assert "Logged call with Mike Jones" in out(capsys)
    assert run("log", "obrien", "Coffee", "--kind", "coffee") == 0
    assert "Logged coffee with Dan O'Brien" in out(capsys)


def test_a_single_letter_is_no_middle_initial(db: Path, capsys) -> None:
    run("add", "Wile E. Coyote")
    run("add", "Eve Martin")
    _refused(capsys, db, ["log", "e", "hi"], "could be Eve Martin, Wile E. Coyote")


# -- show, people -----------------------------------------------------------------------------


def test_show_prints_the_card_with_the_next_due_beyond_the_horizon(mikes: Path, capsys) -> None:
    run("log", "dan", "Talked about Lisbon", "--kind", "call", "--at", "2026-11-20 10:00",
        "--promise", "send the flat list", "--due", "2027-02-01")  # fmt: skip
    capsys.readouterr()
    assert run("show", "dan") == 0
    text = out(capsys)
    assert text.splitlines()[0] == "Dan O'Brien"
    assert "Next:         due Wed 20 Jan 2027 (in 1 month); in the queue from " in text
    assert "Last touch:   1 week ago (call, Fri 20 Nov)" in text
    assert "send the flat list — due Mon 1 Feb 2027" in text
    assert "Talked about Lisbon" in text
    assert run("show", "dan", "--json") == 0
    card = json.loads(out(capsys))
    assert card["person"]["name"] == "Dan O'Brien"
    assert card["next_due"] == "2027-01-20"
    assert card["in_queue"] == []
    assert card["open_promises"][0]["text"] == "send the flat list"
    assert card["notes"][0]["body"] == "Talked about Lisbon"
    assert card["notes"][0]["ref"] in text


def test_show_draws_the_last_twelve_months(mikes: Path, capsys) -> None:
    run("log", "dan", "Lunch", "--kind", "meal", "--at", "2026-06-10 12:00")
    run("log", "dan", "Call", "--at", "2026-06-20 12:00")
    run("log", "dan", "Heard he moved", "--kind", "note", "--at", "2026-11-01 12:00")
    capsys.readouterr()
    assert run("show", "dan") == 0
    text = out(capsys)
    assert "Last 12 months" in text
    assert "nothing since June" in text
    assert run("show", "dan", "--json") == 0
    months = json.loads(out(capsys))["months"]
    assert len(months) == 12
    assert months[-1] == {"start": "2026-12-01", "touches": 0, "jots": 0}
    june = next(m for m in months if m["start"] == "2026-06-01")
    november = next(m for m in months if m["start"] == "2026-11-01")
    assert (june["touches"], june["jots"], november["touches"], november["jots"]) == (2, 0, 0, 1)


def test_people_lists_by_tag_and_archived(mikes: Path, capsys) -> None:
    assert run("people") == 0
    lines = out(capsys).splitlines()
    assert lines == [
        "Dan O'Brien · #work · 2m · no touch yet",
        "Michael Smith (Mike) · 3w · no touch yet",
        "Mike Jones · C · no touch yet",
    ]
    assert run("people", "--tag", "#work", "--json") == 0
    assert [p["name"] for p in json.loads(out(capsys))] == ["Dan O'Brien"]
    assert run("archive", "mike jones") == 0
    assert "Archived Mike Jones" in out(capsys)
    assert run("people", "--archived", "--json") == 0
    archived = json.loads(out(capsys))
    assert [(p["name"], p["archived"]) for p in archived] == [("Mike Jones", True)]
    assert run("people") == 0
    assert "Mike Jones" not in out(capsys)


# -- edit, snooze, archive, delete ------------------------------------------------------------


def test_edit_checks_fields_as_the_person_form_does(mikes: Path, capsys) -> None:
    assert run("edit", "dan", "--email", "dan@x.org", "--rhythm", "1m", "--tag", "friends",
               "--birthday", "15 apr", "--introduced-by", "mike jones") == 0  # fmt: skip
    assert "Saved Dan O'Brien" in out(capsys)
    dan = next(p for p in records(mikes, "people") if p["name"] == "Dan O'Brien")
    jones = next(p for p in records(mikes, "people") if p["name"] == "Mike Jones")
    assert dan["rhythm"] == "1m" and dan["tags"] == ["work", "friends"]
    assert dan["channels"][0]["value"] == "dan@x.org"
    assert dan["introduced_by"] == jones["id"]
    assert dan["dates"][0]["month"] == 4
    for argv, message in [
        (["edit", "dan", "--rhythm", "often"], "rhythm"),
        (["edit", "dan", "--birthday", "31 feb"], "not a real date"),
        (
            ["edit", "dan", "--introduced-by", "mike"],
            "could be Michael Smith, Mike Jones: type more of the name",
        ),
        (
            ["edit", "dan", "--introduced-by", "dan"],
            '"dan" is Dan O\'Brien: nobody is introduced by',
        ),
        (["edit", "dan", "--met-on", "2030-01-01"], "still to come"),
        (["edit", "dan", "--name", "Mike Jones"], "already someone called"),
        (["edit", "dan"], "say what to change"),
    ]:
        _refused(capsys, mikes, argv, message)
    assert run("edit", "dan", "--no-rhythm", "--untag", "work", "--email", "", "--json") == 0
    edited = json.loads(out(capsys))
    assert edited.get("rhythm") is None and edited["tags"] == ["friends"]
    assert edited.get("channels", []) == []


def test_snooze_and_its_end(mikes: Path, capsys) -> None:
    assert run("snooze", "dan", "2027-01-10") == 0
    assert "Snoozed Dan O'Brien until Sun 10 Jan 2027." in out(capsys)
    assert run("queue", "--explain", "dan") == 0
    assert "Snoozed until Sun 10 Jan 2027" in out(capsys)
    _refused(capsys, mikes, ["snooze", "dan", "yesterday"], "a day after today")
    _refused(capsys, mikes, ["snooze", "dan"], "give a day")
    assert run("snooze", "dan", "--clear") == 0
    dan = next(p for p in records(mikes, "people") if p["name"] == "Dan O'Brien")
    assert dan.get("snooze_until") is None


def test_ending_a_snooze_or_untagging_that_is_not_there_says_so_and_writes_nothing(
    mikes: Path, capsys
) -> None:
    before = mikes.read_bytes()
    assert run("snooze", "dan", "--clear") == 0
    assert out(capsys) == "Dan O'Brien was not snoozed: nothing changed.\n"
    assert mikes.read_bytes() == before
    assert run("edit", "dan", "--untag", "nope", "--untag", "#work") == 0
    assert "Saved Dan O'Brien" in out(capsys)
    untagged = mikes.read_bytes()
    assert run("edit", "dan", "--untag", "work") == 0
    assert out(capsys) == "Dan O'Brien: nothing changed (no tag #work).\n"
    assert mikes.read_bytes() == untagged


def test_delete_asks_and_without_a_terminal_needs_yes(
    mikes: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("log", "dan", "Lunch")
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # not a terminal
    _refused(capsys, mikes, ["delete", "dan"], "run it in a terminal or add --yes")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert run("delete", "dan") == 0
    captured = capsys.readouterr()
    assert "Delete Dan O'Brien with 1 note and 0 promises? [y/N]" in captured.err
    assert "Nothing deleted." in captured.out
    assert len(records(mikes, "people")) == 3
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert run("delete", "dan") == 0
    assert "Deleted Dan O'Brien with 1 note and 0 promises (relate undo" in out(capsys)
    assert len(records(mikes, "people")) == 2 and records(mikes, "notes") == []
    assert run("undo") == 0
    assert "Undone: delete Dan O'Brien (from the command line)." in out(capsys)
    assert len(records(mikes, "people")) == 3 and len(records(mikes, "notes")) == 1


# -- notes ------------------------------------------------------------------------------------


def _ref(capsys, *argv: str) -> str:
    capsys.readouterr()
    assert run(*argv, "--json") == 0
    return json.loads(out(capsys))[0]["ref"]


def test_a_note_logged_to_the_wrong_person_is_moved_with_its_promise(mikes: Path, capsys) -> None:
    run("log", "michael", "Coffee, he is moving to Lisbon", "--kind", "coffee",
        "--promise", "send the flat list")  # fmt: skip
    ref = _ref(capsys, "notes", "michael")
    assert len(ref) == 7
    assert run("note", "edit", ref, "--to", "mike jones") == 0
    assert f"Moved the note {ref} (coffee, today 10:00) about Mike Jones" in out(capsys)
    jones = next(p for p in records(mikes, "people") if p["name"] == "Mike Jones")
    (note,) = records(mikes, "notes")
    (promise,) = records(mikes, "promises")
    assert note["person_ids"] == [jones["id"]] and promise["person_id"] == jones["id"]
    assert run("notes", "michael") == 0
    assert "No notes about Michael Smith yet." in out(capsys)
    assert run("queue", "--json") == 0
    rows = {(i["person"], i["kind"]) for i in json.loads(out(capsys))}
    assert ("Mike Jones", "promise") in rows  # the queue follows at once
    assert run("undo") == 0
    assert "Undone: move a note to Mike Jones" in out(capsys)
    assert records(mikes, "promises")[0]["person_id"] != jones["id"]


def test_note_edit_fixes_a_typo_and_every_field(mikes: Path, capsys) -> None:
    run("log", "dan", "Talkd about the move")
    ref = _ref(capsys, "notes", "dan")
    argv = ["--text", "Talked about the move", "--kind", "video", "--at", "yesterday 5pm"]
    assert run("note", "edit", ref, *argv, "--gave", "--with", "mike jones", "--json") == 0
    note = json.loads(out(capsys))
    assert note["body"] == "Talked about the move" and note["kind"] == "video"
    assert note["at"].startswith("2026-12-01T17:00") and note["gave"] is True
    assert note["people"] == ["Dan O'Brien", "Mike Jones"]
    assert run("note", "edit", ref[:4], "--no-gave", "--without", "dan") == 0
    (stored,) = records(mikes, "notes")
    assert not stored.get("gave") and len(stored["person_ids"]) == 1
    for argv, message in [
        (["note", "edit", ref, "--kind", "telepathy"], "unknown kind"),
        (["note", "edit", ref, "--at", "tomorrow 9am"], "still to come"),
        (["note", "edit", ref, "--without", "mike jones"], "at least one person"),
        (["note", "edit", ref], "say what to change"),
        (["note", "edit", "zzzz", "--kind", "call"], 'no note "zzzz"'),
        (["note", "edit", "ab", "--kind", "call"], "too short"),
    ]:
        _refused(capsys, mikes, argv, message)


def test_note_delete_and_undo(mikes: Path, capsys) -> None:
    run("log", "dan", "Lunch", "--promise", "book the table")
    ref = _ref(capsys, "notes", "dan")
    assert run("note", "delete", ref) == 0
    assert f"Deleted the note {ref} about Dan O'Brien (relate undo brings it back)." in out(capsys)
    assert records(mikes, "notes") == []
    (promise,) = records(mikes, "promises")
    assert "note_id" not in promise  # no promise points at a note that is gone
    assert run("undo") == 0
    assert len(records(mikes, "notes")) == 1
    assert records(mikes, "promises")[0]["note_id"] == records(mikes, "notes")[0]["id"]


def test_search_finds_note_text_newest_first(mikes: Path, capsys) -> None:
    run("log", "dan", "Coffee at the Café Lisboa", "--at", "2026-11-01 09:00")
    run("log", "mike jones", "He recommended a café in Lisbon")
    run("log", "dan", "Nothing about that")
    assert run("search", "cafe", "lisbo") == 0
    text = out(capsys)
    assert text.index("He recommended") < text.index("Coffee at the Café")
    assert "Mike Jones" in text and "Nothing about" not in text
    assert run("search", "cafe", "--json") == 0
    found = json.loads(out(capsys))
    assert [n["people"] for n in found] == [["Mike Jones"], ["Dan O'Brien"]]
    assert run("search", "zebra") == 0
    assert "No note mentions “zebra”." in out(capsys)


def test_notes_and_the_card_name_the_others_on_a_shared_note_never_the_person_as_deleted(
    mikes: Path, capsys
) -> None:
    run("log", "dan", "Lunch, all three of us", "--with", "mike jones", "--with", "michael")
    run("log", "mike jones", "Just us two on the phone")
    capsys.readouterr()
    assert run("notes", "mike jones") == 0
    text = out(capsys)
    assert "deleted" not in text
    [alone, shared] = [line for line in text.splitlines() if line and not line[0].isspace()]
    assert alone.endswith("· call"), "a note about them alone names nobody"
    assert shared.endswith("· call · Dan O'Brien, Michael Smith")
    assert run("show", "mike jones") == 0
    card = out(capsys)
    assert "· call · Dan O'Brien, Michael Smith" in card and "deleted" not in card
    assert "Mike Jones\n" not in card.split("Notes (")[1], "the card named its own person"


def test_the_card_keeps_a_space_after_a_long_label_and_says_url(db: Path, capsys) -> None:
    run("add", "Ana Lima")
    run("add", "Bruno Costa")
    assert run("edit", "bruno", "--introduced-by", "ana", "--url", "https://bruno.example") == 0
    capsys.readouterr()
    assert run("show", "bruno") == 0
    card = out(capsys)
    assert "Introduced by: Ana Lima" in card
    assert "URL:          https://bruno.example" in card
    assert "Rhythm:       none" in card, "the other labels moved"


# -- promises ---------------------------------------------------------------------------------


def test_promises_whatever_their_due_date_keep_without_a_touch(mikes: Path, capsys) -> None:
    run("log", "dan", "Lunch", "--promise", "send the deck", "--due", "2027-03-01")
    run("log", "mike jones", "Call", "--promise", "intro to Ana", "--due", "fri")
    capsys.readouterr()
    assert run("promises") == 0
    lines = out(capsys).splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == [
        "intro to Ana — due Fri 4 Dec · Mike Jones",
        "send the deck — due Mon 1 Mar 2027 · Dan O'Brien",
    ]
    ref = _ref(capsys, "promises", "dan")
    notes_before = len(records(mikes, "notes"))
    assert run("promise", "keep", ref) == 0
    assert "Kept “send the deck” (Dan O'Brien). No touch logged." in out(capsys)
    assert len(records(mikes, "notes")) == notes_before
    assert run("undo") == 0
    capsys.readouterr()
    assert run("promise", "keep", ref, "--log", "--json") == 0
    assert json.loads(out(capsys))["status"] == "kept"
    kept = [n for n in records(mikes, "notes") if n["body"] == "Kept: send the deck"]
    assert kept and kept[0]["gave"] and kept[0]["kind"] == "message"
    _refused(capsys, mikes, ["promise", "drop", ref], "already kept")


def test_promise_due_and_drop_far_in_the_future(mikes: Path, capsys) -> None:
    run("log", "dan", "Lunch", "--promise", "send the deck", "--due", "2027-03-01")
    ref = _ref(capsys, "promises")
    assert run("promise", "due", ref, "next week") == 0
    assert "“send the deck” (Dan O'Brien) is now due Mon 7 Dec." in out(capsys)
    assert records(mikes, "promises")[0]["due"] == "2026-12-07"
    _refused(capsys, mikes, ["promise", "due", ref, "2026-11-01"], "today or later")
    assert run("promise", "drop", ref) == 0
    assert records(mikes, "promises")[0]["status"] == "dropped"
    capsys.readouterr()
    assert run("promises", "--json") == 0
    assert json.loads(out(capsys)) == []


# -- undo, explain ----------------------------------------------------------------------------


def test_undo_says_what_it_undid_and_when_there_is_nothing(db: Path, capsys) -> None:
    assert run("undo") == 0
    assert out(capsys).strip() == "Nothing to undo."
    run("add", "Ana Lima")
    run("log", "ana", "Coffee", "--kind", "coffee")
    capsys.readouterr()
    assert run("undo", "--json") == 0
    done = json.loads(out(capsys))
    assert done["label"] == "coffee with Ana Lima" and done["by"] == "cli"
    assert done["changed_since"] == [] and done["restored"] == 1
    assert records(db, "notes") == []
    assert run("undo") == 0
    assert out(capsys).strip() == "Undone: add Ana Lima (from the command line)."
    assert run("undo", "--json") == 0
    assert json.loads(out(capsys)) is None


def test_explain_someone_not_in_the_queue_says_why_and_when(db: Path, capsys) -> None:
    run("add", "Ana Lima", "--rhythm", "1y")
    run("log", "ana", "Call")
    run("add", "Bruno Costa")
    capsys.readouterr()
    assert run("queue", "--explain", "ana") == 0
    assert out(capsys).splitlines() == [
        "Ana Lima is not in the queue today.",
        "  Within rhythm until Thu 2 Dec 2027 (every year, counted from the last call, today):"
        " in the queue from Tue 2 Nov 2027.",
    ]
    assert run("queue", "--explain", "bruno") == 0
    assert "No reconnect item: no rhythm." in out(capsys)
    run("archive", "bruno")
    capsys.readouterr()
    assert run("queue", "--explain", "bruno") == 0
    assert "Bruno Costa is archived" in out(capsys)
