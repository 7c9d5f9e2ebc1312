"""Rows that cannot be read stop the import with the line and the column to fix."""

from __future__ import annotations

import csv
import io
from datetime import UTC
from pathlib import Path

import pytest

from tracker.domain.errors import ImportFailed
from tracker.domain.units import Unit
from tracker.importers import read_export

REPO = Path(__file__).resolve().parents[2]
STRONG_SAMPLE = (REPO / ".." / "shared" / "data" / "exports" / "strong-sample.csv").resolve()
STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
GOOD = '2024-11-28 17:36:08,"B",35m,"Bent Over Row (Barbell)",1,10.0,13.0,0,0.0,\n'
HEVY = (
    '"title","start_time","end_time","exercise_title","set_index","set_type","weight_kg","reps"\n'
)


def strong_lines() -> list[str]:
    if not STRONG_SAMPLE.exists():
        pytest.skip(f"{STRONG_SAMPLE} is absent (the shared data folder sits beside the checkout)")
    return STRONG_SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)


def import_all(text: str, fmt: str | None = None) -> int:
    return sum(1 for _ in read_export(io.StringIO(text), fmt, Unit.KG, UTC))


def failure(text: str) -> str:
    with pytest.raises(ImportFailed) as caught:
        import_all(text)
    return str(caught.value)


def test_garbled_number_in_the_strong_sample_names_line_and_column() -> None:
    lines = strong_lines()
    cells = next(csv.reader([lines[56]]))
    cells[5] = "6O.5"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    lines[56] = out.getvalue()
    assert failure("".join(lines)) == 'line 57, column "Weight": can\'t read number "6O.5"'


def test_row_cut_off_in_the_strong_sample_names_the_first_missing_column() -> None:
    lines = strong_lines()
    assert len(lines) == 251
    lines[250] = ",".join(next(csv.reader([lines[250]]))[:6])
    assert failure("".join(lines)) == (
        'line 251, column "Reps": missing value (the row has 6 of 10 columns)'
    )


def test_sets_before_the_bad_row_are_yielded_first() -> None:
    reader = read_export(io.StringIO(STRONG + GOOD + GOOD.replace("13.0", "x")), None, Unit.KG, UTC)
    sets = iter(reader)
    assert next(sets).line == 2
    with pytest.raises(ImportFailed, match=r'^line 3, column "Reps": can\'t read number "x"$'):
        next(sets)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("2024-11-28 17:36:08", "2024-13-45 17:36"),
         'line 2, column "Date": can\'t read date "2024-13-45 17:36"'),
        (GOOD.replace("2024-11-28 17:36:08", "17:36"),
         'line 2, column "Date": can\'t read date "17:36"'),
        (GOOD.replace("2024-11-28 17:36:08", ""), 'line 2, column "Date": missing value'),
        (GOOD.replace("35m", "35 lightyears"),
         'line 2, column "Duration": can\'t read duration "35 lightyears"'),
        (GOOD.replace(",1,", ",X,"),
         'line 2, column "Set Order": can\'t read set order "X" (number, W, D or F)'),
        (GOOD.replace("13.0", "12.5"), 'line 2, column "Reps": can\'t read whole number "12.5"'),
        (GOOD.replace("13.0", "-3"), 'line 2, column "Reps": negative number "-3"'),
        (GOOD.replace("10.0", "1e3"), 'line 2, column "Weight": can\'t read number "1e3"'),
        (GOOD.replace("10.0", '"10,5"'),
         'line 2, column "Weight": can\'t read number "10,5"'),
        (GOOD.replace("0.0,\n", "0.0,11\n"),
         'line 2, column "RPE": RPE "11" is not 1 to 10 in half points'),
        (GOOD.replace("13.0", "5000"),
         'line 2, column "Reps": reps "5000" is outside 0-100 (the limits of tracker log)'),
        (GOOD.replace("10.0", "999999"),
         'line 2, column "Weight": load "999999" is outside 0-2000 (the limits of tracker log)'),
        (GOOD.replace("2024-11-28", "1800-11-28"),
         'line 2, column "Date": time 1800-11-28 17:36 is before 1900'),
        (GOOD.replace("2024-11-28", "2099-11-28"),
         'line 2, column "Date": time 2099-11-28 17:36 UTC is in the future'),
        (GOOD.replace('"B"', '"B\x00"'),
         'line 2, column "Workout Name": contains a NUL character (is the file binary or '
         "damaged?)"),
        (GOOD.replace("10.0", "10,5"),
         'line 2, column 11: the row has 11 of 10 columns (is a "," inside a value not quoted?)'),
        ('2024-11-28 17:36:08,"B",35m,"Bent Over', "line 2: the file ends inside a quoted value "
         "(is it cut off?)"),
        ('2024-11-28 17:36:08,"B"x,35m', 'line 2: can\'t read the row: \',\' expected after \'"\''),
    ],
)
def test_unreadable_strong_rows(row: str, message: str) -> None:
    assert failure(STRONG + GOOD + row).replace("line 3", "line 2") == message


def test_a_trailing_delimiter_on_every_line_is_fine() -> None:
    assert import_all(STRONG.replace("\n", ",\n") + GOOD.replace("\n", ",\n")) == 1


def test_hevy_errors_name_hevy_columns() -> None:
    row = '"A","1 Feb 2024, 10:00","1 Feb 2024, 11:00","Curl",0,"{kind}",{weight},10\n'
    assert failure(HEVY + row.format(kind="superset", weight="20")) == (
        'line 2, column "set_type": unknown set type "superset" (normal, warmup, dropset, failure)'
    )
    assert failure(HEVY + row.format(kind="normal", weight="2O")) == (
        'line 2, column "weight_kg": can\'t read number "2O"'
    )


def test_fitnotes_bad_unit_and_missing_exercise() -> None:
    header = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
    assert failure(header + "2024-02-01,Squat,Legs,100,stone,5,,,,\n") == (
        'line 2, column "Weight Unit": can\'t read weight unit "stone" (use kg or lb)'
    )
    assert failure(header + "2024-02-01,,Legs,100,kgs,5,,,,\n") == (
        'line 2, column "Exercise": missing value'
    )


def test_text_that_is_not_utf8() -> None:
    raw = io.BytesIO(STRONG.encode() + GOOD.replace("Row", "R\xf6w").encode("latin-1"))
    with pytest.raises(ImportFailed) as caught:
        sum(1 for _ in read_export(io.TextIOWrapper(raw, "utf-8"), None, Unit.KG, UTC))
    # tracker has no option naming an encoding: the advice is only what can be done
    assert str(caught.value) == "the file is not utf-8 text (export it again as UTF-8)"
    header = io.TextIOWrapper(io.BytesIO("Dat\xe9,Exercise\n".encode("latin-1")), "utf-8")
    with pytest.raises(ImportFailed) as caught:
        read_export(header, None, Unit.KG, UTC)
    assert str(caught.value) == "the file is not utf-8 text (export it again as UTF-8)"


def test_empty_file() -> None:
    with pytest.raises(ImportFailed, match="line 1: the file is empty"):
        read_export(io.StringIO(""), None, Unit.KG, UTC)


def test_a_blank_first_line_is_named_not_called_empty() -> None:
    with pytest.raises(ImportFailed, match="^line 1 is blank: an export starts with its header"):
        read_export(io.StringIO("\n" + STRONG + GOOD), None, Unit.KG, UTC)
