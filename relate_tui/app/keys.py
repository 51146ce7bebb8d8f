"""Every key of the app in one table: its binding id, key, action, footer label, the line
the ? screen shows, and its "noun: verb" palette title.

The screens' ``BINDINGS``, the footer, the ? screen, the palette and the check of
config.toml's ``[keymap]`` all read ``KEYS``; a key is described once, here.

A row belongs to one scope, the place its binding lives:

- ``main``: the main screen (acts on the current person or queue item)
- ``app``: the App, so the key works on every screen
- ``review``, ``walk``: the weekly review and its walk
- ``form``: the note and person forms
- ``dialog``: the small snooze and promise dialogs
- ``confirm``, ``help``, ``unreadable``: the yes/no question, the ? screen, the screen
  shown when the journal cannot be read

The table is in the order the ? screen lists the main screen's and the App's keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from textual.binding import Binding, BindingType

from relate_tui.settings import Settings


@dataclass(frozen=True)
class Key:
    """One binding and everything said about it."""

    scope: str
    """Where the binding lives (see the module's docstring)."""
    id: str
    """The binding id: ``[keymap]`` in config.toml remaps the key by it."""
    keys: str
    """Textual key names, comma-separated."""
    action: str
    """The action the key runs on its scope's screen (or the App)."""
    label: str
    """The footer's word; the ? screen's too where ``help`` is empty."""
    show: bool = True
    """Shown in the footer."""
    help: str = ""
    """The ? screen's line for a main-screen, app or form key (empty: not listed there)."""
    palette: str = ""
    """The palette's "noun: verb" title (empty: not in the palette)."""
    palette_help: str = ""
    for_person: bool = False
    """The palette title names the current person: "note: add for Ana Lima"."""
    key_display: str | None = None
    priority: bool = False

    def binding(self) -> Binding:
        """The Textual binding for this row."""
        return Binding(
            self.keys,
            self.action,
            self.label,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
        )


# fmt: off
KEYS: tuple[Key, ...] = (
    Key("main", "note-new", "n", "note_new", "Note",
        help="New note for the current person or queue item",
        palette="note: add", palette_help="Write a note about the current person",
        for_person=True),
    Key("main", "person-add", "a", "person_add", "Add",
        help="Add a person",
        palette="person: add", palette_help="Add someone to keep in touch with"),
    Key("main", "person-edit", "e", "person_edit", "Edit",
        help="Edit the current person",
        palette="person: edit", palette_help="Edit the current person", for_person=True),
    Key("main", "promise-new", "p", "promise_new", "Promise", show=False,
        help="New promise for the current person",
        palette="promise: add", palette_help="Promise something to the current person",
        for_person=True),
    Key("main", "queue-done", "d", "queue_done", "Done",
        help="Done: log a touch (note form), or keep a promise",
        palette="queue: done", palette_help="Log a touch or keep the selected promise"),
    Key("main", "queue-snooze", "s", "queue_snooze", "Snooze",
        help="Snooze: 1 week, next rhythm, or a date",
        palette="queue: snooze", palette_help="Snooze the current person or item"),
    Key("main", "queue-tried", "t", "queue_tried", "Tried", show=False,
        help="Tried, no answer: a note and a 3-day snooze",
        palette="queue: tried, no answer", palette_help="A note plus a 3-day snooze"),
    Key("main", "promise-drop", "x", "promise_drop", "Drop promise", show=False,
        help="Drop the selected promise",
        palette="promise: drop", palette_help="Drop the selected promise"),
    Key("main", "person-open", "o", "person_open", "Open", show=False,
        help="Open the person of the queue item"),
    Key("main", "queue-why", "y", "queue_why", "Why", show=False,
        help="Why is this item here?",
        palette="queue: why", palette_help="Why is the selected item where it is?"),
    Key("main", "filter", "slash", "filter", "Filter", show=False, key_display="/",
        help="Filter people (escape clears)",
        palette="people: filter", palette_help="Filter the people list"),
    Key("main", "person-delete", "delete", "person_delete", "Delete", show=False,
        help="Delete the current person (asks first)",
        palette="person: delete", palette_help="Delete the current person (asks first)"),
    Key("main", "person-archive", "A", "person_archive", "Archive", show=False,
        help="Archive the current person (asks first)",
        palette="person: archive", palette_help="Archive the current person (asks first)"),
    Key("app", "undo", "u", "undo", "Undo",
        help="Undo the last change (repeat for more)",
        palette="journal: undo", palette_help="Undo the last change"),
    Key("app", "review-weekly", "w", "weekly_review", "Review", show=False,
        help="Weekly review",
        palette="review: weekly", palette_help="The weekly review"),
    Key("main", "pane-people", "1", "pane('people')", "People", show=False,
        help="People pane"),
    Key("main", "pane-notes", "2", "pane('notes')", "Notes", show=False,
        help="Notes pane"),
    Key("main", "pane-queue", "3", "pane('queue')", "Next touch", show=False,
        help="Next touch pane"),
    Key("main", "pane-next", "tab", "next_pane(1)", "Next pane", show=False,
        help="Next pane"),
    Key("main", "pane-previous", "shift+tab", "next_pane(-1)", "Previous pane", show=False,
        help="Previous pane"),
    Key("main", "back", "escape", "escape", "Back", show=False),
    Key("app", "help", "question_mark", "help", "Help", key_display="?",
        help="This help",
        palette="help: keys", palette_help="Every key and its binding id"),
    Key("app", "quit", "q", "quit", "Quit", help="Quit"),

    Key("review", "review-walk", "w", "walk", "Walk"),
    Key("review", "review-why", "y", "why", "Why"),
    Key("review", "review-copy", "c", "copy", "Copy"),
    Key("review", "review-close", "escape", "close", "Back"),

    Key("walk", "walk-done", "d", "done", "Done"),
    Key("walk", "walk-snooze", "s", "snooze", "Snooze"),
    Key("walk", "walk-drop", "x", "drop", "Drop"),
    Key("walk", "walk-skip", "space", "skip", "Skip"),
    Key("walk", "walk-note", "n", "note", "Note", show=False),
    Key("walk", "walk-tried", "t", "tried", "Tried", show=False),
    Key("walk", "walk-why", "y", "why", "Why", show=False),
    # One key, two meanings: end the walk (to the summary), then go back to the review.
    Key("walk", "walk-end", "escape", "end", "End"),
    Key("walk", "walk-back", "escape", "back", "Back"),

    Key("form", "form-save", "ctrl+s", "save", "Save", priority=True, help="Save a form"),
    Key("form", "form-cancel", "escape", "cancel", "Cancel",
        help="Cancel a form (asks before discarding text)"),
    Key("dialog", "form-cancel", "escape", "dismiss(None)", "Cancel"),
    Key("confirm", "confirm-yes", "y", "answer(True)", "Yes"),
    Key("confirm", "confirm-no", "n,escape", "answer(False)", "No"),
    Key("help", "help-close", "escape,q,question_mark", "dismiss(None)", "Close"),
    Key("unreadable", "quit", "q,escape", "app.quit", "Quit"),
)
# fmt: on

BINDING_ORDER = {"app": ("quit", "help", "undo", "review-weekly")}
"""Scopes whose bindings are declared in another order than the table's: Textual shows a
footer in declaration order, and the footer reads "q Quit ? Help u Undo"."""

OTHER_KEYS = (
    ("ctrl+p", "Command palette: actions and jump to a person", "(textual)"),
    ("enter", "Open the person under the cursor", "(list)"),
    ("→", "Accept the suggested name in the note form", "(input)"),
)
"""Keys that are not bindings of ours, but users need to know."""

SCREEN_SECTIONS = (("Weekly review", "review"), ("Walking the review", "walk"))
"""The other screens whose keys the ? screen lists, under these titles."""

HelpRow = tuple[str, str, str]
"""(keys, what it does, binding id) as the ? screen shows it."""


class HasSettings(Protocol):
    """Whatever holds the settings (the session; the App): the keymap comes with them."""

    @property
    def settings(self) -> Settings: ...


def in_scope(scope: str) -> list[Key]:
    """The rows of one scope, in the order its bindings are declared."""
    rows = [key for key in KEYS if key.scope == scope]
    order = BINDING_ORDER.get(scope)
    if order is not None:
        rows.sort(key=lambda key: order.index(key.id))
    return rows


def bindings(scope: str) -> list[BindingType]:
    """The ``BINDINGS`` of a scope's screen (or of the App)."""
    return [key.binding() for key in in_scope(scope)]


def binding_ids() -> set[str]:
    """Every binding id a ``[keymap]`` in config.toml can remap."""
    return {key.id for key in KEYS}


RESERVED_KEYS = {
    "ctrl+p": "the command palette",
    "ctrl+q": "Textual's quit",
    "ctrl+c": "copy",
    "up": "moving in lists",
    "down": "moving in lists",
    "enter": "opening the person under the cursor",
}
"""Keys that Textual or the lists need; a ``[keymap]`` entry may not take them."""


@dataclass(frozen=True)
class KeymapCheck:
    """A ``[keymap]`` as checked at start: what is applied, and what was wrong."""

    keymap: dict[str, str]
    """The entries applied: known ids, keys normalised, none that takes a needed key."""
    problems: list[str]
    """One line per entry left out, naming it and why."""


def normalise_keys(keys: str) -> str:
    """``"?, ctrl+n"`` → ``"question_mark,ctrl+n"``: the names Textual gives key presses."""
    # Private in Textual, and pinned with it: the same spelling its own bindings get.
    from textual.keys import _character_to_key

    names = [key.strip() for key in keys.split(",") if key.strip()]
    return ",".join(_character_to_key(key) if len(key) == 1 else key for key in names)


def _chains() -> list[tuple[str, ...]]:
    """The scopes whose bindings are active together: each screen's own and the App's."""
    scopes = dict.fromkeys(key.scope for key in KEYS if key.scope != "app")
    return [(scope, "app") for scope in scopes]


def _holders(keymap: Mapping[str, str]) -> dict[tuple[tuple[str, ...], str], set[str]]:
    """(chain, key) → the binding ids that key runs there, with ``keymap`` applied."""
    holders: dict[tuple[tuple[str, ...], str], set[str]] = {}
    for chain in _chains():
        for key in KEYS:
            if key.scope in chain:
                keys = keymap.get(key.id) or normalise_keys(key.keys)
                for name in keys.split(","):
                    holders.setdefault((chain, name), set()).add(key.id)
    return holders


def check_keymap(keymap: Mapping[str, str], source: str = "config.toml") -> KeymapCheck:
    """Check ``[keymap]`` against the table: unknown ids, and keys another binding needs.

    An entry that would take a key from another binding on the same screen (``person-add
    = "q"`` hides Quit) is left out, so the app stays usable, and named. Clashes the
    table has on purpose (escape ends the walk, then goes back) are not counted.
    """
    from relate_tui.settings import nearest

    problems: list[str] = []
    ids = sorted(binding_ids())
    applied: dict[str, str] = {}
    for binding_id, value in keymap.items():
        if binding_id not in ids:
            guess = nearest(binding_id, ids)
            hint = f"did you mean {guess}?" if guess else "press ? to see the ids"
            problems.append(f"{source} [keymap]: no binding is called {binding_id} ({hint})")
            continue
        keys = normalise_keys(value)
        if not keys:
            problems.append(f'{source} [keymap]: {binding_id} = "" names no key')
            continue
        reserved = next((k for k in keys.split(",") if k in RESERVED_KEYS), None)
        if reserved is not None:
            problems.append(
                f'{source} [keymap]: {binding_id} = "{value}" would take {reserved}, '
                f"which is for {RESERVED_KEYS[reserved]}; kept {_default(binding_id)}"
            )
            continue
        applied[binding_id] = keys
    default = _holders({})
    while True:
        clash = next(
            (
                (name, held)
                for (chain, name), held in _holders(applied).items()
                if len(held) > 1 and not held <= default.get((chain, name), set())
            ),
            None,
        )
        if clash is None:
            break
        name, held = clash
        # The remapped id that caused the clash gives way (the one that moved onto the key).
        taker = next(i for i in sorted(held) if i in applied and name in applied[i].split(","))
        others = sorted(held - {taker})
        labels = ", ".join(f"{other} ({_label(other)})" for other in others)
        problems.append(
            f'{source} [keymap]: {taker} = "{keymap[taker]}" would hide {labels} '
            f"on {format_key(name)}; kept {_default(taker)} for {taker}"
        )
        del applied[taker]
    return KeymapCheck(applied, problems)


def _default(binding_id: str) -> str:
    key = next(k for k in KEYS if k.id == binding_id)
    return key.key_display or key.keys


def _label(binding_id: str) -> str:
    return next(k.label for k in KEYS if k.id == binding_id)


def format_key(name: str) -> str:
    """A key name as people write it: ``question_mark`` → ``?``."""
    from textual.keys import format_key as textual_format

    return textual_format(name)


def palette_keys(scope: str) -> list[Key]:
    """The rows of a scope that the command palette offers, in the table's order."""
    return [key for key in KEYS if key.scope == scope and key.palette]


def _keymap(owner: HasSettings) -> Mapping[str, str]:
    return owner.settings.keymap


def _shown_keys(key: Key, keymap: Mapping[str, str]) -> str:
    return keymap.get(key.id) or (
        key.key_display if key.key_display and "," not in key.keys else key.keys
    )


def key_table(owner: HasSettings) -> list[HelpRow]:
    """The main screen's and the App's keys as the ? screen lists them, keymap applied."""
    keymap = _keymap(owner)
    return [
        (_shown_keys(key, keymap), key.help, key.id)
        for key in KEYS
        if key.scope in ("main", "app") and key.help
    ]


def form_key_table(owner: HasSettings) -> list[HelpRow]:
    """The forms' keys, as the ? screen lists them after ``OTHER_KEYS``."""
    keymap = _keymap(owner)
    return [(keymap.get(key.id) or key.keys, key.help, key.id) for key in in_scope("form")]


def screen_key_table(owner: HasSettings) -> list[tuple[str, list[HelpRow]]]:
    """(title, rows) for the other screens' keys: the weekly review and its walk."""
    keymap = _keymap(owner)
    return [
        (title, [(keymap.get(key.id) or key.keys, key.label, key.id) for key in in_scope(scope)])
        for title, scope in SCREEN_SECTIONS
    ]
