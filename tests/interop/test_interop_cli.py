"""`relate import` and `relate export` end to end, as a person types them."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from relate_tui.journal import Journal

NOW = "2026-12-02T10:00:00"  # as RELATE_NOW in conftest's ``db``
Relate = Callable[..., int]


def people(db: Path) -> list[str]:
    raw = orjson.loads(db.read_bytes())
    return sorted(r["name"] for r in raw["people"].values())


def test_import_google_then_again(
    relate: Relate, db: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert relate("import", data_dir / "google-contacts.vcf") == 0
    out = capsys.readouterr().out
    assert out == (
        "Imported google-contacts.vcf: 4 added, 0 updated, 0 unchanged, 0 skipped (people).\n"
    )
    assert people(db) == ["Ana Lima", "Bruno Costa", "Carla Mendes", "Dan Öberg"]
    assert relate("import", data_dir / "google-contacts.vcf") == 0
    assert "0 added, 0 updated, 4 unchanged, 0 skipped" in capsys.readouterr().out
    assert len(people(db)) == 4


def test_import_linkedin_after_google(
    relate: Relate, db: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    relate("import", data_dir / "google-contacts.vcf")
    capsys.readouterr()
    assert relate("import", data_dir / "Connections.csv") == 0
    captured = capsys.readouterr()
    assert captured.out == (
        "Imported Connections.csv: 3 added, 1 updated, 0 unchanged, 1 skipped (people).\n"
        "  Ana Lima: set met “LinkedIn”, set met on “2023-11-15”, added url"
        " https://www.linkedin.com/in/analima (linkedin), added tag #linkedin\n"
    )
    assert captured.err.splitlines() == [
        "  skipped row on line 8: no first or last name",
        '  row on line 9, "Jo Kim": left out "Connected On" "sometime": expected 15 Nov 2023',
        '  Ana Lima: kept role "Staff Engineer" (the file says "Principal Engineer")',
    ]
    assert len(people(db)) == 7


def test_import_broken_cards_reports_each_and_imports_the_rest(
    relate: Relate, db: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert relate("import", data_dir / "broken.vcf") == 0
    captured = capsys.readouterr()
    assert "5 added, 0 updated, 0 unchanged, 2 skipped" in captured.out
    err = captured.err.splitlines()
    assert err[0] == "  skipped card 3 (line 11): the card has no name (FN, N or ORG)"
    assert err[1].startswith('  skipped card 4 (line 15, "Never Ended"): the card has no END')
    assert err[2].startswith('  card 2 (line 6, "Garbled Line"): left out line 9 ("this line')
    assert len(err) == 4
    assert people(db) == [
        "Bad Birthday", "Damaged Photo", "Garbled Line", "Good After", "Good Before"
    ]  # fmt: skip


def test_import_a_folder_of_cards(
    relate: Relate, db: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "contacts"
    (book / "default").mkdir(parents=True)
    (book / ".git").mkdir()
    for name in ("iphone.vcf", "android-4.0.vcf"):
        shutil.copy(data_dir / name, book / "default" / name)
    shutil.copy(data_dir / "broken.vcf", book / ".git" / "ignored.vcf")
    assert relate("import", book) == 0
    captured = capsys.readouterr()
    assert "Imported contacts: 4 added" in captured.out
    assert captured.err.splitlines() == [
        '  default/android-4.0.vcf: card 2 (line 19, "Finn Berg"): left out birthday'
        ' "circa 1980" is text, not a date'
    ]
    assert people(db) == ["Eve Park", "Finn Berg", "Globex Corporation", "Hana Sato"]


def test_dry_run_writes_nothing(
    relate: Relate, db: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert relate("import", data_dir / "iphone.vcf", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Would import iphone.vcf: 2 added" in out
    assert not db.exists()
    # ... and says who, so the import can be checked before it runs.
    (who,) = [line for line in out.splitlines() if line.startswith("  would add: ")]
    assert who == "  would add: Eve Park, Globex Corporation"


def _existing_journal(relate: Relate, db: Path) -> bytes:
    assert relate("add", "Ana Lima", "--tier", "A") == 0
    return db.read_bytes()


@pytest.mark.parametrize(
    ("make", "argv", "message"),
    [
        (lambda d: d / "notes.txt", [], "notes.txt: not a vCard, a LinkedIn Connections.csv"),
        (None, [], "does not exist"),
        (lambda d: d / "all-bad.vcf", [], None),
        (lambda d: d / "folder", ["--format", "json"], "only a folder of .vcf files"),
        (lambda d: d / "empty", [], "has no .vcf files"),
        (lambda d: d / "bad.json", [], "the file is not valid JSON"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_journal_alone(
    relate: Relate,
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], Path] | None,
    argv: list[str],
    message: str | None,
) -> None:
    before = _existing_journal(relate, db)
    capsys.readouterr()
    (tmp_path / "notes.txt").write_text("just some words\n")
    (tmp_path / "all-bad.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@y.z\nEND:VCARD\n")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.vcf").write_text("BEGIN:VCARD\nFN:A\nEND:VCARD\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.json").write_text("{oops")
    target = make(tmp_path) if make else tmp_path / "missing.vcf"
    assert relate("import", target, *argv) == 2
    err = capsys.readouterr().err
    if message:
        assert err.count("\n") == 1 and err.startswith("relate: ") and message in err
    else:
        assert err.count("\n") == 1 and "nothing imported from all-bad.vcf: card 1 (line 1)" in err
    assert db.read_bytes() == before


def test_json_export_import_into_an_empty_journal_reproduces_it(
    relate: Relate, db: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    relate("import", data_dir / "iphone.vcf")
    relate("log", "eve", "Coffee at the meetup", "--kind", "coffee", "--promise", "send the paper")
    first = tmp_path / "first.json"
    capsys.readouterr()
    assert relate("export", "--format", "json", "-o", first) == 0
    assert capsys.readouterr().out == f"Exported the whole journal as json to {first}.\n"
    other = tmp_path / "other.json"
    assert relate("--db", other, "import", first) == 0
    assert "Imported first.json: 4 added" in capsys.readouterr().out
    assert relate("--db", other, "export", "-o", tmp_path / "second.json") == 0  # from suffix
    assert (tmp_path / "second.json").read_bytes() == first.read_bytes()
    assert stat.S_IMODE(first.stat().st_mode) == 0o600  # private data about other people


def test_exports_to_stdout(
    relate: Relate, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    relate("import", data_dir / "android-4.0.vcf")
    capsys.readouterr()
    for fmt, start in (
        ("json", "{"),
        ("vcf", "BEGIN:VCARD"),
        ("ics", "BEGIN:VCALENDAR"),
        ("md", "# relate journal"),
    ):
        assert relate("export", "--format", fmt) == 0
        assert capsys.readouterr().out.startswith(start), fmt
    assert relate("export", "--format", "vcf", "-o", "-") == 0
    assert capsys.readouterr().out.count("BEGIN:VCARD") == 2


def test_vcf_folder_export_one_card_per_person(
    relate: Relate, journal: Journal, data_dir: Path, tmp_path: Path
) -> None:
    import vobject

    relate("import", data_dir / "google-contacts.vcf")
    folder = tmp_path / "book"
    assert relate("export", "--format", "vcf", "-o", f"{folder}/") == 0
    files = sorted(folder.glob("*.vcf"))
    assert sorted(f.stem for f in files) == sorted(p.id for p in journal.data().people)
    names = sorted(vobject.readOne(f.read_text()).fn.value for f in files)
    assert names == ["Ana Lima", "Bruno Costa", "Carla Mendes", "Dan Öberg"]
    (folder / "someone-else.vcf").write_text("BEGIN:VCARD\nFN:Kept\nEND:VCARD\n")
    assert relate("export", "--format", "vcf", "-o", folder) == 0  # an existing folder
    assert len(list(folder.glob("*.vcf"))) == 5  # same files replaced; others left alone


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export"], "say which format: --format json, vcf, ics or md"),
        (["export", "-o", "out.txt"], "say which format"),
        (["export", "--format", "json", "-o", "{tmp}"], "is a folder: give a file name"),
        (["export", "--format", "ics", "-o", "{tmp}/no/such/x.ics"], "does not exist"),
    ],
)
def test_export_mistakes(
    relate: Relate,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    assert relate(*(a.replace("{tmp}", str(tmp_path)) for a in argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_queue_and_log_never_load_vobject_or_icalendar(
    relate: Relate, db: Path, data_dir: Path, tmp_path: Path
) -> None:
    relate("import", data_dir / "android-4.0.vcf")
    code = (
        "import sys, relate_tui.cli as cli\n"
        "assert cli.main(['queue']) == 0\n"
        "assert cli.main(['log', 'hana', 'hi']) == 0\n"
        "print([m for m in ('vobject', 'icalendar', 'relate_tui.interop') if m in sys.modules])\n"
    )
    env = dict(os.environ, RELATE_DB=str(db), RELATE_NOW=NOW)
    env["RELATE_CONFIG"] = str(tmp_path / "config.toml")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_import_says_what_it_read_another_way_and_keeps_every_card(
    relate: Relate, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A phone export with one card in Windows-1252, an Android messaging line, commas left
    unescaped and an iOS no-year birthday: everyone arrives whole, and stderr says what
    was read another way."""
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Renée Dubois\r\nNOTE:Met at PyCon, talked about"
        " Rust\r\nBDAY;value=date:1604-04-18\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:José Martínez\r\n"
        "X-MESSAGING/XMPP-ALL:jose@jabber.example\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "phone.vcf"
    path.write_bytes(
        cards.encode().replace("José Martínez".encode(), "José Martínez".encode("cp1252"))
    )
    assert relate("import", path) == 0
    captured = capsys.readouterr()
    assert (
        captured.out == "Imported phone.vcf: 2 added, 0 updated, 0 unchanged, 0 skipped (people).\n"
    )
    assert captured.err == (
        '  card 2 (line 7, "José Martínez"): some of it is not UTF-8: read as Windows-1252,'
        " check its accented letters\n"
    )
    raw = orjson.loads(db.read_bytes())
    by_name = {r["name"]: r for r in raw["people"].values()}
    assert sorted(by_name) == ["José Martínez", "Renée Dubois"]
    assert by_name["Renée Dubois"]["about"] == "Met at PyCon, talked about Rust"
    assert by_name["Renée Dubois"]["dates"] == [
        {"day": 18, "label": "birthday", "month": 4}  # no year
    ]
    assert by_name["José Martínez"]["channels"] == [
        {"kind": "handle", "label": "xmpp", "value": "jose@jabber.example"}
    ]


def test_an_unchanged_card_imported_again_after_an_edit_says_what_it_added_back(
    relate: Relate, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An import only adds: it cannot tell the card's old address from a second one, so
    it adds it and says so, naming it, rather than a bare "1 updated"."""
    card = tmp_path / "joe.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Joe Park\r\nN:Park;Joe;;;\r\n"
        b"EMAIL:joe@old.example\r\nUID:joe-1\r\nEND:VCARD\r\n"
    )
    assert relate("import", card) == 0
    assert relate("edit", "joe", "--email", "joe@new.example") == 0
    capsys.readouterr()
    assert relate("import", card, "--dry-run") == 0
    assert capsys.readouterr().out == (
        "Would import joe.vcf: 0 added, 1 updated, 0 unchanged, 0 skipped (people).\n"
        "  would update: Joe Park\n"
        "  Joe Park: added email joe@old.example\n"
    )
    assert relate("import", card) == 0
    captured = capsys.readouterr()
    assert captured.out == (
        "Imported joe.vcf: 0 added, 1 updated, 0 unchanged, 0 skipped (people).\n"
        "  Joe Park: added email joe@old.example\n"
    )
    assert captured.err == ""
    (joe,) = orjson.loads(db.read_bytes())["people"].values()
    assert [c["value"] for c in joe["channels"]] == ["joe@new.example", "joe@old.example"]
