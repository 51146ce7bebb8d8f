"""The weekly review screen and its walk, driven key by key on the demo journal.

The clock is Wed 2 Dec 2026 10:00 (Berlin). The demo's due items, in walk order: Hana
(rhythm, never touched), Priya (rhythm, tier D), Ana (promise "send the paper…", late),
Bruno (rhythm), Dan (due today), Eve (birthday), Finn (promise, due Sunday).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from relate_tui.app import RelateApp
from relate_tui.app.screens.main import MainScreen
from relate_tui.app.screens.note_form import NoteForm
from relate_tui.app.screens.promise_menu import PromiseMenu
from relate_tui.app.screens.review import ReviewScreen
from relate_tui.app.screens.review_walk import WalkScreen
from relate_tui.app.screens.snooze import SnoozeScreen
from relate_tui.app.screens.why import WhyScreen
from relate_tui.app.widgets.review_sections import ReviewSection
from relate_tui.domain.promises import DROPPED, KEPT
from relate_tui.journal import Journal
from relate_tui.report.phrases import NOTHING_DUE
from tests.pilot.conftest import notifications, settle

WALK_ORDER = [
    ("Hana Sato", "rhythm"),
    ("Priya Raman", "rhythm"),
    ("Ana Lima", "promise"),
    ("Bruno Costa", "rhythm"),
    ("Dan Okafor", "rhythm"),
    ("Eve Martin", "date"),
    ("Finn Schmidt", "promise"),
]


def pid(app: RelateApp, name: str) -> str:
    return next(p.id for p in app.journal.data().people if p.name == name)


def card(app: RelateApp) -> str:
    """The walk card's text as shown."""
    return str(app.screen.query_one("#walk-card", Static).content)


def hints(app: RelateApp) -> str:
    """The walk's keys in words, under the card (outside its scroll)."""
    return str(app.screen.query_one("#walk-hints", Static).render())


async def wait_until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app run until ``condition()`` holds (the review is computed in a thread)."""
    for _ in range(int(timeout / 0.02)):
        await settle(pilot)
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition never held")


async def open_review(pilot: Pilot) -> ReviewScreen:
    await settle(pilot)
    await pilot.press("w")
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await wait_until(pilot, lambda: screen.review is not None)
    return screen


async def test_w_opens_the_review_and_escape_closes_it(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        review = screen.review
        assert [(i.person_name, i.kind) for i in review.due] == WALK_ORDER
        title = str(screen.query_one("#review-title", Static).render())
        assert "Weekly review · Mon 30 Nov – Sun 6 Dec 2026 · today Wed 2 Dec" in title
        due = screen.query_one("#review-due")
        assert due.border_title == "Due this week and overdue (7)"
        sections = {s.section: s.plain for s in screen.query(ReviewSection)}
        assert "Drifting: 4 people past their rhythm" in sections["drifting"]
        assert "Hana Sato" in sections["drifting"]
        assert "A           ██████████  1 of 1 in rhythm" in sections["tiers"]
        assert "Only asked, gave nothing: Ana Lima (1 ask)" in sections["balance"]
        assert "Kept this week" not in sections["promises"]  # the rubric was kept last week
        assert "neglected" not in " ".join(sections.values()).lower()
        await pilot.press("w")  # w again: the walk
        assert isinstance(demo_app.screen, WalkScreen)
        await pilot.press("escape", "escape")  # end the walk, then back
        assert demo_app.screen is screen
        await pilot.press("escape")
        assert isinstance(demo_app.screen, MainScreen)


async def test_walk_log_snooze_keep_skip_and_summary(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        review = await open_review(pilot)
        await pilot.press("w")
        walk = demo_app.screen
        assert isinstance(walk, WalkScreen)
        assert walk.item.person_name == "Hana Sato"
        assert "d log a touch" in hints(demo_app)

        # Hana: log a touch through the app's note form, kind call preset.
        await pilot.press("d")
        form = demo_app.screen
        assert isinstance(form, NoteForm)
        await pilot.press(*"Coffee at her lab", "ctrl+s")
        await settle(pilot)
        assert demo_app.screen is walk
        hana = pid(demo_app, "Hana Sato")
        note = demo_app.journal.data().notes_for(hana)[0]
        assert (note.kind, note.body) == ("call", "Coffee at her lab")

        # Priya: snooze one week with the app's snooze choices.
        assert walk.item.person_name == "Priya Raman"
        await pilot.press("s")
        assert isinstance(demo_app.screen, SnoozeScreen)
        await pilot.press("enter")
        await settle(pilot)
        priya = demo_app.journal.person(pid(demo_app, "Priya Raman"))
        assert priya.snooze_until == date(2026, 12, 9)

        # Ana's late promise: done asks how; "keep and log a touch" logs a message, gave.
        assert (walk.item.person_name, walk.item.kind) == ("Ana Lima", "promise")
        assert "d keep (a touch too, if you say)" in hints(demo_app)
        await pilot.press("d")
        assert isinstance(demo_app.screen, PromiseMenu)
        await pilot.press("down", "enter")
        await settle(pilot)
        data = demo_app.journal.data()
        ana = pid(demo_app, "Ana Lima")
        kept = [p for p in data.promises if p.person_id == ana]
        assert [p.status for p in kept] == [KEPT]
        assert data.notes_for(ana)[0].gave

        # Bruno: skip; then end the walk early.
        assert walk.item.person_name == "Bruno Costa"
        await pilot.press("space")
        assert walk.item.person_name == "Dan Okafor"
        await pilot.press("escape")
        assert walk.finished and not walk.complete
        assert [(o.item.person_name, o.action) for o in walk.outcomes] == [
            ("Hana Sato", "logged"),
            ("Priya Raman", "snoozed"),
            ("Ana Lima", "kept"),
            ("Bruno Costa", "skipped"),
        ]
        summary = card(demo_app)
        assert "Walk ended after 4 of 7 items." in summary
        assert "1 touch logged · 1 promise kept · 1 snoozed · 1 skipped" in summary
        assert "Hana Sato — logged a call" in summary
        assert "Priya Raman — snoozed until Wed 9 Dec" in summary

        # Back on the review, which is computed again.
        await pilot.press("escape")
        assert demo_app.screen is review
        await wait_until(pilot, lambda: review.review.this_week.count == 2)
        names = [(i.person_name, i.kind) for i in review.review.due]
        assert names == [("Bruno Costa", "rhythm"), *WALK_ORDER[4:]]
        assert review.review.this_week.count == 2  # Hana's call, Ana's "Kept:" message


async def test_walk_from_an_item_drop_a_promise_to_the_end(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        review = await open_review(pilot)
        due = review.query_one("#review-due")
        assert due.select_first_of(pid(demo_app, "Finn Schmidt"))
        await pilot.pause()
        await pilot.press("enter")  # walk from the highlighted item
        walk = demo_app.screen
        assert isinstance(walk, WalkScreen)
        assert (walk.item.person_name, walk.item.kind) == ("Finn Schmidt", "promise")
        await pilot.press("x")
        await settle(pilot)
        finn = pid(demo_app, "Finn Schmidt")
        statuses = [p.status for p in demo_app.journal.data().promises if p.person_id == finn]
        assert statuses == [DROPPED]
        assert walk.finished and walk.complete  # Finn's promise was the last item
        assert "Finn Schmidt — dropped “review his take-home exercise”" in card(demo_app)


async def test_drop_and_tried_only_where_they_apply(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("w", "x")  # Hana's rhythm item: x (drop) does nothing
        walk = demo_app.screen
        assert walk.item.person_name == "Hana Sato" and walk.outcomes == []
        await pilot.press("t")  # tried, no answer: a jot and a 3-day snooze
        await settle(pilot)
        hana = demo_app.journal.person(pid(demo_app, "Hana Sato"))
        assert hana.snooze_until == date(2026, 12, 5)
        assert [o.action for o in walk.outcomes] == ["tried"]


async def test_cancelled_forms_keep_the_item(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("w", "d")
        assert isinstance(demo_app.screen, NoteForm)
        await pilot.press("escape")  # nothing typed: closes without asking
        walk = demo_app.screen
        assert isinstance(walk, WalkScreen)
        assert walk.item.person_name == "Hana Sato" and not walk.busy
        await pilot.press("s", "escape")
        assert demo_app.screen is walk and walk.item.person_name == "Hana Sato"
        assert walk.outcomes == []


async def test_why_shows_the_ranking(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("w", "y")
        text = card(demo_app)
        assert "Why it is here" in text
        assert "Late: 17 days; ratio 0.55 = 17 / 31" in text
        await pilot.press("space")  # the next item starts without the explanation
        assert "Why it is here" not in card(demo_app)


async def test_why_on_the_review_screen(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("y")
        assert isinstance(demo_app.screen, WhyScreen)
        assert "ratio 0.55 = 17 / 31" in demo_app.screen.explanation
        await pilot.press("escape")
        assert isinstance(demo_app.screen, ReviewScreen)


async def test_keeping_a_promise_passes_over_the_same_persons_rhythm_item(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    journal = make_journal()
    now = journal.clock.now()
    kim = journal.add_person("Kim Park", rhythm="1w")
    # Added a month ago and never touched: overdue; the promise is later still (by ratio).
    journal.bulk_save("test", people=[replace(kim, created=now - timedelta(days=30))])
    journal.add_promise(kim.id, "send the book", date(2026, 10, 1))
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        review = await open_review(pilot)
        assert [i.kind for i in review.review.due] == ["promise", "rhythm"]
        # Keep and log a touch: the message restarts Kim's rhythm.
        await pilot.press("w", "d", "down", "enter")
        await settle(pilot)
        walk = app.screen
        assert walk.finished and walk.complete
        assert [o.action for o in walk.outcomes] == ["kept"]
        assert "1 item passed over: already touched or snoozed." in card(app)


async def test_keeping_a_promise_without_a_touch_writes_no_note_and_keeps_the_rhythm_item(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    """The email that kept it is logged already: "keep" must not invent a second contact."""
    journal = make_journal()
    now = journal.clock.now()
    kim = journal.add_person("Kim Park", rhythm="1w")
    journal.bulk_save("test", people=[replace(kim, created=now - timedelta(days=30))])
    promise = journal.add_promise(kim.id, "send the book", date(2026, 10, 1))
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("w", "d")
        menu = app.screen
        assert isinstance(menu, PromiseMenu)
        options = menu.query_one("#promise-menu-options", OptionList)
        assert [str(options.get_option_at_index(i).prompt) for i in range(2)] == [
            "Keep — done; nothing else is written",
            "Keep and log a touch — a message “Kept: …”, flagged gave",
        ]
        await pilot.press("enter")  # the first choice: keep, no note
        await settle(pilot)
        data = app.journal.data()
        assert data.promises_by_id[promise.id].status == KEPT
        assert data.notes == ()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        # Kim's rhythm item is still due: keeping without a touch is not contact.
        assert (walk.item.person_name, walk.item.kind) == ("Kim Park", "rhythm")
        assert [(o.action, o.detail) for o in walk.outcomes] == [
            ("kept", "“send the book” (no note)")
        ]


async def test_a_quiet_week_says_so_kindly(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    journal = make_journal()
    kim = journal.add_person("Kim Park", rhythm="1m")
    journal.log_note([kim.id], "Coffee", kind="coffee", at=datetime.fromisoformat(
        "2026-11-25T09:00:00+01:00"
    ))  # fmt: skip
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(pilot)
        assert review.has_class("-quiet")
        assert NOTHING_DUE in str(review.query_one("#review-quiet", Static).render())
        await pilot.press("w")
        assert app.screen is review
        assert NOTHING_DUE in notifications(app)


async def test_the_review_follows_changes_on_disk(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        review = await open_review(pilot)
        assert review.review.this_week.count == 0
        other = Journal(demo_app.journal.path, demo_app.settings, demo_app.journal.clock)
        other.log_note([pid(demo_app, "Bruno Costa")], "Called from the shell")
        # The app notices within a second or two; the review follows the app's view.
        await wait_until(pilot, lambda: review.review.this_week.count == 1)


async def test_w_w_typed_quickly_still_starts_the_walk(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w", "w")  # the second w before the review is computed
        await wait_until(pilot, lambda: isinstance(demo_app.screen, WalkScreen))


async def test_tab_moves_between_the_due_list_and_the_sections(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        review = await open_review(pilot)
        assert review.query_one("#review-due").has_focus
        await pilot.press("tab")
        assert review.query_one("#review-sections").has_focus
        await pilot.press("tab")
        assert review.query_one("#review-due").has_focus


async def test_closing_at_once_is_safe(demo_app: RelateApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w", "escape")  # closed before the review came back
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(demo_app.screen, MainScreen)


async def test_user_text_is_shown_as_written(
    make_journal: Callable[..., Journal], config_file: Path
) -> None:
    journal = make_journal()
    odd = journal.add_person("[bold]Zed[/] \x1b[31mRed", rhythm="1w")
    journal.add_promise(odd.id, "send [link=x]this[/link]", date(2026, 11, 20))
    app = RelateApp(journal, config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        review = await open_review(pilot)
        promises = review.query_one("#review-promises", ReviewSection).plain
        assert "[bold]Zed[/] ␛[31mRed · send [link=x]this[/link]" in promises
        assert "\x1b" not in promises
        await pilot.press("w")
        assert "[bold]Zed[/]" in card(app) and "\x1b" not in card(app)
