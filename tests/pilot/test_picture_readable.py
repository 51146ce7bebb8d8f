"""The relationship picture reads without colour and in the high-contrast theme: the
quietest month on a person's card and the quietest week in the review stand out from the
background as clearly as text must (3:1, WCAG's floor for graphics), not as a shadow."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widgets import Sparkline

from relate_tui.app import RelateApp
from relate_tui.app.widgets.activity import MonthStrip, WeekChart
from relate_tui.settings import Settings
from tests.pilot.conftest import settle
from tests.pilot.test_review_screen import open_review


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, other: Color) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def quietest_bar_contrast(spark: Sparkline, no_color: bool) -> float:
    """How the faintest bar a sparkline draws stands out from its background, as seen
    (NO_COLOR shows every colour as its grey, Textual's monochrome filter)."""
    _, base = spark.background_colors
    faint = base + spark.get_component_styles("sparkline--min-color").color
    if no_color:
        faint, base = faint.monochrome, base.monochrome
    return contrast(faint, base)


@pytest.mark.parametrize("how", ["NO_COLOR", "relate-high-contrast"])
async def test_the_quietest_month_and_week_are_plain_to_see(
    make_journal, config_file, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    no_color = how == "NO_COLOR"
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    settings = Settings() if no_color else Settings(theme=how)
    app = RelateApp(make_journal(settings, demo=True), config_file=config_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color is no_color and (no_color or app.theme == how)
        strips = app.screen.query_one(MonthStrip).query(Sparkline)
        assert [round(quietest_bar_contrast(s, no_color), 1) >= 3 for s in strips] == [True] * 2
        await open_review(pilot)
        await pilot.pause()
        week = app.screen.query_one(WeekChart).query_one(Sparkline)
        assert quietest_bar_contrast(week, no_color) >= 3
