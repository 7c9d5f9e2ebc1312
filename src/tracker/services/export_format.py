"""tracker's own export format (CSV and JSON): every field, loads exactly as typed.

Pure: rows in, text out, and back. `tracker import FILE --from tracker` reads what
`tracker export` writes, and a round trip through an empty database is byte-identical.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from tracker.domain.errors import ImportFailed
from tracker.domain.model import SetKind, Side
from tracker.domain.units import Unit
from tracker.importers import values as limits

COLUMNS = (
    "lifter", "session", "session_name", "session_started_at", "session_finished_at",
    "session_notes", "exercise", "side", "reps", "load", "unit", "bodyweight", "duration_s",
    "distance", "distance_unit", "rpe", "kind", "performed_at", "position", "note",
)  # fmt: skip
FORMAT_NAME = "tracker"
FORMAT_VERSION = 1
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); TAB
# and CR are on OWASP's list too, as some spreadsheets skip them before looking.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What the database columns hold; longer text would be refused half-way through an import.
MAX_NAME = 200  # exercise and session names
MAX_SESSION_KEY = 300
MAX_DISTANCE_UNIT = 5
# Numbers: the importers' limits (those of `tracker log`), one set for every file format.
MAX_NUMBER = limits.MAX_NUMBER
MAX_COUNT = limits.MAX_COUNT
MAX_SECONDS = limits.MAX_SECONDS


@dataclass(frozen=True, slots=True)
class IncomingSet:
    """One set to store, whatever file it came from."""

    line: int
    session_key: str
    session_name: str | None
    started_at: datetime
    finished_at: datetime | None
    session_notes: str | None
    exercise: str
    side: Side | None
    reps: int
    load: Decimal
    unit: Unit
    bodyweight: bool
    duration_s: int | None
    distance: Decimal | None
    distance_unit: str | None
    rpe: Decimal | None
    kind: SetKind
    performed_at: datetime
    position: int
    note: str | None
    lifter: str | None = None  # tracker exports name whose sets they are
    rounded: bool = False  # the file's load or distance had more than 3 decimals


def iso(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(UTC).isoformat()


def decimal_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def row_values(row: IncomingSet, lifter: str) -> dict[str, str]:
    return {
        "lifter": lifter,
        "session": row.session_key,
        "session_name": row.session_name or "",
        "session_started_at": iso(row.started_at),
        "session_finished_at": iso(row.finished_at),
        "session_notes": row.session_notes or "",
        "exercise": row.exercise,
        "side": row.side.value if row.side else "",
        "reps": str(row.reps),
        "load": decimal_text(row.load),
        "unit": row.unit.value,
        "bodyweight": "1" if row.bodyweight else "0",
        "duration_s": "" if row.duration_s is None else str(row.duration_s),
        "distance": decimal_text(row.distance),
        "distance_unit": row.distance_unit or "",
        "rpe": decimal_text(row.rpe),
        "kind": row.kind.value,
        "performed_at": iso(row.performed_at),
        "position": str(row.position),
        "note": row.note or "",
    }


def neutralise(cell: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula.

    A cell that already starts with quotes before such a sign ("'=x") gets one more, so that
    `restore` can tell it from a neutralised one: every cell survives the round trip.
    """
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def restore(cell: str) -> str:
    """Undo `neutralise`."""
    quoted = cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS)
    return cell[1:] if quoted else cell


def csv_cell(cell: str) -> str:
    """RFC 4180 quoting. The csv module's writer leaves a lone CR unquoted when lines end in
    LF, and a reader then splits the row there: every cell with a CR or LF is quoted here."""
    if any(char in cell for char in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_line(cells: Iterable[str]) -> str:
    return ",".join(csv_cell(cell) for cell in cells) + "\n"


def write_csv(rows: Iterable[IncomingSet], lifter: str, out: IO[str]) -> int:
    out.write(csv_line(COLUMNS))
    count = 0
    for row in rows:
        values = row_values(row, lifter)
        out.write(csv_line(neutralise(values[column]) for column in COLUMNS))
        count += 1
    return count


def write_json(
    rows: Iterable[IncomingSet],
    lifter: str,
    out: IO[str],
    exercises: Sequence[dict[str, Any]] = (),
    unit: str | None = None,
) -> int:
    """One JSON document: the lifter and their unit, their own exercise definitions, then the
    sets one by one (so memory stays flat however long the history)."""
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "lifter": lifter, "unit": unit}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "exercises": [')
    for index, definition in enumerate(exercises):
        out.write(",\n  " if index else "\n  ")
        out.write(json.dumps(definition, ensure_ascii=False, sort_keys=True))
    out.write('\n], "sets": [' if exercises else '], "sets": [')
    count = 0
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(row_values(row, lifter), ensure_ascii=False))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count


def is_tracker_header(header: list[str]) -> bool:
    return [h.strip().lower() for h in header[:2]] == ["lifter", "session"]


def read_csv(stream: IO[str]) -> Iterator[IncomingSet]:
    reader = csv.reader(stream, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:  # e.g. a first line over the field size limit
        raise ImportFailed(f"line 1: not a tracker export ({error})") from None
    if header is None or not is_tracker_header(header):
        raise ImportFailed("line 1: not a tracker export (the header should start lifter,session)")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFailed(f'line 1: the tracker export lacks the column "{missing[0]}"')
    while True:
        line = reader.line_num + 1  # where the row starts (a note may span lines)
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                raise ImportFailed(
                    f"line {line}: the file ends inside a quoted value (is it cut off?)"
                ) from None
            raise ImportFailed(f"line {line}: can't read the row: {error}") from None
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            column = header[min(len(values), len(header) - 1)]
            raise ImportFailed(
                f'line {line}, column "{column}": the row has {len(values)} of '
                f"{len(header)} columns"
            )
        yield parse_row(dict(zip(header, (restore(v) for v in values), strict=True)), line)


@dataclass(frozen=True)
class JsonExport:
    lifter: str | None
    unit: str | None
    exercises: list[Any]
    sets: Iterator[IncomingSet]


def read_json(stream: IO[str]) -> JsonExport:
    """The lifter, exercise definitions and sets of a tracker JSON export."""
    data = _load_json(stream)
    exercises = data.get("exercises", [])
    if not isinstance(exercises, list):
        raise ImportFailed('not a tracker JSON export ("exercises" is not a list)')
    lifter, unit = data.get("lifter"), data.get("unit")
    if lifter is not None and (not isinstance(lifter, str) or not 0 < len(lifter.strip()) <= 100):
        raise ImportFailed('not a tracker JSON export ("lifter" must be a name)')
    if unit not in (None, "kg", "lb"):
        raise ImportFailed('not a tracker JSON export ("unit" must be kg or lb)')
    return JsonExport(lifter, unit, exercises, _json_sets(data))


def _load_json(stream: IO[str]) -> dict[str, Any]:
    try:
        data = json.load(stream)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise ImportFailed("not a tracker JSON export (its values are nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ImportFailed('not a tracker JSON export (no "format": "tracker")')
    return data


def _json_sets(data: dict[str, Any]) -> Iterator[IncomingSet]:
    sets = data.get("sets", [])
    if not isinstance(sets, list):
        raise ImportFailed('not a tracker JSON export ("sets" is not a list)')
    for index, row in enumerate(sets, 1):
        if not isinstance(row, dict):
            raise ImportFailed(f"set {index}: not an object")
        values = {str(k): "" if v is None else str(v) for k, v in row.items()}
        yield parse_row(values, index, place=f"set {index}")


def check_fits(row: IncomingSet, place: str) -> None:
    """Text the database columns cannot hold fails here, naming the row, not half-way in SQL."""
    limits = (
        ("exercise name", row.exercise, MAX_NAME),
        ("session name", row.session_name, MAX_NAME),
        ("session key", row.session_key, MAX_SESSION_KEY),
        ("distance unit", row.distance_unit, MAX_DISTANCE_UNIT),
    )
    for what, text, limit in limits:
        if text is not None and len(text) > limit:
            raise ImportFailed(f"{place}: the {what} is longer than {limit} characters")


def parse_row(row: dict[str, str], line: int, place: str | None = None) -> IncomingSet:
    """One row of a tracker export; errors name ``place`` (default "line LINE") and the column."""
    where = place or f"line {line}"

    def field(name: str) -> str:
        if name not in row:
            raise ImportFailed(f'{where}, column "{name}": missing')
        return row[name].strip()

    def fail(name: str, problem: str) -> ImportFailed:
        return ImportFailed(f'{where}, column "{name}": {problem} "{row.get(name, "")}"')

    def bounded(name: str, value: Decimal | None, low: Decimal, high: Decimal) -> None:
        if value is not None and not low <= value <= high:
            raise fail(name, f"out of range ({low} to {high}):")

    def number(name: str, optional: bool = True) -> Decimal | None:
        text = field(name)
        if not text and optional:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise fail(name, "can't read number") from None
        if not value.is_finite():
            raise fail(name, "can't read number")
        return value

    def integer(name: str) -> int | None:
        value = number(name)
        if value is None:
            return None
        if value != value.to_integral_value():
            raise fail(name, "expected a whole number, got")
        return int(value)

    def moment(name: str, optional: bool = False) -> datetime | None:
        text = field(name)
        if not text and optional:
            return None
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise fail(name, "can't read time") from None
        if parsed.tzinfo is None:
            raise fail(name, "time without a zone")
        try:
            return limits.check_moment(parsed.astimezone(UTC))
        except (ValueError, OverflowError) as error:
            raise fail(name, f"{error}:") from None

    def choice(name: str, make: Any) -> Any:
        try:
            return make(field(name))
        except ValueError:
            raise fail(name, "unknown value") from None

    started = moment("session_started_at")
    performed = moment("performed_at")
    assert started is not None and performed is not None
    load = number("load", optional=False)
    reps = integer("reps")
    position = integer("position")
    for name, value in (("load", load), ("reps", reps), ("position", position)):
        if value is None:
            raise fail(name, "missing value")
    assert reps is not None and position is not None and load is not None
    duration = integer("duration_s")
    distance = number("distance")
    rpe = number("rpe")

    def checked(name: str, check: Any, value: Any) -> Any:
        try:
            return check(value)
        except ValueError as error:
            raise ImportFailed(f'{where}, column "{name}": {error}') from None

    bodyweight = field("bodyweight") in ("1", "true", "True")
    load, rounded = checked("load", lambda v: limits.check_load(v, bodyweight), load)
    checked("reps", limits.check_reps, reps)
    if rpe is not None:
        checked("rpe", limits.check_rpe, rpe)
    bounded("distance", distance, -MAX_NUMBER, MAX_NUMBER)
    if distance is not None:
        distance, rounded_distance = limits.stored_decimal(distance)
        rounded |= rounded_distance
    bounded("position", Decimal(position), Decimal(0), Decimal(MAX_COUNT))
    bounded("duration_s", None if duration is None else Decimal(duration), Decimal(0),
            Decimal(MAX_SECONDS))  # fmt: skip
    for name in COLUMNS:
        if "\x00" in row.get(name, ""):
            raise ImportFailed(f'{where}, column "{name}": contains a NUL character')
    session_key = field("session")
    exercise = field("exercise")
    if not session_key:
        raise fail("session", "missing value")
    if not exercise:
        raise fail("exercise", "missing value")
    incoming = IncomingSet(
        line=line,
        session_key=session_key,
        lifter=row.get("lifter", "").strip() or None,
        session_name=row.get("session_name") or None,
        started_at=started,
        finished_at=moment("session_finished_at", optional=True),
        session_notes=row.get("session_notes") or None,
        exercise=exercise,
        side=choice("side", lambda v: Side(v) if v else None),
        reps=reps,
        load=load,
        unit=choice("unit", Unit),
        bodyweight=bodyweight,
        duration_s=duration,
        distance=distance,
        distance_unit=field("distance_unit") or None,
        rpe=rpe,
        kind=choice("kind", SetKind),
        performed_at=performed,
        position=position,
        note=row.get("note") or None,
        rounded=rounded,
    )
    check_fits(incoming, where)
    return incoming
