"""The kinds a note can have, and which of them count as a touch.

A module of its own, importing nothing: the last-touch table (``storage.newest``) and the
status line's count read these without making the ``Note`` class.
"""

KINDS = ("call", "video", "coffee", "meal", "meeting", "message", "email", "event", "note")
"""Every kind a note can have, in the order forms offer them."""

TOUCH_KINDS = frozenset(KINDS) - {"note"}
"""Kinds that count as real contact and restart a person's rhythm."""
