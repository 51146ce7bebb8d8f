"""``Journal``'s changes to people: add, edit, archive, delete, snooze."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from relate_tui.domain.errors import InputError
from relate_tui.domain.ids import new_id
from relate_tui.domain.people import Channel, Person, check_email
from relate_tui.journal.commits import JournalCommits
from relate_tui.storage.change import UNCHECKED, Change
from relate_tui.storage.records import note_to_record, person_to_record


class PeopleChanges(JournalCommits):
    """Adding, editing, archiving, deleting and snoozing people."""

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
            channels.append(Channel("email", check_email(email)))
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
            f"add {person.name}",
            [Change("people", person.id, None, person_to_record(person), new=True)],
        )
        return person

    def _validated(self, person: Person) -> Person:
        from relate_tui.domain.matching import fold  # adding or editing someone, not reading

        name = " ".join(person.name.split())
        if not name:
            raise InputError("a person needs a name")
        rhythm = person.rhythm.strip() if person.rhythm else None
        if rhythm:
            from relate_tui.domain.rhythm import normalise_rhythm  # not on `relate log`'s path

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

    def save_person(self, person: Person, *, based_on: Any = UNCHECKED) -> Person:
        """Save an edited person (validated; ``updated`` stamped).

        ``based_on`` is the stored record the edit started from (a form's, read when it
        opened): a change made to it meanwhile is merged in, never overwritten.
        """
        self._check_writable()
        person = replace(self._validated(person), updated=self._now())
        record = person_to_record(person)
        change = Change("people", person.id, None, record, expected=based_on)
        self._commit(f"edit {person.name}", [change])
        return self.person(person.id)  # as written: with what a merge kept from meanwhile

    def edit_person(self, person_id: str, fields: Mapping[str, str]) -> Person:
        """Change the given fields of a person, each typed as text the way the person form
        takes it (``domain.person_fields``: "3m" or a tier for the rhythm, "15 apr" for a
        birthday, a name for "introduced by"; an empty text clears a field). Nothing is
        written when nothing changes."""
        from relate_tui.domain.person_fields import parse_field, with_fields

        person = self.person(person_id)
        others = [p for p in self.data().people if p.id != person.id]
        today = self.clock.today()
        values = {
            key: parse_field(
                key,
                text,
                today=today,
                tiers=self.settings.tiers,
                week_start=self.settings.week_start,
                others=others,
                person=person,
            )
            for key, text in fields.items()
        }
        edited = self._validated(with_fields(person, values))
        if edited == person:
            return person
        return self.save_person(edited)

    def set_archived(self, person_id: str, archived: bool = True) -> Person:
        """Archive (hide from lists and the queue) or bring back a person."""
        person = replace(self.person(person_id), archived=archived, updated=self._now())
        verb = "archive" if archived else "unarchive"
        self._commit(
            f"{verb} {person.name}", [Change("people", person.id, None, person_to_record(person))]
        )
        return person

    def delete_person(self, person_id: str) -> Person:
        """Delete a person, their own notes and promises; shared notes just lose them, and
        people they introduced no longer name them."""
        data = self.data()
        person = self.person(person_id)
        changes = [Change("people", person.id, None, None)]
        for note in data.notes_for(person_id):
            if len(note.person_ids) == 1:
                changes.append(Change("notes", note.id, None, None))
            else:
                others = tuple(p for p in note.person_ids if p != person_id)
                changes.append(
                    Change("notes", note.id, None, note_to_record(replace(note, person_ids=others)))
                )
        changes += [
            Change("promises", p.id, None, None) for p in data.promises if p.person_id == person_id
        ]
        # Nobody is left "introduced by" someone who is gone (undo brings both back).
        changes += [
            Change("people", p.id, None, person_to_record(replace(p, introduced_by=None)))
            for p in data.people
            if p.introduced_by == person_id and p.id != person_id
        ]
        self._commit(f"delete {person.name}", changes)
        return person

    def snooze(self, person_id: str, until: date | None) -> Person:
        """Hide a person's rhythm item until ``until`` (a day after today) without logging
        a touch; None ends a snooze."""
        person = self.person(person_id)
        if until is not None and until <= self.clock.today():
            raise InputError("a snooze lasts until a day after today: pick a later day")
        person = replace(person, snooze_until=until, updated=self._now())
        verb = "snooze" if until is not None else "end the snooze of"
        self._commit(
            f"{verb} {person.name}", [Change("people", person.id, None, person_to_record(person))]
        )
        return person

    def next_rhythm_date(self, person_id: str) -> date:
        """The date one rhythm after today (for "snooze to next rhythm")."""
        from relate_tui.domain.rhythm import resolve_rhythm

        person = self.person(person_id)
        rhythm = resolve_rhythm(person.rhythm, self.settings.tiers)
        today = self.clock.today()
        return rhythm.add_to(today) if rhythm else today + timedelta(days=7)
