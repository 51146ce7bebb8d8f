"""Record ids: stable, random, independent of TinyDB's document numbers."""

from __future__ import annotations

import os


def new_id() -> str:
    """A stable record id, independent of TinyDB's doc ids."""
    # 128 random bits, like uuid4 but without importing uuid on the capture path.
    return os.urandom(16).hex()
