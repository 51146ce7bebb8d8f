"""The quick path of every write: changes spliced into the sealed bytes (``storage.splice``),
as a part of ``Store`` kept apart from its reading and ordinary writing.

``Splicing`` is mixed into ``Store``: it uses the store's lock, its cache of what it read and
its ``_write`` (with the backups around it), and keeps, for the app, the bytes it wrote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relate_tui.storage import schema
from relate_tui.storage.errors import WriteFailed
from relate_tui.storage.regular_file import file_signature
from relate_tui.storage.schema import stamped_meta
from relate_tui.storage.sealed import SealedFile, WrittenFile, open_sealed
from relate_tui.storage.splice import Follow, Restamp, Splice

if TYPE_CHECKING:
    import threading

    from relate_tui.storage.change import Change
    from relate_tui.storage.lock import JournalLock
    from relate_tui.storage.sealed import Pieces


class Splicing:
    """``Store.splice`` and what it keeps (see the module docstring)."""

    seal_records: str | None = None
    """The folder where each save notes the file it sealed, for a lean read of it to trust
    (``storage.seal_record``; the platform's cache folder); None: no notes."""

    if TYPE_CHECKING:  # provided by ``Store``
        path: Path
        writer: str
        keep_written: bool
        last_splice: Succession | None
        _cache: Any
        _sealed: SealedFile | None
        _mutex: threading.RLock

        @property
        def real_path(self) -> Path: ...
        def _check_path(self) -> None: ...
        def _lock(self, real: Path) -> JournalLock: ...
        def _read_sealed(self, real: Path) -> SealedFile | None: ...
        def _write(self, real: Path, payload: bytes | Pieces) -> None: ...

    def splice(
        self,
        changes: Sequence[Change],
        *,
        keep_newest: Mapping[str, int] | None = None,
        then: Follow | None = None,
        restamp: Restamp | None = None,
    ) -> list[Change] | None:
        """Apply ``changes`` by splicing them into a sealed file; None if it cannot be.
        A table named in ``keep_newest`` keeps only that many records (the history), and
        ``then`` adds records worked out from the applied changes (its entry); ``restamp``
        gives each replaced record as written (``storage.splice``).

        The quick path of every change: nothing is parsed but the meta record and the
        records changed, and the result is the bytes ``transaction`` would write
        (``storage.splice``). It is not taken when the parsed journal is cached (a file
        that was not sealed): ``transaction`` then costs no parse and keeps the cache. On
        None nothing was written and the caller uses ``transaction``.

        Returns:
            the changes with ``before`` filled in.

        Raises:
            JournalLocked, WriteFailed: as ``transaction``.
            ChangedMeanwhile: a change's ``expected`` record is not what the file holds.
        """
        with self._mutex:
            real = self.real_path
            self._check_path()
            if self._cache is not None and self._cache[0] == file_signature(real):
                return None
            lock = self._lock(real)
            try:
                sealed = self._read_sealed(real)
                if sealed is None:
                    return None  # a new journal, or one ``transaction`` will report on
                meta = stamped_meta(sealed.meta, self.writer)
                try:
                    result = sealed.with_changes(
                        changes, meta, keep_newest=keep_newest, then=then, restamp=restamp
                    )
                except TypeError as exc:  # orjson: a record holds a non-JSON value
                    raise WriteFailed(self.path, exc) from None
                if result is None:
                    return None
                pieces, splice = result
                self._write(real, pieces)
                self._noted(real, pieces, (sealed, splice.origins))
                splice.rest.clear()  # slices of the old bytes: not kept alive by them
                splice.origins.clear()
                self._cache = None
                self._sealed = self._written(real, pieces) if self.keep_written else None
                if self._sealed is not None:
                    self._sealed.crc_marks = splice.crc_marks  # the next splice's checksum
                self.last_splice = None
                if self._sealed is not None:
                    self.last_splice = Succession(sealed, self._sealed, splice)
                return splice.applied
            finally:
                lock.release()

    def insert_sealed(
        self,
        inserts: dict[str, list[dict[str, Any]]],
        keep_newest: dict[str, int] | None = None,
    ) -> bool:
        """Add new records by splicing them into a sealed file; False if it cannot be."""
        from relate_tui.storage.change import Change

        changes = [
            Change(name, str(r.get("id")), None, r, new=True)
            for name, records in sorted(inserts.items())
            for r in records
        ]
        return self.splice(changes, keep_newest=keep_newest) is not None

    def _noted(
        self,
        real: Path,
        payload: bytes | Pieces,
        spliced_from: tuple[SealedFile, dict[int, int]] | None = None,
    ) -> None:
        """After a write: note that relate sealed the file as it now is (or, for a file
        written unsealed, that it did not), under the lock, before anything else.
        ``spliced_from``: the file the splice read and where its pieces came from in it."""
        if self.seal_records is None:
            return
        from relate_tui.storage import seal_record

        pieces = [payload] if isinstance(payload, bytes) else payload
        if spliced_from is not None:
            before, origins = spliced_from
            hints = seal_record.hints_after_splice(
                before.layout, before.rest_start, pieces, origins
            )
        else:
            hints = seal_record.hints_of_tables(pieces)
        seal_record.note(self.seal_records, str(real), pieces, hints)

    def _written(self, real: Path, pieces: list[Any]) -> SealedFile:
        """The file just written, for the next read and splice without reading it again.

        Its bytes are the pieces, joined when first read (after the save is reported);
        they were sealed as they were made, so their checksum needs no checking.
        """
        sealed = WrittenFile(list(pieces))
        del pieces[:]
        sealed.signature = file_signature(real)
        return sealed


@dataclass(frozen=True, eq=False)
class Succession:
    """One file and the file a splice made of it."""

    before: SealedFile
    after: SealedFile
    splice: Splice


def vouches_for_newest(raw: bytes) -> bool:
    """True when ``raw`` is sealed and its seal vouches for its last-touch table."""
    sealed = open_sealed(raw)
    return (
        sealed is not None
        and sealed.meta.get("schema_version") == schema.SCHEMA_VERSION
        and sealed.newest_current
    )
