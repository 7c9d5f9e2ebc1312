"""docs/architecture.md's module map names every module of src/tracker, and only real ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = ROOT / "docs" / "architecture.md"
PACKAGE = ROOT / "src" / "tracker"
PACKAGES = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def map_section(package: str) -> str:
    """The text under `### PACKAGE/ ...` of the module map, up to the next heading."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    match = re.search(rf"^### {package}/.*?\n(.*?)(?=^#)", text, flags=re.S | re.M)
    assert match, f"docs/architecture.md has no module map section ### {package}/"
    return match.group(1)


def named_modules(section: str) -> set[str]:
    """Module file names the section names on their own, as `name.py`."""
    return set(re.findall(r"`([a-z_0-9]+\.py)`", section))


@pytest.mark.parametrize("package", PACKAGES)
def test_the_module_map_names_every_module(package: str) -> None:
    modules = {p.name for p in (PACKAGE / package).rglob("*.py")} - {"__init__.py"}
    missing = modules - named_modules(map_section(package))
    assert not missing, f"docs/architecture.md does not describe {package}/{sorted(missing)}"


@pytest.mark.parametrize("package", PACKAGES)
def test_the_module_map_names_only_real_modules(package: str) -> None:
    modules = {p.name for p in (PACKAGE / package).rglob("*.py")}
    stale = named_modules(map_section(package)) - modules
    assert not stale, f"docs/architecture.md describes {package}/{sorted(stale)}: gone"


def test_the_map_check_finds_a_missing_module() -> None:
    section = "- `tables.py`: the schema.\n- `orm.py`, `types.py`: the classes; see `db/x.py`.\n"
    assert named_modules(section) == {"tables.py", "orm.py", "types.py"}
