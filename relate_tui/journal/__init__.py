"""The journal: the one facade the command line and the app call (``Journal``) and the
immutable snapshot of the file it works on (``JournalData``)."""

from relate_tui.journal.commits import Undone
from relate_tui.journal.facade import Journal
from relate_tui.journal.snapshot import JournalData, PersonName

__all__ = ["Journal", "JournalData", "PersonName", "Undone"]
