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
- ``clash``: the question when a save finds the same field changed on disk meanwhile
- ``conflicts``: the list of a person's conflicts from merges (``C``)

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
    # Declared before the person's e and delete: with a note under the Notes pane's cursor
    # they act on it, otherwise they give way (check_action) and the person's run.
    Key("main", "note-edit", "e", "note_edit", "Edit",
        help="Edit the selected note (Notes pane)",
        palette="note: edit", palette_help="Change the selected note's text, kind, time, people"),
    Key("main", "note-move", "m", "note_move", "Move note", show=False,
        help="Move the selected note to other people",
        palette="note: move to other people", palette_help="Change whom the note is about"),
    Key("main", "note-delete", "delete", "note_delete", "Delete note", show=False,
        help="Delete the selected note (asks first)",
        palette="note: delete", palette_help="Delete the selected note (asks first)"),
    Key("main", "person-edit", "e", "person_edit", "Edit",
        help="Edit the current person",
        palette="person: edit", palette_help="Edit the current person", for_person=True),
    Key("main", "promise-new", "p", "promise_new", "Promise", show=False,
        help="New promise for the current person",
        palette="promise: add", palette_help="Promise something to the current person",
        for_person=True),
    # Declared before done and snooze: on a selected promise (queue or card), d and s
    # keep or reschedule it; otherwise they give way.
    Key("main", "promise-keep", "d", "promise_keep", "Keep",
        help="Keep the selected promise (or keep and log a touch)",
        palette="promise: keep", palette_help="Keep the selected promise (a note only if you ask)"),
    Key("main", "promise-reschedule", "s", "promise_reschedule", "Reschedule",
        help="Give the selected promise a new due date",
        palette="promise: reschedule", palette_help="Give the selected promise a new due date"),
    Key("main", "queue-done", "d", "queue_done", "Done",
        help="Done: log a touch (the note form)",
        palette="queue: done", palette_help="Log a touch for the current person or item"),
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
    # Priority, as tab in a form: it moves the focus as it arrives, so "/jurg" in one burst
    # types "jurg" into the filter (not into the list being left). Not while the filter has
    # the focus: there the key is typed (``MainScreen.check_action``).
    Key("main", "filter", "slash", "filter", "Filter", show=False, key_display="/", priority=True,
        help="Filter: name, #tag, or ?words in notes",
        palette="people: filter", palette_help="Filter the people list"),
    Key("main", "person-delete", "delete", "person_delete", "Delete", show=False,
        help="Delete the current person (asks first)",
        palette="person: delete", palette_help="Delete the current person (asks first)"),
    Key("main", "person-archive", "A", "person_archive", "Archive", show=False,
        help="Archive the current person (asks first)",
        palette="person: archive", palette_help="Archive the current person (asks first)"),
    Key("main", "person-conflicts", "C", "conflicts", "Conflicts", show=False,
        help="Resolve conflicts from another machine",
        palette="conflicts: resolve",
        palette_help="Keep or take the other machine's values for the current person",
        for_person=True),
    Key("app", "undo", "u", "undo", "Undo",
        help="Undo the last change, whoever made it (again: more)",
        palette="journal: undo", palette_help="Undo the last change to the journal"),
    Key("app", "review-weekly", "w", "weekly_review", "Review", show=False,
        help="Weekly review",
        palette="review: weekly", palette_help="The weekly review"),
    # Priority, as /: they move the focus as they arrive, so "3" and "j" in one burst move
    # in Next touch (not in the list being left). In the filter 1 2 3 are typed (as /).
    Key("main", "pane-people", "1", "pane('people')", "People", show=False, priority=True,
        help="People pane"),
    Key("main", "pane-notes", "2", "pane('notes')", "Notes", show=False, priority=True,
        help="Notes pane"),
    Key("main", "pane-queue", "3", "pane('queue')", "Next touch", show=False, priority=True,
        help="Next touch pane"),
    Key("main", "pane-next", "tab", "next_pane(1)", "Next pane", show=False, priority=True,
        help="Next pane"),
    Key("main", "pane-previous", "shift+tab", "next_pane(-1)", "Previous pane", show=False,
        priority=True, help="Previous pane"),
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
    Key("conflicts", "conflict-keep", "k", "keep", "Keep this one"),
    Key("conflicts", "conflict-take", "t", "take", "Take the other"),
    Key("conflicts", "conflicts-close", "escape", "dismiss(None)", "Close"),
    Key("clash", "clash-mine", "m", "answer(True)", "Keep mine"),
    Key("clash", "clash-theirs", "t", "answer(False)", "Keep theirs"),
    Key("clash", "clash-both", "b", "see_both", "See both"),
    Key("clash", "clash-cancel", "escape", "cancel", "Cancel"),
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
    (
        "enter",
        "Open the person under the cursor; edit a note; keep, move or drop a promise",
        "(list)",
    ),
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


def palette_keys(scope: str) -> list[Key]:
    """The rows of a scope that the command palette offers, in the table's order."""
    return [key for key in KEYS if key.scope == scope and key.palette]


def describe_action(action: str) -> str:
    """An action in words for a message about it: "“queue: done” (d)"."""
    for key in KEYS:
        if key.action.partition("(")[0] == action:
            return f"“{key.palette or key.label}” ({key.key_display or key.keys})"
    return f"the action “{action}”"


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
