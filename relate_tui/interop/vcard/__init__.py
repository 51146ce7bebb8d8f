"""vCard in and out, with vobject.

Import reads 3.0 and 2.1 fully (vobject decodes quoted-printable and charsets) and 4.0 as
far as vobject goes, plus our own normalisation where it stops: ``TYPE="cell,voice"`` lists,
``tel:``/``mailto:`` URIs, partial birthdays (``--0415``), Apple's item groups and
``X-ABLabel`` labels. Photos, addresses and keys are skipped. Cards are split from the text
here and parsed one at a time, so one bad card is reported and the rest still import.

Export writes vCard 3.0 (what Apple, Google and khard read best), one card per person,
with a stable UID: the UID the person was imported with, else one made from their id.
"""

from relate_tui.interop.vcard.properties import UID_DOMAIN
from relate_tui.interop.vcard.read import (
    card_to_person,
    channel_key,
    clean_label,
    parse_vcards,
    prepare_card,
    split_cards,
)
from relate_tui.interop.vcard.write import (
    card_file_name,
    card_uid,
    export_vcard,
    export_vcards,
    person_to_vcard,
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
    "person_to_vcard",
    "prepare_card",
    "split_cards",
]
