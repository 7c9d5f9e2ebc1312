"""A run where PYTHONDONTWRITEBYTECODE is set keeps its bytecode in a private folder of its own
(tests/helpers/bytecode_cache.py), for its own processes and the ones they start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.bytecode_cache import NO_BYTECODE_ENV, PREFIX_ENV, keep_bytecode


@pytest.fixture
def no_bytecode(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as PYTHONDONTWRITEBYTECODE=1 starts it (restored after the test)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setenv(NO_BYTECODE_ENV, "1")
    monkeypatch.delenv(PREFIX_ENV, raising=False)


@pytest.mark.usefixtures("no_bytecode")
def test_bytecode_goes_to_a_private_folder_and_subprocesses_use_it(tmp_path: Path) -> None:
    folder = keep_bytecode(str(tmp_path))
    assert folder is not None and folder.parent == tmp_path
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (sys.pycache_prefix, sys.dont_write_bytecode) == (str(folder), False)
    assert os.environ[PREFIX_ENV] == str(folder) and NO_BYTECODE_ENV not in os.environ
    source = tmp_path / "src" / "probe_module.py"
    source.parent.mkdir()
    source.write_text("VALUE = 1\n")
    subprocess.run([sys.executable, "-c", "import probe_module"], check=True,
                   env={**os.environ, "PYTHONPATH": str(source.parent)})  # fmt: skip
    assert list(folder.rglob("probe_module.*.pyc")) != []  # kept, for the next run
    assert not (source.parent / "__pycache__").exists()  # never in the source tree


@pytest.mark.usefixtures("no_bytecode")
def test_a_folder_others_can_write_to_is_not_used(tmp_path: Path) -> None:
    user = os.getuid() if hasattr(os, "getuid") else "user"
    planted = tmp_path / f"tracker-tests-bytecode-{user}"
    planted.mkdir()
    planted.chmod(0o777)  # anyone could put bytecode there for the run to execute
    assert keep_bytecode(str(tmp_path)) is None
    assert (sys.pycache_prefix, sys.dont_write_bytecode) == (None, True)
    assert os.environ[NO_BYTECODE_ENV] == "1" and PREFIX_ENV not in os.environ


def test_nothing_changes_where_bytecode_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    assert keep_bytecode(str(tmp_path)) is None
    assert sys.pycache_prefix is None and list(tmp_path.iterdir()) == []
