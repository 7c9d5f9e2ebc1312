"""tracker's own export format (CSV and JSON): every field, loads exactly as typed.

Pure: rows in, text out, and back. `tracker import FILE --from tracker` reads what
`tracker export` writes, and a round trip through an empty database is byte-identical.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import IO, Any

from tracker.domain.errors import ImportFailed
from tracker.domain.exercise_def import ExerciseDef
from tracker.domain.model import SetKind, Side
from tracker.domain.names import MAX_LIFTER_NAME
from tracker.domain.text_safety import json_text
from tracker.domain.units import Unit, exact_text
from tracker.importers import values as limits
from tracker.importers.lifter_data_format import LifterData, read_lifter_data, sections
from tracker.importers.reader import csv_problem
from tracker.importers.records import ImportedSet, check_fits
from tracker.importers.values import Cells, T

COLUMNS = (
    "lifter", "session", "session_name", "session_started_at", "session_finished_at",
    "session_notes", "exercise", "side", "reps", "load", "unit", "bodyweight", "duration_s",
    "distance", "distance_unit", "rpe", "kind", "performed_at", "position", "note",
)
FORMAT_NAME = "tracker"
FORMAT_VERSION = 1
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); TAB
# and CR are on OWASP's list too, as some spreadsheets skip them before looking.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def definition_json(definition: ExerciseDef) -> dict[str, Any]:
    """The JSON object of an exercise the lifter made or changed, as an export carries it
    beside the sets; numbers as exact text ("0.45", never 0.45000001)."""

    def text(value: Decimal | None) -> str | None:
        return decimal_text(value) or None

    d = definition
    return asdict(d) | {
        "ratio": None if d.ratio is None else [text(d.ratio[0]), text(d.ratio[1])],
        "increment": text(d.increment),
        "sled": text(d.sled),
    }


def iso(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(UTC).isoformat()


def decimal_text(value: Decimal | None) -> str:
    return "" if value is None else exact_text(value)


def row_values(row: ImportedSet, lifter: str) -> dict[str, str]:
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
        "duration_s": decimal_text(row.duration_s),
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


def write_csv(rows: Iterable[ImportedSet], lifter: str, out: IO[str]) -> int:
    out.write(csv_line(COLUMNS))
    count = 0
    for row in rows:
        values = row_values(row, lifter)
        out.write(csv_line(neutralise(values[column]) for column in COLUMNS))
        count += 1
    return count


def write_json(
    rows: Iterable[ImportedSet],
    lifter: str,
    out: IO[str],
    exercises: Sequence[ExerciseDef] = (),
    unit: str | None = None,
    lifter_data: LifterData | None = None,
) -> int:
    """One JSON document: the lifter and their unit, their own exercise definitions, their
    weigh-ins, involved sides, routines and rests and the gym-wide settings, then the sets one
    by one (so memory stays flat however long the history)."""
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "lifter": lifter, "unit": unit}
    out.write(json_text(head)[:-1])
    write_list(out, "exercises", [definition_json(d) for d in exercises], sort_keys=True)
    for key, value in sections(lifter_data or LifterData()):
        if isinstance(value, list):
            write_list(out, key, value)
        else:
            out.write(f', "{key}": ' + json_text(value))
    count = write_list(out, "sets", (row_values(row, lifter) for row in rows))
    out.write("}\n")
    return count


def write_list(
    out: IO[str], key: str, items: Iterable[dict[str, Any]], sort_keys: bool = False
) -> int:
    """`, "key": [...]` with one object a line, written as they come; how many there were."""
    out.write(f', "{key}": [')
    count = 0
    for item in items:
        out.write(",\n  " if count else "\n  ")
        out.write(json_text(item, sort_keys=sort_keys))
        count += 1
    out.write("\n]" if count else "]")
    return count


def is_tracker_header(header: list[str]) -> bool:
    return [h.strip().lower() for h in header[:2]] == ["lifter", "session"]


def read_csv(stream: IO[str]) -> Iterator[ImportedSet]:
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
            raise ImportFailed(f"line {line}: {csv_problem(error)}") from None
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
    sets: Iterator[ImportedSet]
    lifter_data: LifterData = field(default_factory=LifterData)


def read_json(stream: IO[str]) -> JsonExport:
    """The lifter, exercise definitions, lifter data and sets of a tracker JSON export."""
    data = _load_json(stream)
    exercises = data.get("exercises", [])
    if not isinstance(exercises, list):
        raise ImportFailed('not a tracker JSON export ("exercises" is not a list)')
    lifter, unit = data.get("lifter"), data.get("unit")
    named = isinstance(lifter, str) and 0 < len(lifter.strip()) <= MAX_LIFTER_NAME
    if lifter is not None and not named:
        raise ImportFailed('not a tracker JSON export ("lifter" must be a name)')
    if unit not in (None, "kg", "lb"):
        raise ImportFailed('not a tracker JSON export ("unit" must be kg or lb)')
    # Checked before any set is read: a bad weigh-in fails before anything is stored.
    return JsonExport(lifter, unit, exercises, _json_sets(data), read_lifter_data(data))


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
    version = data.get("version", FORMAT_VERSION)  # none: hand-made, read as this version
    if type(version) is not int or version < 1:
        raise ImportFailed(f'not a tracker JSON export ("version" is {json.dumps(version)})')
    if version > FORMAT_VERSION:
        raise ImportFailed(
            f"format version {version} is newer than this tracker reads ({FORMAT_VERSION}): "
            "update tracker to import it"
        )
    return data


def _json_sets(data: dict[str, Any]) -> Iterator[ImportedSet]:
    sets = data.get("sets", [])
    if not isinstance(sets, list):
        raise ImportFailed('not a tracker JSON export ("sets" is not a list)')
    for index, row in enumerate(sets, 1):
        if not isinstance(row, dict):
            raise ImportFailed(f"set {index}: not an object")
        values = {str(k): "" if v is None else str(v) for k, v in row.items()}
        yield parse_row(values, index, place=f"set {index}")


COLUMN = {name: index for index, name in enumerate(COLUMNS)}


FLAGS = {"1": True, "true": True, "0": False, "false": False, "": False}


def _flag(cells: Cells, column: int) -> bool:
    """1 or 0 as the export writes it (true or false too); anything else is refused, never
    read as 0."""
    text = (cells.text(column) or "").lower()
    if text not in FLAGS:
        raise cells.fail(column, f'can\'t read "{cells.text(column)}" (write 1 or 0)')
    return FLAGS[text]


def parse_row(row: dict[str, str], line: int, place: str | None = None) -> ImportedSet:
    """One row of a tracker export; errors name ``place`` (default "line LINE") and the column.

    Read through the same cells as the app exports, with their limits (those of `tracker log`).
    Names and notes are kept exactly as written, so that a round trip is byte-identical.
    """
    where = place or f"line {line}"
    for name in COLUMNS:
        if name not in row:
            raise ImportFailed(f'{where}, column "{name}": missing')
    cells = Cells(line, [row[name] for name in COLUMNS], COLUMNS, False, place)

    def needed(name: str, value: T | None) -> T:
        return cells.need(COLUMN[name], value)

    def checked(name: str, check: Callable[[Any], T], value: Any) -> T:
        try:
            return check(value)
        except ValueError as error:
            raise cells.fail(COLUMN[name], str(error)) from None

    bodyweight = _flag(cells, COLUMN["bodyweight"])
    load = needed("load", cells.number(COLUMN["load"]))
    load, rounded = checked("load", lambda v: limits.check_load(v, bodyweight), load)
    rpe = cells.number(COLUMN["rpe"])
    for name in ("lifter", "session_name", "session_notes", "note"):
        cells.verbatim(COLUMN[name])  # a NUL anywhere fails, naming its column
    imported = ImportedSet(
        line=line,
        session_key=needed("session", cells.text(COLUMN["session"])),
        lifter=cells.text(COLUMN["lifter"]),
        session_name=cells.verbatim(COLUMN["session_name"]),
        started_at=needed("session_started_at", cells.instant(COLUMN["session_started_at"])),
        finished_at=cells.instant(COLUMN["session_finished_at"]),
        session_notes=cells.verbatim(COLUMN["session_notes"]),
        exercise=needed("exercise", cells.text(COLUMN["exercise"])),
        side=cells.choice(COLUMN["side"], Side, "side"),
        reps=needed("reps", cells.reps(COLUMN["reps"])),
        load=load,
        unit=needed("unit", cells.choice(COLUMN["unit"], Unit, "unit")),
        bodyweight=bodyweight,
        duration_s=cells.duration(COLUMN["duration_s"]),
        distance=cells.number(COLUMN["distance"]),
        distance_unit=cells.text(COLUMN["distance_unit"]),
        rpe=None if rpe is None else checked("rpe", limits.check_rpe, rpe),
        kind=needed("kind", cells.choice(COLUMN["kind"], SetKind, "kind")),
        performed_at=needed("performed_at", cells.instant(COLUMN["performed_at"])),
        position=needed("position", cells.count(COLUMN["position"], limits.MAX_COUNT)),
        note=cells.verbatim(COLUMN["note"]),
        rounded=rounded or cells.rounded,
    )
    return check_fits(imported, where)
