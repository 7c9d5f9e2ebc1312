"""The suite's own rules (README, "Tests"): test modules are named by what they test and share
code only through tests/helpers/ (and tests/fakes.py); conftest.py files hold fixtures."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
MODULES = sorted(TESTS.rglob("*.py"))


def foreign_imports(path: Path) -> list[str]:
    """The `tests.` modules a file imports, at any depth, other than the shared ones."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    shared = re.compile(r"tests\.(helpers(\.\w+)?|fakes)$")
    return [n for n in names if (n == "tests" or n.startswith("tests.")) and not shared.match(n)]


def test_shared_code_comes_from_helpers_only() -> None:
    found = {str(path.relative_to(TESTS)): foreign_imports(path) for path in MODULES}
    assert {name: modules for name, modules in found.items() if modules} == {}


def test_no_module_is_named_after_an_issue() -> None:
    assert [p.name for p in MODULES if re.search(r"issue_?\d", p.name)] == []


def test_the_rules_see_a_violation(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "from tests.conftest import Tracker\nfrom tests.helpers.cli import Tracker\n"
        "def f():\n    import tests.integration.test_x\n"
    )
    assert foreign_imports(sample) == ["tests.conftest", "tests.integration.test_x"]
