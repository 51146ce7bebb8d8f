"""Lines of a file end at CR LF, CR or LF only: a line separator, form feed or NEL inside a
value stays inside it, in every file format relate reads or rewrites."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from relate_tui.domain.file_lines import split_byte_lines, split_lines
from relate_tui.interop import decode_text
from relate_tui.interop.linkedin import parse_connections
from relate_tui.interop.markdown import demote_headings
from relate_tui.settings import load_settings, save_theme

NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)
INSIDE = ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("inside", INSIDE)
def test_split_lines_cuts_only_at_cr_and_lf(inside: str) -> None:
    text = f"a{inside}b\r\nc\rd\ne\n"
    assert split_lines(text) == [f"a{inside}b", "c", "d", "e"]
    assert split_byte_lines(text.encode()) == [f"a{inside}b".encode(), b"c", b"d", b"e"]
    assert split_lines("") == [] and split_lines("x") == ["x"]


@pytest.mark.parametrize("inside", INSIDE)
def test_linkedin_rows_are_not_cut_inside_a_cell(inside: str) -> None:
    text = (
        "Notes:\n\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Ana,Lima,,,Acme,Head of Sales{inside}EMEA,15 Nov 2023\n"
        "Bruno,Costa,,,Initech,Engineer,16 Nov 2023\n"
    )
    parsed = parse_connections(text, now=NOW)
    assert parsed.problems == []
    assert [(i.person.name, i.person.org, i.person.role) for i in parsed.people] == [
        ("Ana Lima", "Acme", "Head of Sales EMEA"),  # a cell is one line: space between
        ("Bruno Costa", "Initech", "Engineer"),
    ]


def test_markdown_headings_are_found_only_at_real_line_starts() -> None:
    body = "First\u2028# not a heading\n# a heading\x0c# still the same line"
    assert demote_headings(body, 4) == (
        "First\u2028# not a heading\n##### a heading\x0c# still the same line"
    )


def test_saving_the_theme_keeps_a_line_separator_in_a_comment(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    original = '# tiers for work\u2028and friends\nweek_start = "sunday"\n\n[tiers]\nA = "2w"\n'
    config.write_text(original, "utf-8")
    save_theme(config, "nord")
    text = config.read_text("utf-8")
    assert text == 'theme = "nord"\n' + original
    assert tomllib.loads(text)["tiers"] == {"A": "2w"}
    assert load_settings(config).theme == "nord"


def test_a_stray_byte_garbles_one_line_of_a_text_file_not_all_of_them() -> None:
    raw = "Zoë,Çelik\r\n".encode() + "José,Martínez\n".encode("cp1252") + "Renée\n".encode()
    assert decode_text(raw) == "Zoë,Çelik\r\nJosé,Martínez\nRenée\n"
