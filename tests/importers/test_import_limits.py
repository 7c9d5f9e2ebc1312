"""Issue 21: a file to import is read in bounded memory, up to a size and a line length; beyond
them one line says so (a device such as /dev/zero, a 1 GB file, a 10 MB line)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import Tracker
from tracker.domain.errors import ImportFailed
from tracker.importers import input_file
from tracker.importers.input_file import open_text

EXE = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")
STRONG = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n"
ROW = "2024-11-28 17:36:08,Legs,Leg Press,{n},100,10\n"
ZERO = Path("/dev/zero")
needs_dev_zero = pytest.mark.skipif(not ZERO.exists(), reason="no /dev/zero")
LONG_LINE = "over 4 MiB without a line break, more than an import reads: is it the right file?"


def too_big(name: object, limit: str = "256 MiB") -> str:
    return (
        f"Error: {name} is over {limit}, more than an import reads (ten years of training is "
        "about 110 MiB): is it the right file?"
    )


@needs_dev_zero
@pytest.mark.skipif(EXE is None, reason="the tracker console script is not installed")
@pytest.mark.parametrize("command", [["import"], ["exercises", "import"]])
def test_the_installed_tracker_stops_reading_dev_zero_with_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    assert EXE is not None
    env = {**os.environ, "TRACKER_DB": str(tmp_path / "t.db"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [EXE, *command, str(ZERO)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a safety net only: the line limit is what stops it (the message says so)
        stdin=subprocess.DEVNULL,
    )
    assert (result.returncode, result.stdout) == (1, "")
    named = f"{ZERO}: " if command == ["import"] else ""  # `tracker import` names its file
    assert result.stderr == f"Error: {named}line 1: {LONG_LINE}\n"


def test_a_ten_megabyte_line_stops_the_import_with_its_line_number(
    tracker: Tracker, tmp_path: Path
) -> None:
    path = tmp_path / "long.csv"
    path.write_text(STRONG + ROW.format(n=1) + "x" * 10_000_000 + "\n", encoding="utf-8")
    assert tracker.fails("import", str(path)) == f"Error: {path}: line 3: {LONG_LINE}"
    assert tracker.json("session", "list") == []  # nothing stored


def test_a_one_gigabyte_file_is_refused_by_its_size_before_it_is_read(
    sqlite_tracker: Tracker, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:  # sparse: 1 GiB that takes no disk space
        handle.write((STRONG + ROW.format(n=1)).encode())
        handle.truncate(2**30)
    for command in (["import"], ["import", "--from", "tracker"], ["exercises", "import"]):
        assert sqlite_tracker.fails(*command, str(path)) == too_big(path)


def test_a_file_of_sets_over_a_smaller_limit_stores_nothing(
    tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sets.csv"
    rows = "".join(ROW.format(n=n) for n in range(1, 101))
    path.write_text(STRONG + rows, encoding="utf-8")
    size = path.stat().st_size
    monkeypatch.setattr(input_file, "MAX_BYTES", size - 1)
    assert tracker.fails("import", str(path)) == too_big(path, f"{size - 1:,} bytes")
    assert tracker.json("session", "list") == []
    monkeypatch.setattr(input_file, "MAX_BYTES", size)
    assert "Imported 100 sets in 1 session" in tracker.ok("import", str(path)).stdout


@needs_dev_zero
def test_a_device_is_stopped_by_the_size_limit_while_it_is_read(
    sqlite_tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A device has no size to check first: the bytes read are counted.
    monkeypatch.setattr(input_file, "MAX_BYTES", 2**20)
    monkeypatch.setattr(input_file, "MAX_LINE_BYTES", 2**30)
    for command in (["import", "--from", "strong"], ["import"], ["exercises", "import"]):
        assert sqlite_tracker.fails(*command, str(ZERO)) == too_big(ZERO, "1 MiB")


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_long_line_is_found_whatever_the_line_ends_and_the_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    monkeypatch.setattr(input_file, "MAX_LINE_BYTES", 10)
    path = tmp_path / "lines.txt"
    lines = ["a" * 10, "", "b" * 9, "c" * 10, "d" * 11, "e"]
    path.write_bytes(ending.join(lines).encode())
    raw, chunk = input_file._Bounded(path), bytearray(3)  # reads that split lines and CR LF
    with raw, pytest.raises(ImportFailed) as caught:
        while raw.readinto(chunk):
            pass
    assert str(caught.value).startswith("line 5: over 10 bytes without a line break")
    monkeypatch.setattr(input_file, "MAX_LINE_BYTES", 11)
    with open_text(path) as text:
        assert text.read().splitlines() == lines  # at the limit: read whole, one BOM-less text
