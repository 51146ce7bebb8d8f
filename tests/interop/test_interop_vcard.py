"""vCard import: what each exporter writes, and what relate makes of it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.interop import Parsed, read_text
from relate_tui.interop.vcard import clean_label, parse_vcards, split_cards

NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)


def parse(path: Path) -> Parsed:
    return parse_vcards(read_text(path), now=NOW, tiers={"A": "3w"})


def by_name(parsed: Parsed) -> dict[str, Person]:
    return {i.person.name: i.person for i in parsed.people}


def test_google_contacts_many_cards_in_one_file(data_dir: Path) -> None:
    parsed = parse(data_dir / "google-contacts.vcf")
    assert parsed.problems == []
    assert [i.person.name for i in parsed.people] == [
        "Ana Lima",
        "Bruno Costa",
        "Carla Mendes",
        "Dan Öberg",
        "Ana Lima",  # Google exports duplicates; merging joins them (test_interop_merge)
    ]
    ana = parsed.people[0].person
    assert ana.nickname == "Aninha"
    assert (ana.org, ana.role) == ("Acme Ltda.", "Staff Engineer")
    assert ana.channels == (
        Channel("email", "ana.lima@example.com", "home"),
        Channel("email", "Ana@Acme.example", "work"),
        Channel("phone", "+55 11 95555-1234", "mobile"),
        Channel("url", "https://ana.example.org", "homepage"),  # Google's "https\://"
    )
    assert ana.dates == (ImportantDate("birthday", 4, 15, 1990),)
    assert ana.tags == ("Friends",)  # Google's "myContacts" is on every card: dropped
    assert ana.about == "Two kids, Leo and Bia. Into climbing.\nWorking on the payments rewrite."
    bruno = parsed.people[1].person
    assert bruno.dates == (ImportantDate("birthday", 8, 3, None),)  # --08-03: no year
    assert bruno.tags == ("Work", "PyCon")
    assert by_name(parsed)["Dan Öberg"].channels == (
        Channel("email", "dan@oberg.example", "other"),
    )


def test_iphone_item_groups_labels_and_photo(data_dir: Path) -> None:
    parsed = parse(data_dir / "iphone.vcf")
    assert parsed.problems == []
    eve = by_name(parsed)["Eve Park"]
    assert eve.vcard_uid == "7C9F3B1E-2D4A-4E55-9A7B-1F2E3D4C5B6A"
    assert (eve.nickname, eve.org, eve.role) == ("Evie", "Northwind, Research", "Data Scientist")
    # Preferred channels come first; item1.X-ABLabel names the group's label.
    assert eve.channels == (
        Channel("email", "eve@northwind.example", "other"),
        Channel("phone", "+1 (415) 555-0101", "mobile"),
        Channel("url", "https://evepark.example", "homepage"),
        Channel("email", "eve.park@example.org", "home"),
        Channel("phone", "+1 415 555 0199", "Assistant"),
        Channel("handle", "https://hachyderm.example/@evie", "mastodon"),
    )
    assert eve.dates == (
        ImportantDate("birthday", 12, 5, None),  # X-APPLE-OMIT-YEAR=1604
        ImportantDate("anniversary", 6, 20, 2015),
        ImportantDate("Started at Northwind", 3, 1, 2021),
    )
    assert eve.tags == ("friends",)
    assert eve.about == "Met at the data meetup. Partner: Sam."
    assert "PHOTO" not in repr(eve)
    globex = by_name(parsed)["Globex Corporation"]  # a company card: no N, only ORG
    assert globex.org == "Globex Corporation"
    assert globex.channels == (Channel("phone", "+1 212 555 0000", "work"),)


def test_android_21_quoted_printable_and_charsets(data_dir: Path) -> None:
    parsed = parse(data_dir / "android-2.1.vcf")
    assert parsed.problems == []
    people = by_name(parsed)
    assert set(people) == {"Jürgen Müller", "René François", "Yuki Tanaka"}  # UTF-8, Latin-1
    jurgen = people["Jürgen Müller"]
    # A soft line break in the quoted-printable note; a photo spread over indented lines.
    assert jurgen.about == "Fährt gern Rad. Kennt sich mit Käse aus"
    assert jurgen.channels == (  # bare 2.1 parameters: TEL;CELL;PREF; then file order
        Channel("phone", "+49 170 1234567", "mobile"),
        Channel("phone", "+49 30 1234567", "home"),
        Channel("email", "juergen@example.de", "home"),
    )
    assert jurgen.dates == (ImportantDate("birthday", 2, 28, 1985),)
    assert people["Yuki Tanaka"].org == "Example KK"


def test_android_40_type_lists_tel_uris_partial_dates(data_dir: Path) -> None:
    parsed = parse(data_dir / "android-4.0.vcf")
    hana = by_name(parsed)["Hana Sato"]
    assert hana.vcard_uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert hana.channels == (  # PREF=1 first, then file order; TYPE="cell,voice" split
        Channel("phone", "+81-90-5555-0101", "mobile"),  # tel: stripped
        Channel("email", "hana@example.co.jp", "work"),
        Channel("phone", "+81-3-5555-0102", "work"),
        Channel("email", "hana.sato@example.org", "home"),
    )
    assert hana.dates == (
        ImportantDate("birthday", 4, 15, None),  # BDAY:--0415
        ImportantDate("anniversary", 9, 30, 2012),  # ANNIVERSARY:20120930
    )
    assert hana.tags == ("family", "close friends")
    finn = by_name(parsed)["Finn Berg"]
    assert finn.channels == (
        Channel("handle", "finn@jabber.example", "xmpp"),
        Channel("url", "https://finn.example/", "work"),
    )
    assert finn.dates == ()
    [warning] = parsed.problems
    assert not warning.skipped
    assert str(warning) == (
        'card 2 (line 19, "Finn Berg"): left out birthday "circa 1980" is text, not a date'
    )


def test_broken_cards_are_reported_and_the_rest_import(data_dir: Path) -> None:
    parsed = parse(data_dir / "broken.vcf")
    assert [i.person.name for i in parsed.people] == [
        "Good Before",
        "Garbled Line",  # one line that is not a property costs that line, not the person
        "Bad Birthday",
        "Damaged Photo",
        "Good After",
    ]
    assert [(str(p), p.skipped) for p in parsed.problems] == [
        (
            'card 2 (line 6, "Garbled Line"): left out line 9 ("this line has no colon and is'
            ' not a fol…"): it is not a vCard property',
            False,
        ),
        ("card 3 (line 11): the card has no name (FN, N or ORG)", True),
        ('card 4 (line 15, "Never Ended"): the card has no END:VCARD before the next card', True),
        (
            'card 5 (line 19, "Bad Birthday"): left out birthday "2023-02-30" is not a real date',
            False,
        ),
    ]


def test_file_without_cards_and_unterminated_card() -> None:
    assert [str(p) for p in parse_vcards("hello\n", now=NOW).problems] == [
        "the file: no BEGIN:VCARD found"
    ]
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\n"
    assert [str(p) for p in parse_vcards(text, now=NOW, source="a.vcf").problems] == [
        """a.vcf: card 1 (line 1, "Cut Off"): the file ends before this card's END:VCARD"""
    ]


def test_split_cards_ignores_text_between_cards() -> None:
    text = "junk\nBEGIN:VCARD\nFN:A\nEND:VCARD\n\nmore junk\nbegin:vcard\nFN:B\nend:vcard\n"
    assert [(card.line, card.problem) for card in split_cards(text)] == [(2, None), (7, None)]


def test_name_from_n_when_fn_is_missing_and_relate_extensions() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lima;Ana;Maria;Dr.;\r\nX-RELATE-RHYTHM:a\r\n"
        "X-RELATE-MET:PyCon 2024\r\nX-RELATE-MET-ON:2024-05-17\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Rhythm\r\nX-RELATE-RHYTHM:often\r\n"
        "X-RELATE-MET-ON:May\r\nEND:VCARD\r\n"
    )
    parsed = parse_vcards(text, now=NOW, tiers={"A": "3w"})
    ana, bad = (i.person for i in parsed.people)
    assert ana.name == "Dr. Ana Maria Lima"
    assert (ana.rhythm, ana.met, str(ana.met_on)) == ("A", "PyCon 2024", "2024-05-17")
    assert (bad.rhythm, bad.met_on) == (None, None)
    assert [p.skipped for p in parsed.problems] == [False, False]


def test_clean_label() -> None:
    assert clean_label("_$!<HomePage>!$_") == "homepage"
    assert clean_label(" Assistant ") == "Assistant"


def test_read_text_encodings(tmp_path: Path) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Çelik\r\nEND:VCARD\r\n"
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252"):
        path = tmp_path / f"{encoding}.vcf"
        path.write_bytes(card.encode(encoding))
        assert read_text(path) == card, encoding


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "BEGIN:VCARD",
                    "END:VCARD",
                    "VERSION:3.0",
                    "VERSION:2.1",
                    "FN:x",
                    "N:a;b;;;",
                    "BDAY:--0229",
                    'TEL;TYPE="cell,voice":tel:1',
                    "NOTE;ENCODING=QUOTED-PRINTABLE:=C3=",
                    "PHOTO;ENCODING=b:AAA",
                    " folded",
                    "",
                ]
            ),
            st.text(max_size=30),
        ),
        max_size=25,
    )
)
def test_any_text_gives_people_or_problems_never_an_exception(lines: list[str]) -> None:
    parsed = parse_vcards("\r\n".join(lines), now=NOW)
    for item in parsed.people:
        assert item.person.name.strip()


def test_a_folder_of_small_cards_from_other_address_books(data_dir: Path) -> None:
    """The edge cases other vCard tools test for (ALTID names, LF-only line ends, photos in
    3.0 and 4.0, a TEL URI value, a text birthday, a company, a grouped ORG, an address
    only, a card cut short): each imports as it always did."""
    found = {}
    problems = []
    for path in sorted((data_dir / "edge-cases").glob("*.vcf")):
        parsed = parse_vcards(path.read_bytes(), now=NOW, source=path.name)
        found.update({i.person.vcard_uid or i.person.name: i.person for i in parsed.people})
        problems += [(str(p), p.skipped) for p in parsed.problems]
    people = {key: (p.name, p.org, p.nickname, p.about, p.channels, p.dates, p.tags)
              for key, p in found.items()}  # fmt: skip
    assert people == {
        "address-only": ("Address Only", "", "", "", (), (), ()),
        "alt-names": (
            "Marta Ruiz", "", "",
            "Two N lines linked by ALTID are two spellings of one name, not two people.",
            (), (), (),
        ),
        "company": ("Initech", "Initech", "", "", (), (), ()),
        "김민준": ("김민준", "", "", "", (), (), ()),
        "labelled-org": ("Lena Berg", "Umbrella Labs", "", "", (), (), ()),
        "nick": (
            "Chidi Okafor", "", "Chi", "", (Channel("email", "chidi@example.org", ""),), (),
            ("book club",),
        ),
        "photo-3": (
            "Photo Three", "", "", "A 3.0 fold removes one space: encodeddata, then a word.",
            (), (), (),
        ),
        "photo-4": ("Photo Four", "", "", "", (), (), ()),
        "tel-uri": ("Tel Uri", "", "", "", (Channel("phone", "5551234", "mobile"),), (), ()),
        "text-bday": ("Text Birthday", "", "", "", (), (), ()),
    }  # fmt: skip
    assert problems == [
        (
            'text-bday.vcf: card 1 (line 1, "Text Birthday"): left out birthday "around 1950"'
            " is text, not a date",
            False,
        ),
        (
            'unterminated.vcf: card 1 (line 1, "Cut Short"): the file ends before this'
            " card's END:VCARD",
            True,
        ),
    ]
