"""relate's own vCard properties and UIDs: what an export writes and an import reads back."""

RELATE_PRODID = "-//relate//relate//EN"
"""The PRODID of relate's exports: the reader takes such a card back exactly as written."""

UID_DOMAIN = "relate"
"""Cards of people never imported get ``UID:<person id>@relate``."""

RELATE_RHYTHM = "x-relate-rhythm"
RELATE_MET = "x-relate-met"
RELATE_MET_ON = "x-relate-met-on"
