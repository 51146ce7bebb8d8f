"""The settings satisfy the rules the domain asks for (the domain never imports them; the
import contracts in pyproject.toml keep the layers pointing one way)."""

from __future__ import annotations

from relate_tui.domain.rules import QueueRules
from relate_tui.settings import Settings


def test_settings_satisfy_the_queue_rules() -> None:
    members = sorted(n for n in vars(QueueRules) if not n.startswith("_"))
    assert members == ["horizon_days", "lead_days", "tiers", "week_start"]
    rules: QueueRules = Settings()  # what a type checker checks; the loop checks at run time
    for name in members:
        assert hasattr(rules, name), name
