"""Nothing a user needs is cut off or out of sight. At 60×20 (a quarter of a laptop screen
in tmux): the review's dates, Help and Undo in the footers, the walk's keys, room to write.
At 120×40: the People list's last-touch time, however many tags."""

from __future__ import annotations

import re

from textual.widgets import TextArea

from relate_tui.app import RelateApp
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.person_form import FIELDS
from tests.pilot.conftest import settle
from tests.pilot.test_review_screen import open_review

SIZE = (60, 20)


def screen_text(app: RelateApp) -> str:
    """What the terminal shows, as text (from the SVG screenshot)."""
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.replace("&#160;", " "))
    return text.replace("&amp;", "&")


async def test_review_keeps_its_dates_and_its_footer(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.pause()
        shown = screen_text(demo_app)
        assert "Mon 30 Nov – Sun 6 Dec 2026 · today Wed 2 Dec" in shown
        assert "Help" in shown and "Undo" in shown


async def test_walk_shows_its_keys_and_its_footer(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("w")
        await pilot.pause()
        walk = demo_app.screen
        hints = walk.query_one("#walk-hints")
        assert "d log a touch" in str(hints.render())
        assert hints.region.bottom <= SIZE[1] - 1  # above the footer, never scrolled away
        shown = screen_text(demo_app)
        assert "Help" in shown and "Undo" in shown


async def test_the_note_form_leaves_room_to_write(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(demo_app.screen, NoteForm)
        body = demo_app.screen.query_one("#note-body", TextArea)
        recent = demo_app.screen.query_one("#note-recent")
        assert body.content_region.height >= 4
        assert recent.region.height <= 7


async def test_two_tags_never_hide_the_last_touch_at_120x40(make_journal, config_file) -> None:
    from datetime import timedelta

    journal = make_journal()
    kim = journal.add_person("Kimberly Okonkwo-Park", tags=["community", "research-group"])
    journal.log_note([kim.id], "coffee", kind="coffee", at=journal.clock.now() - timedelta(21))
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        row = app.main.people_list.table
        shown = screen_text(app)
        assert "3 weeks ago · #community" in shown
        assert row.region.width < len("  3 weeks ago · #community #research-group") + 4


async def test_the_walk_footer_keeps_help_and_undo_on_a_promise(demo_app: RelateApp) -> None:
    """A promise item adds x Drop to the footer: at 60 columns it was cut to "… ? Help u Un"."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("w")
        walk = demo_app.screen
        while walk.item.kind != "promise":
            await pilot.press("space")
        await pilot.pause()
        footer = [line for line in screen_text(demo_app).splitlines() if line.strip()][-1]
        assert re.search(r"\?\s*Help", footer) and re.search(r"u\s*Undo", footer), footer
        assert re.search(r"x\s*Drop", footer), footer  # the promise's own key is offered


async def test_the_welcome_fits_with_its_last_line_and_indents(empty_app: RelateApp) -> None:
    """At 60×20 the last line lost "contacts.vcf" and a wrapped key line lost its indent."""
    async with empty_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        strips = empty_app.screen._compositor.render_strips()
        lines = [strip.text.split("│")[1] for strip in strips if "│" in strip.text]
        assert any("relate import contacts.vcf" in line for line in lines)
        first = next(i for i, line in enumerate(lines) if "add a person" in line)
        last = next(i for i, line in enumerate(lines) if "quit" in line)
        for line in lines[first : last + 1]:
            assert line.startswith("    "), line  # a wrapped description keeps its column


async def test_the_person_form_shows_each_hint_whole(demo_app: RelateApp) -> None:
    """At 60×20 the Rhythm hint was cut at "empty:"."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        shown = "\n".join(strip.text for strip in demo_app.screen._compositor.render_strips())
        for _field, _label, hint in FIELDS:
            assert hint in shown


async def test_help_gives_what_a_key_does_the_width_at_60x20(demo_app: RelateApp) -> None:
    """The "Does" column was squeezed to ~15 characters: most keys wrapped over 3–4 lines.
    Narrow, each key stands above its description, which gets the whole width."""
    async with demo_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = [strip.text for strip in demo_app.screen._compositor.render_strips()]
        assert any("New note for the current person or queue item" in line for line in shown)
        assert any("note-new" in line for line in shown)


async def test_help_section_titles_leave_the_key_column_narrow_at_80x24(
    demo_app: RelateApp,
) -> None:
    """A section title ("Walking the review") in the key column made it 20 wide."""
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = [strip.text for strip in demo_app.screen._compositor.render_strips()]
        assert any("Move the selected note to other people" in line for line in shown)
