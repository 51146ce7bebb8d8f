"""The core's layers point one way: domain imports nothing of the project, storage only the
domain, journal no front door, and the settings satisfy the rules the domain asks for."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import relate_tui
from relate_tui.domain.rules import QueueRules
from relate_tui.settings import Settings

PACKAGE = Path(relate_tui.__file__).parent

ALLOWED = {
    "domain": {"domain"},
    "storage": {"domain", "storage"},
    "journal": {"domain", "storage", "journal", "settings"},
    "interop": {"domain", "storage", "interop"},
}
"""Layer -> the parts of ``relate_tui`` it may import."""
TYPE_ONLY_ALLOWED = {"interop": {"journal", "settings"}}
"""What a layer may also import under ``if TYPE_CHECKING:``, for annotations only."""
THIRD_PARTY_FORBIDDEN = {
    "domain": {"tinydb", "textual", "rich", "vobject", "icalendar"},
    "storage": {"textual", "rich", "vobject", "icalendar"},
    "journal": {"tinydb", "textual", "rich", "vobject", "icalendar"},
    "interop": {"tinydb", "textual", "rich"},
}


def _imports(path: Path, *, type_checking: bool) -> set[str]:
    """Modules ``path`` imports: all of them, or only those outside ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped: set[int] = set()
    if not type_checking:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(n) for child in node.body for n in ast.walk(child))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_what_lies_below_it(layer: str) -> None:
    wrong = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        runtime = _imports(path, type_checking=False)
        for module in _imports(path, type_checking=True):
            top, _, rest = module.partition(".")
            if top == "relate_tui" and rest:  # the bare package holds only __version__
                part = rest.split(".")[0]
                allowed = ALLOWED[layer]
                if module not in runtime:
                    allowed = allowed | TYPE_ONLY_ALLOWED.get(layer, set())
                if part not in allowed:
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
            elif top in THIRD_PARTY_FORBIDDEN[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert wrong == []


def test_settings_satisfy_the_queue_rules() -> None:
    members = sorted(n for n in vars(QueueRules) if not n.startswith("_"))
    assert members == ["horizon_days", "lead_days", "tiers", "week_start"]
    rules: QueueRules = Settings()  # what a type checker checks; the loop checks at run time
    for name in members:
        assert hasattr(rules, name), name
