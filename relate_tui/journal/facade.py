"""``Journal``: the one facade the command line and the app call.

It owns the ``Store`` (the file) and the clock, turns records into domain objects, and
keeps an undo stack: every change is a list of record replacements, and undoing one puts
the previous records back (only those records, so another process's later changes to
other records survive).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relate_tui.domain.clock import Clock
from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id
from relate_tui.domain.matching import find_people, fold
from relate_tui.domain.notes import KINDS, Note
from relate_tui.domain.people import Channel, Person
from relate_tui.domain.promises import DROPPED, KEPT, OPEN, Promise, default_due
from relate_tui.domain.rhythm import normalise_rhythm, resolve_rhythm
from relate_tui.journal.snapshot import JournalData
from relate_tui.settings import Settings
from relate_tui.storage import records, schema
from relate_tui.storage.backups import Backups
from relate_tui.storage.changes import UNCHECKED, Change, apply_changes
from relate_tui.storage.sealed import SealedTables
from relate_tui.storage.store import Store

if TYPE_CHECKING:
    from relate_tui.domain.queue import QueueItem
    from relate_tui.domain.review import Review

UNDO_DEPTH = 50
TRIED_SNOOZE_DAYS = 3
FUTURE_SLACK = timedelta(minutes=5)
"""How far ahead of the clock a note may be dated (clocks of two machines drift)."""


@dataclass(frozen=True)
class UndoStep:
    """A change the user made, described for "Undone: ..." messages."""

    label: str
    changes: tuple[Change, ...]


class Journal:
    """The journal file plus the rules for changing it.

    Args:
        path: the journal file.
        settings: tiers, week start, lead days...
        clock: where "now" comes from.
        writer: "cli" or "app", recorded in the file's meta.
        lock_timeout: seconds to wait for another writer.
        by_table: read a sealed file one table at a time, when first needed, instead of
            parsing it whole up front (the command line: ``relate log`` needs only the
            people). The app, which shows everything and saves often, reads it whole.
    """

    def __init__(
        self,
        path: Path,
        settings: Settings,
        clock: Clock,
        *,
        writer: str = "cli",
        lock_timeout: float = 10.0,
        by_table: bool = False,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.store = Store(
            path,
            lock_timeout=lock_timeout,
            writer=writer,
            before_write=Backups(settings.backups, clock).before_write,
        )
        self._by_table = by_table
        self._data: JournalData | None = None
        self._data_sig: object = None
        self._frozen = 0
        self.undo_stack: list[UndoStep] = []

    @property
    def path(self) -> Path:
        return self.store.path

    # -- reading -----------------------------------------------------------------------

    def data(self) -> JournalData:
        """The current journal; re-read only when the file changed on disk."""
        sig = self.store.signature()
        if self._data is not None and sig == self._data_sig:
            return self._data
        if self._by_table:
            sealed = self.store.sealed()
            if sealed is not None:
                tables = SealedTables(sealed)
                data = JournalData(tables, revision=schema.revision(tables))
                self._data, self._data_sig = data, sig
                return data
        with self.store.reading() as raw:
            data = JournalData(
                # A copy of the table list: a later save replaces tables in ``raw`` (never
                # the tables themselves), and this snapshot must keep the ones it read.
                dict(raw),
                revision=schema.revision(raw),
                read_only=schema.schema_version(raw) > schema.SCHEMA_VERSION,
            )
        if id(raw) != self._frozen:
            # A freshly parsed journal is hundreds of thousands of long-lived objects without
            # cycles: move them out of the cyclic collector's sight, or each full collection
            # walks them all (tens of ms, in the middle of a save or a keystroke in the app).
            # Only after a parse (start, an outside change), not after our own saves, so
            # short-lived objects of the moment are seldom frozen with them.
            gc.freeze()
            self._frozen = id(raw)  # an id, not the dict: never keep an old journal alive
        self._data, self._data_sig = data, sig
        return data

    def changed_on_disk(self) -> bool:
        """True when the file differs from what ``data()`` last returned."""
        return self._data is not None and self.store.signature() != self._data_sig

    def queue(
        self, today: date | None = None, *, until: date | None = None
    ) -> tuple[QueueItem, ...]:
        """The next-touch queue for ``today`` (default: the clock's today), without items
        due after ``until`` if given."""
        from relate_tui.domain.queue import build_queue  # not needed to log a note

        data = self.data()
        return build_queue(
            data.people,
            (),  # the touch index below stands in for the notes
            data.promises,
            today or self.clock.today(),
            self.settings,
            touches=data.touches,
            until=until,
        )

    def review(self, today: date | None = None) -> Review:
        """The weekly review for ``today`` (default: the clock's today)."""
        return self.data().review(today or self.clock.today(), self.settings)

    def person(self, person_id: str) -> Person:
        """The person with ``person_id``; ``InputError`` when they no longer exist."""
        person = self.data().person(person_id)
        if person is None:
            raise InputError("that person is no longer in the journal")
        return person

    def match(self, query: str) -> list[Person]:
        """The people ``query`` most likely names (see ``domain.matching``)."""
        data = self.data()
        return [p for n in find_people(data.names, query) if (p := data.person(n.id))]

    def resolve_person(self, query: str) -> Person:
        """Exactly one person for ``query``, or an ``InputError`` saying why not."""
        if not query.strip():
            raise InputError("which person? give a name, a nickname or initials")
        found = self.match(query)
        if not found:
            hint = self._close_names(query)
            also = f" (did you mean {hint}?)" if hint else ""
            raise InputError(
                f'nobody called "{query}" yet{also}: add them with relate add "{query}"'
            )
        if len(found) > 1:
            names = ", ".join(p.name for p in found[:8])
            more = f" and {len(found) - 8} more" if len(found) > 8 else ""
            if len({fold(p.name) for p in found}) == 1:
                raise InputError(
                    f'{len(found)} people are called "{found[0].name}": rename one so they '
                    "can be told apart (e in the app)"
                )
            raise InputError(f'"{query}" could be {names}{more}: be more specific')
        return found[0]

    def _close_names(self, query: str) -> str:
        """Names that look like a typo of ``query``, for "did you mean" hints."""
        import difflib

        from relate_tui.domain.matching import fold

        people = [n for n in self.data().names if not n.archived]
        keys: dict[str, str] = {}
        for person in people:
            for key in (person.name, person.first_name, person.nickname):
                if key:
                    keys.setdefault(fold(key), person.name)
        close = difflib.get_close_matches(fold(query), list(keys), n=3, cutoff=0.75)
        return " or ".join(dict.fromkeys(keys[c] for c in close))

    # -- writing -----------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.clock.now()

    def _commit(self, label: str, changes: Sequence[Change], *, undoable: bool = True) -> None:
        """Apply ``changes`` in one atomic write; remember the inverse for undo."""
        applied = apply_changes(self.store, changes)
        if undoable:
            self.undo_stack.append(UndoStep(label, tuple(applied)))
            del self.undo_stack[:-UNDO_DEPTH]

    def undo(self) -> str | None:
        """Undo the last change made through this journal; returns its label, or None."""
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        inverse = [Change(c.table, c.id, c.after, c.before) for c in reversed(step.changes)]
        try:
            self._commit(f"undo {step.label}", inverse, undoable=False)
        except Exception:
            self.undo_stack.append(step)
            raise
        return step.label

    def _check_writable(self) -> None:
        if self.data().read_only:
            from relate_tui.storage.errors import JournalTooNew
            from relate_tui.storage.schema import SCHEMA_VERSION, schema_version

            raise JournalTooNew(self.path, schema_version(self.store.load()), SCHEMA_VERSION)

    def bulk_save(
        self,
        label: str,
        *,
        people: Iterable[Person] = (),
        notes: Iterable[Note] = (),
        promises: Iterable[Promise] = (),
        based_on: JournalData | None = None,
    ) -> None:
        """Insert or replace many records in one atomic write (imports, the demo journal).

        With ``based_on`` (the snapshot the records were worked out from), a record that
        changed on disk since that snapshot stops the whole write with ``ChangedMeanwhile``
        instead of overwriting the newer version: the caller reads again and retries.
        """

        def expected(table: str, record_id: str) -> Any:
            if based_on is None:
                return UNCHECKED
            return based_on.raw_record(table, record_id)

        changes = [
            Change("people", p.id, None, _rec(p), expected=expected("people", p.id)) for p in people
        ]
        changes += [
            Change("notes", n.id, None, _note_rec(n), expected=expected("notes", n.id))
            for n in notes
        ]
        changes += [
            Change("promises", p.id, None, _promise_rec(p), expected=expected("promises", p.id))
            for p in promises
        ]
        if changes:
            self._commit(label, changes)

    # people

    def add_person(
        self,
        name: str,
        *,
        rhythm: str | None = None,
        tags: Iterable[str] = (),
        email: str | None = None,
        phone: str | None = None,
        met: str = "",
        **fields: Any,
    ) -> Person:
        """Add someone; ``rhythm`` is "3m", "2 weeks" or a tier letter."""
        now = self._now()
        channels = list(fields.pop("channels", ()))
        if email:
            channels.append(Channel("email", email.strip()))
        if phone:
            channels.append(Channel("phone", phone.strip()))
        person = Person(
            id=new_id(),
            name=name,
            created=now,
            updated=now,
            rhythm=rhythm,
            tags=tuple(tags),
            met=met,
            channels=tuple(channels),
            **fields,
        )
        person = self._validated(person)
        self._commit(
            f"add {person.name}", [Change("people", person.id, None, _rec(person), new=True)]
        )
        return person

    def _validated(self, person: Person) -> Person:
        name = " ".join(person.name.split())
        if not name:
            raise InputError("a person needs a name")
        rhythm = person.rhythm.strip() if person.rhythm else None
        if rhythm:
            rhythm = normalise_rhythm(rhythm, self.settings.tiers)
        tags = tuple(dict.fromkeys(t.strip().lstrip("#") for t in person.tags if t.strip()))
        folded = fold(name)
        twin = next(
            (n for n in self.data().names if n.id != person.id and fold(n.name) == folded), None
        )
        if twin is not None:
            # Two people with one name could never be told apart by `relate log` or a list.
            raise InputError(
                f'there is already someone called "{twin.name}": give this person a name '
                f'you can tell apart, like "{name} (work)" or with a middle initial'
            )
        return replace(person, name=name, rhythm=rhythm or None, tags=tags)

    def save_person(self, person: Person) -> Person:
        """Save an edited person (validated; ``updated`` stamped)."""
        self._check_writable()
        person = replace(self._validated(person), updated=self._now())
        self._commit(f"edit {person.name}", [Change("people", person.id, None, _rec(person))])
        return person

    def set_archived(self, person_id: str, archived: bool = True) -> Person:
        """Archive (hide from lists and the queue) or bring back a person."""
        person = replace(self.person(person_id), archived=archived, updated=self._now())
        verb = "archive" if archived else "unarchive"
        self._commit(f"{verb} {person.name}", [Change("people", person.id, None, _rec(person))])
        return person

    def delete_person(self, person_id: str) -> Person:
        """Delete a person, their own notes and promises; shared notes just lose them."""
        data = self.data()
        person = self.person(person_id)
        changes = [Change("people", person.id, None, None)]
        for note in data.notes_for(person_id):
            if len(note.person_ids) == 1:
                changes.append(Change("notes", note.id, None, None))
            else:
                others = tuple(p for p in note.person_ids if p != person_id)
                changes.append(
                    Change("notes", note.id, None, _note_rec(replace(note, person_ids=others)))
                )
        changes += [
            Change("promises", p.id, None, None) for p in data.promises if p.person_id == person_id
        ]
        self._commit(f"delete {person.name}", changes)
        return person

    def snooze(self, person_id: str, until: date) -> Person:
        """Hide a person's rhythm item until ``until`` without logging a touch."""
        person = replace(self.person(person_id), snooze_until=until, updated=self._now())
        self._commit(f"snooze {person.name}", [Change("people", person.id, None, _rec(person))])
        return person

    def next_rhythm_date(self, person_id: str) -> date:
        """The date one rhythm after today (for "snooze to next rhythm")."""
        person = self.person(person_id)
        rhythm = resolve_rhythm(person.rhythm, self.settings.tiers)
        today = self.clock.today()
        return rhythm.add_to(today) if rhythm else today + timedelta(days=7)

    # notes

    def log_note(
        self,
        person_ids: Sequence[str],
        body: str,
        *,
        kind: str = "call",
        at: datetime | None = None,
        gave: bool = False,
        asked: bool = False,
        promise: str | None = None,
        promise_due: date | None = None,
    ) -> tuple[Note, Promise | None]:
        """Write a note about one or more people, optionally with a promise to the first."""
        kind = kind.strip().lower()
        if kind not in KINDS:
            raise InputError(f'unknown kind "{kind}": use one of {", ".join(KINDS)}')
        ids = tuple(dict.fromkeys(person_ids))
        if not ids:
            raise InputError("a note needs at least one person")
        data = self.data()
        for pid in ids:
            if data.person(pid) is None:
                raise InputError("that person is no longer in the journal")
        self._check_writable()
        now = self._now()
        if at is not None and at > now + FUTURE_SLACK:
            # A future "last touch" would hide the person from the queue until then.
            raise InputError(
                "a note records something that happened: "
                f"{at:%a} {at.day} {at:%b %H:%M} is still to come"
            )
        note = Note(
            id=new_id(),
            person_ids=ids,
            kind=kind,
            at=at or now,
            body=body.strip("\n"),
            created=now,
            updated=now,
            gave=gave,
            asked=asked,
        )
        changes = [Change("notes", note.id, None, _note_rec(note), new=True)]
        new_promise = None
        if promise is not None and promise.strip():
            new_promise = self._new_promise(ids[0], promise, promise_due, note.id)
            changes.append(
                Change("promises", new_promise.id, None, _promise_rec(new_promise), new=True)
            )
        names = ", ".join(p.name for pid in ids if (p := data.person(pid)))
        self._commit(f"{kind} with {names}", changes)
        return note, new_promise

    def save_note(self, note: Note) -> Note:
        """Save an edited note."""
        if note.kind not in KINDS:
            raise InputError(f'unknown kind "{note.kind}": use one of {", ".join(KINDS)}')
        note = replace(note, updated=self._now())
        self._commit("edit note", [Change("notes", note.id, None, _note_rec(note))])
        return note

    def delete_note(self, note_id: str) -> None:
        """Delete one note."""
        self._commit("delete note", [Change("notes", note_id, None, None)])

    def tried_no_answer(self, person_id: str) -> Note:
        """A "tried to reach" note (not a touch) plus a 3-day snooze."""
        person = self.person(person_id)
        now = self._now()
        note = Note(new_id(), (person_id,), "note", now, "Tried to reach — no answer.", now, now)
        snoozed = replace(
            person,
            snooze_until=self.clock.today() + timedelta(days=TRIED_SNOOZE_DAYS),
            updated=now,
        )
        self._commit(
            f"tried {person.name}",
            [
                Change("notes", note.id, None, _note_rec(note), new=True),
                Change("people", person.id, None, _rec(snoozed)),
            ],
        )
        return note

    # promises

    def _new_promise(
        self, person_id: str, text: str, due: date | None, note_id: str | None
    ) -> Promise:
        text = " ".join(text.split())
        if not text:
            raise InputError("a promise needs some words: what will you do?")
        now = self._now()
        return Promise(
            id=new_id(),
            person_id=person_id,
            text=text,
            due=due or default_due(self.clock.today()),
            created=now,
            updated=now,
            note_id=note_id,
        )

    def add_promise(self, person_id: str, text: str, due: date | None = None) -> Promise:
        """Promise something to a person (due in a week unless said otherwise)."""
        person = self.person(person_id)
        promise = self._new_promise(person.id, text, due, None)
        self._commit(
            f"promise to {person.name}",
            [Change("promises", promise.id, None, _promise_rec(promise), new=True)],
        )
        return promise

    def _close_promise(self, promise_id: str, status: str) -> Promise:
        promise = self.data().promises_by_id.get(promise_id)
        if promise is None:
            raise InputError("that promise is no longer in the journal")
        if not promise.is_open:
            raise InputError(f'"{promise.text}" is already {promise.status}')
        now = self._now()
        return replace(promise, status=status, closed_at=now, updated=now)

    def keep_promise(self, promise_id: str, *, log_touch: bool = False) -> Promise:
        """Mark a promise kept; with ``log_touch`` also log a message flagged gave."""
        promise = self._close_promise(promise_id, KEPT)
        changes = [Change("promises", promise.id, None, _promise_rec(promise))]
        if log_touch:
            now = self._now()
            note = Note(
                new_id(),
                (promise.person_id,),
                "message",
                now,
                f"Kept: {promise.text}",
                now,
                now,
                gave=True,
            )
            changes.append(Change("notes", note.id, None, _note_rec(note), new=True))
        self._commit(f'keep "{promise.text}"', changes)
        return promise

    def drop_promise(self, promise_id: str) -> Promise:
        """Drop a promise: it leaves the queue without counting as kept."""
        promise = self._close_promise(promise_id, DROPPED)
        self._commit(
            f'drop "{promise.text}"', [Change("promises", promise.id, None, _promise_rec(promise))]
        )
        return promise

    def reopen_promise(self, promise_id: str) -> Promise:
        """Open a kept or dropped promise again."""
        promise = self.data().promises_by_id[promise_id]
        promise = replace(promise, status=OPEN, closed_at=None, updated=self._now())
        self._commit(
            f'reopen "{promise.text}"',
            [Change("promises", promise.id, None, _promise_rec(promise))],
        )
        return promise

    def move_promise(self, promise_id: str, due: date) -> Promise:
        """Give a promise a new due date (snoozing a promise item)."""
        promise = replace(self.data().promises_by_id[promise_id], due=due, updated=self._now())
        self._commit(
            f'move "{promise.text}"', [Change("promises", promise.id, None, _promise_rec(promise))]
        )
        return promise


def _rec(person: Person) -> dict[str, Any]:
    return records.person_to_record(person)


def _note_rec(note: Note) -> dict[str, Any]:
    return records.note_to_record(note)


def _promise_rec(promise: Promise) -> dict[str, Any]:
    return records.promise_to_record(promise)
