"""Contacts arrive whole: each kind of vCard fault that once cut, garbled or dropped text.

Every test is one *kind* of fault with the input that showed it, asserting the value a
person would expect to find in relate afterwards.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.interop import Parsed
from relate_tui.interop.vcard import export_vcard, parse_vcards
from relate_tui.interop.vcard.values import fold

NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)


def card(*lines: str, version: str = "3.0") -> bytes:
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]
    return ("\r\n".join(body) + "\r\n").encode("utf-8")


def one(data: bytes) -> tuple[Person, list[str]]:
    parsed = parse_vcards(data, now=NOW)
    assert [p for p in parsed.problems if p.skipped] == []
    [imported] = parsed.people
    return imported.person, [p.why for p in parsed.problems]


# -- 1. unescaped commas -----------------------------------------------------------------


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_unescaped_commas_keep_the_whole_value(version: str) -> None:
    person, notes = one(
        card(
            "FN:Costa, Filipa",
            "N:Costa;Filipa;;;",
            "TITLE:Head of Sales, EMEA",
            "NOTE:Met at PyCon, talked about Rust",
            "item1.EMAIL:filipa@example.org",
            "item1.X-ABLabel:Work, old",
            version=version,
        )
    )
    assert person.name == "Costa, Filipa"
    assert person.role == "Head of Sales, EMEA"
    assert person.about == "Met at PyCon, talked about Rust"
    assert person.channels == (Channel("email", "filipa@example.org", "Work, old"),)
    assert notes == []


def test_role_and_every_nickname_are_kept() -> None:
    person, _ = one(card("FN:Pip Lee", "ROLE:Lead, platform", "NICKNAME:Pip,Pipster, P"))
    assert person.role == "Lead, platform"
    assert person.nickname == "Pip, Pipster, P"


def test_escaped_separators_are_data_and_lists_still_split() -> None:
    person, _ = one(
        card(
            "FN:Ana Lima",
            "ORG:Acme\\, Inc.;R&D",
            "CATEGORIES:work,close friends,a\\,b",
            "NOTE:semi\\; colon\\: back\\\\slash\\nnew line",
        )
    )
    assert person.org == "Acme, Inc., R&D"
    assert person.tags == ("work", "close friends", "a,b")
    assert person.about == "semi; colon: back\\slash\nnew line"


# -- 2. vCard 2.1 folding ----------------------------------------------------------------


def test_a_21_fold_is_a_space() -> None:
    person, _ = one(
        card("FN:Rui Lopes", "NOTE:Met at the Lisbon", " meetup, loves trams", version="2.1")
    )
    assert person.about == "Met at the Lisbon meetup, loves trams"


def test_a_30_fold_removes_one_space() -> None:
    person, _ = one(card("FN:Rui Lopes", "NOTE:Met at the Lis", " bon", "  meetup"))
    assert person.about == "Met at the Lisbon meetup"


# -- 3. line separators inside values ----------------------------------------------------


@pytest.mark.parametrize(
    "inside", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"]
)
def test_line_separators_inside_a_value_stay_inside_it(inside: str) -> None:
    person, notes = one(card("FN:Sam Reed", f"NOTE:first{inside}second", "TEL:+1 555 0100"))
    assert person.about == f"first{inside}second"
    assert person.channels == (Channel("phone", "+1 555 0100", ""),)
    assert notes == []


def test_bare_cr_and_lf_line_ends_both_work() -> None:
    text = "BEGIN:VCARD\rVERSION:3.0\rFN:Old Mac\rEND:VCARD\rBEGIN:VCARD\nFN:Unix\nEND:VCARD\n"
    assert [i.person.name for i in parse_vcards(text.encode(), now=NOW).people] == [
        "Old Mac",
        "Unix",
    ]


# -- 4. one unusable line ----------------------------------------------------------------


def test_an_android_messaging_line_is_a_handle_not_a_lost_person() -> None:
    person, notes = one(
        card(
            "FN:Iris Novak",
            "X-MESSAGING/XMPP-ALL:iris@jabber.example",
            "X-MESSAGING/AIM-HOME:irisn",
            "EMAIL:iris@example.org",
            version="2.1",
        )
    )
    assert person.channels == (
        Channel("handle", "iris@jabber.example", "xmpp"),
        Channel("handle", "irisn", "aim"),
        Channel("email", "iris@example.org", ""),
    )
    assert notes == []


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("this line has no colon", "this line has no colon"),
        ("X-BAD NAME:value", "X-BAD NAME:value"),
        ("É-ACCENTED:value", "É-ACCENTED:value"),
        (":no name at all", ":no name at all"),
    ],
)
def test_a_line_that_is_not_a_property_is_left_out_with_a_note(line: str, shown: str) -> None:
    person, notes = one(card("FN:Kai Moreau", line, "EMAIL:kai@example.org"))
    assert person.name == "Kai Moreau"
    assert person.channels == (Channel("email", "kai@example.org", ""),)
    assert notes == [f'left out line 4 ("{shown}"): it is not a vCard property']


# -- 5. encodings, per card and per line -------------------------------------------------


def test_one_stray_cp1252_card_does_not_garble_the_utf8_ones() -> None:
    data = card("FN:Renée Dubois") + card("FN:Jos\u00e9 Mart\u00ednez").replace(
        "José Martínez".encode(), "José Martínez".encode("cp1252")
    )
    parsed = parse_vcards(data, now=NOW)
    assert [i.person.name for i in parsed.people] == ["Renée Dubois", "José Martínez"]
    assert [str(p) for p in parsed.problems] == [
        'card 2 (line 5, "José Martínez"): some of it is not UTF-8: read as Windows-1252,'
        " check its accented letters"
    ]


def test_a_21_charset_is_honoured_on_raw_and_quoted_printable_values() -> None:
    raw = card("FN;CHARSET=ISO-8859-1:Françoise Petit", version="2.1").replace(
        "ç".encode(), "ç".encode("latin-1")
    )
    qp = card("FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Andr=E9 L=F3pez", version="2.1")
    parsed = parse_vcards(raw + qp + card("FN:Zoë Ça"), now=NOW)
    assert [i.person.name for i in parsed.people] == ["Françoise Petit", "André López", "Zoë Ça"]
    assert parsed.problems == []  # a declared charset is no fallback


def test_quoted_printable_that_is_not_utf8_falls_back_with_a_note() -> None:
    person, notes = one(card("FN;ENCODING=QUOTED-PRINTABLE:Ren=E9e Roy", version="2.1"))
    assert person.name == "Renée Roy"
    assert notes == ["some of it is not UTF-8: read as Windows-1252, check its accented letters"]


def test_utf16_files_are_read() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Çelik\r\nEND:VCARD\r\n"
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        parsed = parse_vcards(text.encode(codec), now=NOW)
        assert [i.person.name for i in parsed.people] == ["Zoë Çelik"], codec


# -- 6. birthdays without a year ---------------------------------------------------------


@pytest.mark.parametrize(
    "bday",
    [
        "BDAY;value=date:1604-04-18",  # iOS, X-APPLE-OMIT-YEAR dropped
        "BDAY:0000-04-18",
        "BDAY:00000418",
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-18",
        "BDAY:--0418",
        "BDAY:--04-18",
    ],
)
def test_no_year_marker_years_keep_the_birthday(bday: str) -> None:
    person, notes = one(card("FN:Noor Haddad", bday))
    assert person.dates == (ImportantDate("birthday", 4, 18, None),)
    assert notes == []


def test_a_year_relate_cannot_believe_is_left_out_and_said_so() -> None:
    person, notes = one(card("FN:Old Timer", "BDAY:1066-04-18"))
    assert person.dates == (ImportantDate("birthday", 4, 18, None),)
    assert notes == ['kept birthday "1066-04-18" without its year: 1066 looks wrong']


@pytest.mark.parametrize(
    ("bday", "why"),
    [
        ("2023-02-30", 'left out birthday "2023-02-30" is not a real date'),
        (
            "1985-02-29",
            'left out birthday "1985-02-29" is not a real date: 1985 has no 29 February',
        ),
    ],
)
def test_impossible_dates_are_still_left_out_truthfully(bday: str, why: str) -> None:
    person, notes = one(card("FN:Leap Less", f"BDAY:{bday}"))
    assert person.dates == ()
    assert notes == [why]


# -- 7. folding by octets ----------------------------------------------------------------


@pytest.mark.parametrize("char", ["ü", "語", "😀"])
def test_export_folds_at_75_octets_without_splitting_a_character(char: str) -> None:
    org = char * 70
    person = Person(id="1" * 32, name="Wide Org", created=NOW, updated=NOW, org=org)
    text = export_vcard(person)
    lines = text.encode("utf-8").split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no line ends inside a character
    [back] = parse_vcards(text.encode(), now=NOW).people
    assert back.person.org == org


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(lambda t: "\r" not in t and "\n" not in t))
def test_fold_keeps_every_line_short_and_unfolds_to_the_same_text(value: str) -> None:
    folded = fold(f"NOTE:{value}")
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8", "surrogatepass")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert pieces[0] + "".join(p[1:] for p in pieces[1:]) == f"NOTE:{value}"


def parse_text(text: str) -> Parsed:
    return parse_vcards(text, now=NOW)


def test_text_input_is_read_like_utf8_bytes() -> None:
    text = "\ufeffBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Costa, Filipa\r\nEND:VCARD\r\n"
    assert [i.person.name for i in parse_text(text).people] == ["Costa, Filipa"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=20),
            st.sampled_from(
                [b"FN;CHARSET=ISO-8859-1:Ren\xe9", b"NOTE;ENCODING=QUOTED-PRINTABLE:=C3=", b" ",
                 b"\t\xff", b"PHOTO;ENCODING=BASE64:AAA", b"", b"N:;;;;", b"FN:\xc3", b"X:\"a:b"]
            ),
        ),
        max_size=15,
    )
)  # fmt: skip
def test_any_bytes_in_a_card_give_a_person_or_a_problem_never_an_exception(
    lines: list[bytes],
) -> None:
    data = b"\r\n".join([b"BEGIN:VCARD", b"VERSION:2.1", *lines, b"END:VCARD"])
    parsed = parse_vcards(data, now=NOW)
    assert len(parsed.people) + len([p for p in parsed.problems if p.skipped]) >= 1
    for item in parsed.people:
        assert item.person.name == " ".join(item.person.name.split()) != ""


def test_a_soft_line_break_just_before_the_end_does_not_swallow_it() -> None:
    person, _ = one(card("FN:Ana", "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=", version="2.1"))
    assert person.about == "café"
