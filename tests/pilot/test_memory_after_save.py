"""After a save, the app holds the journal's bytes once: the form the save closed (its
widgets in reference cycles, as Textual's are) held the view from before it, and through
it the file as it was, until Python's next full collection — at J100k a third 57 MB copy
whenever the next save came first."""

from __future__ import annotations

import asyncio
import sys

from relate_tui.app import RelateApp
from tests.pilot.conftest import settle


async def test_the_bytes_before_a_save_are_freed_once_its_screen_is_up(
    demo_app: RelateApp,
) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sealed = demo_app.journal.store._sealed
        assert sealed is not None, "the demo journal is sealed"
        before = sealed.raw
        del sealed
        await pilot.press("n", *"Called about the move")
        await pilot.press("ctrl+s")
        await settle(pilot)
        for _ in range(50):  # the writer thread frees it once the new screen is up
            if sys.getrefcount(before) == 2:  # ``before`` and the call's argument
                break
            await asyncio.sleep(0.02)
        assert sys.getrefcount(before) == 2, "something still holds the file as it was"
