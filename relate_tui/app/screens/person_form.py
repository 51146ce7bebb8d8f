"""Add or edit a person: validation messages appear under the field they are about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from relate_tui.app.screens.form import FormScreen
from relate_tui.app.session import Session
from relate_tui.app.view import JournalView
from relate_tui.app.widgets.footer import KeysFooter
from relate_tui.domain.dates import MONTH_ABBRS, describe_day
from relate_tui.domain.errors import InputError
from relate_tui.domain.people import Channel, ImportantDate, Person
from relate_tui.domain.person_fields import parse_field as parse_person_field
from relate_tui.domain.rhythm import describe_rhythm
from relate_tui.report.text import one_line

# field id, label, placeholder.
# Placeholders say "e.g." and are set in italics (relate.tcss): an example that
# looks like a value reads as one ("Datalab" in every new person's Org).
FIELDS = (
    ("name", "Name", "required, e.g. Ana Lima"),
    ("nickname", "Nickname", ""),
    ("org", "Org", "e.g. Datalab"),
    ("role", "Role", "e.g. ML lead"),
    ("rhythm", "Rhythm", "e.g. 2w, 3m, 1y or tier A–D; empty: none"),
    ("tags", "Tags", "e.g. work, ml"),
    ("email", "Email", "e.g. ana@example.org"),
    ("phone", "Phone", ""),
    ("url", "URL", "e.g. https://… or @handle"),
    ("met", "Met", "where or how, e.g. PyCon sprint table"),
    ("met_on", "Met on", "e.g. 2024-05-17, last fri, 3 weeks ago"),
    ("introduced_by", "Intro by", "who introduced you (a name)"),
    ("birthday", "Birthday", "e.g. 15 apr, 1990-04-15, --04-15"),
    ("dates", "Dates", "e.g. anniversary: 12 jun; name day: 3 mar"),
)
CHANNEL_FIELDS = ("email", "phone", "url")


def _dates_text(person: Person) -> tuple[str, str]:
    birthday, others = "", []
    for d in person.dates:
        shown = (
            f"{d.year:04d}-{d.month:02d}-{d.day:02d}" if d.year else f"--{d.month:02d}-{d.day:02d}"
        )
        if d.is_birthday and not birthday:
            birthday = shown
        else:
            others.append(f"{d.label}: {shown}")
    return birthday, "; ".join(others)


def parse_field(key: str, text: str, view: JournalView, person: Person | None) -> object:
    """The parsed value of one field of the person form as typed; ``InputError`` (and only
    that, whatever the text) when it is not understood. Runs on every keystroke.

    The rules are ``domain.person_fields``, the same as ``relate edit``'s.
    """
    others: list[Person] = []
    if key == "introduced_by":
        others = [p for p in view.data.people if not person or p.id != person.id]
    return parse_person_field(
        key,
        text,
        today=view.today,
        tiers=view.settings.tiers,
        week_start=view.settings.week_start,
        others=others,
        person=person,
    )


class PersonForm(FormScreen):
    """Add or edit a person; dismisses with the saved person's id (or None when cancelled)."""

    CSS_PATH = "person_form.tcss"
    DISCARD_QUESTION = "Discard your changes to this person?"

    def __init__(self, session: Session, view: JournalView, person: Person | None) -> None:
        super().__init__(session, view)
        self.person = person
        self.initial = self._initial_values()

    def _initial_values(self) -> dict[str, str]:
        p = self.person
        if p is None:
            return {key: "" for key, _, _ in FIELDS} | {"about": ""}
        intro = self.view.data.by_id.get(p.introduced_by or "")
        birthday, others = _dates_text(p)
        url = p.channel("url") or p.channel("handle")
        return {
            "name": p.name, "nickname": p.nickname, "org": p.org, "role": p.role,
            "rhythm": p.rhythm or "", "tags": ", ".join(p.tags), "email": p.channel("email"),
            "phone": p.channel("phone"), "url": url, "met": p.met,
            "met_on": p.met_on.isoformat() if p.met_on else "",
            "introduced_by": intro.name if intro else "", "birthday": birthday,
            "dates": others, "about": p.about,
        }  # fmt: skip

    def compose(self) -> ComposeResult:
        title = "Add a person" if self.person is None else f"Edit {one_line(self.person.name, 50)}"
        with Vertical(id="person-dialog"):
            yield Static(Text(title, style="bold"), id="person-title")
            with VerticalScroll(id="person-fields"):
                for key, label, placeholder in FIELDS:
                    with Horizontal(classes="row"):
                        yield Label(label, classes="field-label")
                        yield Input(
                            self.initial[key],
                            placeholder=placeholder,
                            compact=True,
                            id=f"person-{key}",
                        )
                    yield Static("", id=f"person-{key}-msg", classes="msg")
                yield Label("About (family, interests, what they are working on)")
                yield TextArea(
                    self.initial["about"], compact=True, soft_wrap=True, id="person-about"
                )
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.app.is_headless:
            for widget in self.query("Input, TextArea"):
                widget.cursor_blink = False  # type: ignore[attr-defined]
        self.query_one("#person-name", Input).focus()
        for key in ("rhythm", "met_on", "birthday", "dates", "introduced_by"):
            self._check(key)

    # -- values and validation --------------------------------------------------------

    def value(self, key: str) -> str:
        if key == "about":
            return self.query_one("#person-about", TextArea).text
        return self.query_one(f"#person-{key}", Input).value

    def _message(self, key: str, text: str, error: bool) -> None:
        label = self.query_one(f"#person-{key}-msg", Static)
        label.update(Text(text))
        label.set_class(error, "-error")
        label.set_class(bool(text), "-shown")

    def _parse(self, key: str) -> object:
        """The parsed value of one field; ``InputError`` when it is not understood."""
        return parse_field(key, self.value(key), self.view, self.person)

    def _check(self, key: str) -> bool:
        try:
            parsed = self._parse(key)
        except InputError as exc:
            self._message(key, f"✗ {exc}", error=True)
            return False
        hint = ""
        if key == "rhythm" and parsed:
            hint = "→ " + describe_rhythm(str(parsed), self.view.settings.tiers)
        elif key == "met_on" and isinstance(parsed, date):
            hint = "→ " + describe_day(parsed, self.view.today)
        elif key == "birthday" and isinstance(parsed, ImportantDate):
            year = f" {parsed.year}" if parsed.year else " (no year)"
            hint = f"→ {parsed.day} {MONTH_ABBRS[parsed.month - 1]}{year}"
        elif key == "introduced_by" and isinstance(parsed, Person):
            hint = "→ " + one_line(parsed.name, 40)
        self._message(key, hint, error=False)
        return True

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("person-")
        if (
            key in ("rhythm", "met_on", "birthday", "dates", "introduced_by")
            or (key == "email" and self.query_one("#person-email-msg").has_class("-error"))
            or (key == "name" and self.query_one("#person-name-msg").has_class("-error"))
        ):
            self._check(key)

    def build(self) -> Person:
        """The person as typed; raises ``InputError`` (and shows messages) when invalid."""
        bad = [key for key, _, _ in FIELDS if not self._check(key)]
        if bad:
            self.query_one(f"#person-{bad[0]}", Input).focus()
            raise InputError("fix the fields marked ✗")
        dates: list[ImportantDate] = list(self._parse("dates"))  # type: ignore[arg-type]
        birthday = self._parse("birthday")
        if isinstance(birthday, ImportantDate):
            dates.insert(0, birthday)
        intro = self._parse("introduced_by")
        url = self.value("url").strip()
        values = {
            "name": self._parse("name"),
            "nickname": self.value("nickname").strip(),
            "org": self.value("org").strip(),
            "role": self.value("role").strip(),
            "rhythm": self._parse("rhythm"),
            "tags": tuple(
                t.strip().lstrip("#")
                for t in self.value("tags").replace(",", " ").split()
                if t.strip()
            ),
            "met": self.value("met").strip(),
            "met_on": self._parse("met_on"),
            "introduced_by": intro.id if isinstance(intro, Person) else None,
            "dates": tuple(dates),
            "about": self.value("about").strip("\n"),
        }
        channels = self._channels(url)
        now = self.session.clock.now()
        if self.person is None:
            return Person(id="", created=now, updated=now, channels=channels, **values)
        return replace(self.person, channels=channels, **values)

    def _channels(self, url: str) -> tuple[Channel, ...]:
        kept = list(self.person.channels) if self.person else []
        for kind in CHANNEL_FIELDS:
            value = url if kind == "url" else self.value(kind).strip()
            kinds = ("url", "handle") if kind == "url" else (kind,)
            first = next((c for c in kept if c.kind in kinds), None)
            if first is not None:
                kept.remove(first)
            if value:
                new_kind = "handle" if kind == "url" and value.startswith("@") else kind
                kept.insert(0, Channel(new_kind, value, first.label if first else ""))
        return tuple(kept)

    def save(self) -> None:
        if self.saving:
            return
        try:
            person = self.build()
        except InputError as exc:
            self.notify(str(exc), title="Not saved yet", severity="warning")
            return
        self.saving = True
        is_new = self.person is None
        # The record as the form read it: a change made to it meanwhile (an import, another
        # pane, a merged copy) is merged in, never overwritten.
        read = None if is_new else self.view.data.raw_record("people", person.id)

        def write(journal):
            if is_new:
                fields = {k: getattr(person, k) for k in (
                    "nickname", "org", "role", "met_on", "introduced_by", "dates", "about",
                    "channels")}  # fmt: skip
                return journal.add_person(
                    person.name, rhythm=person.rhythm, tags=person.tags, met=person.met, **fields
                )
            return journal.save_person(person, based_on=read)

        def saved(result: Person) -> None:
            verb = "Added" if is_new else "Saved"
            self.app.notify(f"{verb} {result.name}.")
            self.finish(result.id)

        def failed(_error: Exception) -> None:
            self.saving = False

        self.session.change(write, saved, failed)

    @property
    def dirty(self) -> bool:
        return any(self.value(key) != self.initial[key] for key in self.initial)
