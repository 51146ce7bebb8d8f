"""vCard in and out, with our own reader and writer.

Import reads 2.1, 3.0 and 4.0 from bytes (``lines``: line ends, per-line encodings,
folding, quoted-printable, unusable lines left out), and ``read`` says what each card
means: whole text values, ``TYPE="cell,voice"`` lists, ``tel:``/``mailto:`` URIs, partial
and no-year birthdays (``--0415``, ``1604-04-18``), Apple's item groups and ``X-ABLabel``
labels. Photos, addresses and keys are skipped. One bad card is reported and the rest
still import.

Export writes vCard 3.0 (what Apple, Google and khard read best), one card per person,
with a stable UID: the UID the person was imported with, else one made from their id;
whatever it writes, the reader takes back unchanged.

Why our own code rather than vobject: vobject reads every text property as a list and
callers get its first item (an unescaped comma, common in 2.1 and in many 3.0 writers,
cuts "Costa, Filipa" to "Costa"), decodes a whole file with one encoding (one stray
cp1252 byte garbles every UTF-8 card), and refuses a whole card over one line its grammar
rejects (Android's X-MESSAGING lines): each loses contact data the user meant to import.
vobject stays in the test extras as an independent reader of what we export.
"""

from relate_tui.interop.vcard.fields import channel_key, clean_label
from relate_tui.interop.vcard.lines import read_card, split_cards
from relate_tui.interop.vcard.properties import UID_DOMAIN
from relate_tui.interop.vcard.read import card_to_person, parse_vcards
from relate_tui.interop.vcard.write import (
    card_file_name,
    card_uid,
    export_vcard,
    export_vcards,
    person_to_lines,
)

__all__ = [
    "UID_DOMAIN",
    "card_file_name",
    "card_to_person",
    "card_uid",
    "channel_key",
    "clean_label",
    "export_vcard",
    "export_vcards",
    "parse_vcards",
    "person_to_lines",
    "read_card",
    "split_cards",
]
