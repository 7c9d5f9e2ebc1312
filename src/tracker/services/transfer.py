"""Import from other apps and from tracker's own export; export everything."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path
from typing import IO, Any

from tracker.adapters.orm import Exercise, Lifter
from tracker.adapters.repository import LifterRows, TransferRows
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.bodyweight import bodyweight_text
from tracker.domain.errors import ImportFailed, RowRefused
from tracker.domain.model import DEFAULT_LIFTER, Laterality
from tracker.domain.text_safety import holds_controls, texts_with_controls
from tracker.domain.units import Unit, exact_text, format_load
from tracker.importers import read_export, tracker_format
from tracker.importers.input_file import open_text
from tracker.importers.records import ImportedSet
from tracker.services.entry_check import EntryCheck
from tracker.services.exercise_defs import exercise_definitions, restore_definitions
from tracker.services.exercise_matching import ExerciseMatcher, body_load_sign
from tracker.services.lifter_restore import lifter_data, restore_lifter_data, restore_unit
from tracker.services.lifters import current_lifter
from tracker.services.stored_sets import set_fields

BATCH = 2000  # sets per INSERT: few round trips, bounded memory


# -- export --------------------------------------------------------------------------------


def export_sets(
    transfers: TransferRows, lifter: Lifter, since: datetime | None
) -> Iterator[ImportedSet]:
    """Every set of the lifter, session by session, in the order they were done."""
    for row, session, exercise in transfers.export_rows(lifter, since):
        yield ImportedSet(
            line=0,
            session_key=session.source_key or f"tracker:{tracker_format.iso(session.started_at)}",
            session_name=session.name,
            started_at=session.started_at,
            finished_at=session.finished_at,
            session_notes=session.notes,
            exercise=exercise,
            position=row.position,
            **set_fields(row),
        )


def export(
    uow: AbstractUnitOfWork, lifter_name: str | None, fmt: str, since: datetime | None, out: IO[str]
) -> int:
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        rows = export_sets(uow.transfers, lifter, since)
        if fmt == "json":
            definitions = exercise_definitions(uow.catalog)
            extras = lifter_data(uow, lifter)  # all of them, whatever --since says of sets
            count = tracker_format.write_json(
                rows, lifter.name, out, definitions, lifter.unit, extras
            )
        else:
            count = tracker_format.write_csv(rows, lifter.name, out)
        uow.commit()
        return count


# -- import --------------------------------------------------------------------------------


@dataclass
class ImportReport:
    format: str
    unit: str | None = None
    unit_source: str | None = None
    sessions: int = 0
    sets: int = 0
    already_imported_sessions: int = 0
    replaced_sessions: int = 0
    unsided: set[str] = field(default_factory=set)  # one-side exercises logged without a side
    already_imported_sets: int = 0
    matched: set[str] = field(default_factory=set)
    created: set[str] = field(default_factory=set)
    skipped: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    units: set[str] = field(default_factory=set)  # of the sets read, new or already stored
    rounded: int = 0  # sets whose load or distance had more than 3 decimals, stored rounded
    controls: set[str] = field(default_factory=set)  # texts kept with control characters
    # What a JSON export restored beside the sets: "weigh-in": 3, "routine": 1 ...
    restored: dict[str, int] = field(default_factory=dict)
    # Sets the entry check questions (tracker.domain.plausibility), kept as history:
    # "line 12: Leg Press 100 x 10 kg is more than 3 times your most reps (10)".
    questioned: list[str] = field(default_factory=list)
    # The lifter's unit from a JSON export: "restored" (the lifter had nothing yet, so their
    # unit was a default) or "kept" (theirs differs and stays), with the file's unit.
    file_unit: tuple[str, str] | None = None


def is_json(path: Path) -> bool:
    """A .json file, or one whose first character (after a BOM and blanks) is "{"."""
    if path.suffix.lower() == ".json":
        return True
    with path.open("rb") as handle:
        head = handle.read(64).decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return head[:1] == "{"


def detect(path: Path, fmt: str | None) -> str:
    if fmt:
        return fmt.lower()
    if is_json(path):
        return "tracker"
    with open_text(path) as handle:
        try:
            first = handle.readline()
        except UnicodeDecodeError:
            return "auto"  # the app reader says what is wrong with the encoding
    try:
        header = next(csv.reader([first]), [])
    except csv.Error:  # e.g. over the field size limit: the app reader names the problem
        return "auto"
    return "tracker" if tracker_format.is_tracker_header(header) else "auto"


def import_file(
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    path: Path,
    fmt: str | None,
    unit: str | None,
    tz: tzinfo,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    replace: bool = False,
) -> ImportReport:
    """Store every set of the file in one transaction; sessions already imported are skipped."""
    kind = detect(path, fmt)
    try:
        with uow, open_text(path) as handle:
            reader: Any = None
            document: tracker_format.JsonExport | None = None
            if kind == "tracker":
                rows: Iterable[ImportedSet]
                if is_json(path):
                    document = tracker_format.read_json(handle)
                    rows = document.sets
                    if lifter_name is None and document.lifter:
                        lifter_name = ensure_lifter(uow.lifters, document.lifter, document.unit)
                else:
                    rows = tracker_format.read_csv(handle)
                if lifter_name is None:  # restore to the lifter the export names
                    lifter_name, rows = lifter_of_export(uow.lifters, rows)
                report = ImportReport(format="tracker")
                lifter = current_lifter(uow.lifters, lifter_name)
                if document is not None:  # the definitions become this lifter's exercises
                    restore_definitions(uow.catalog, document.exercises)
                    report.file_unit = restore_unit(uow, lifter, document.unit)
            else:
                lifter = current_lifter(uow.lifters, lifter_name)
                default_unit = Unit.parse(unit) if unit else Unit(lifter.unit)
                reader = read_export(handle, None if kind == "auto" else kind, default_unit, tz)
                rows = reader
                report = ImportReport(format=reader.format)
            check = EntryCheck(uow, lifter)
            matcher = store_rows(
                uow, lifter, rows, report, progress, replace, check, apps=reader is not None
            )
            if document is not None:  # weigh-ins, involved sides, routines, rests, settings
                report.restored = restore_lifter_data(uow, lifter, document.lifter_data, matcher)
                report.controls |= texts_with_controls((document.exercises, document.lifter_data))
                report.created |= matcher.created  # a routine's exercise this database lacked
            if reader is not None:
                report.unit, report.unit_source = reader.unit_used.value, reader.unit_source
                report.skipped = dict(reader.skipped_counts)
            elif report.units:  # a tracker export names the unit of every set
                report.unit, report.unit_source = " and ".join(sorted(report.units)), "file"
            report.dry_run = dry_run
            if not dry_run:
                uow.commit()
            return report
    except UnicodeDecodeError as error:
        raise ImportFailed(
            f"the file is not {error.encoding} text (export it again as UTF-8)"
        ) from None


def lifter_of_export(
    lifters: LifterRows, rows: Iterable[ImportedSet]
) -> tuple[str | None, Iterator[ImportedSet]]:
    """The lifter a tracker export belongs to (created if new), and the rows, unconsumed."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None or first.lifter is None:
        return None, iter(() if first is None else (first,))
    name = first.lifter

    def same_lifter() -> Iterator[ImportedSet]:
        yield first
        for row in iterator:
            if row.lifter not in (None, name):
                raise ImportFailed(
                    f'line {row.line}, column "lifter": the file mixes lifters ("{name}" and '
                    f'"{row.lifter}"); import one lifter at a time'
                )
            yield row

    # A CSV export does not say the lifter's unit: their first set's unit is the best guess.
    ensure_lifter(lifters, name, first.unit.value)
    return name, same_lifter()


def ensure_lifter(lifters: LifterRows, name: str, unit: str | None) -> str:
    """The lifter an export names, created (with its unit) when this database lacks it."""
    name = name.strip()
    if lifters.lifter(name) is None and name != DEFAULT_LIFTER:
        lifters.add_lifter_if_missing(name, unit or Unit.KG.value)
    return name


def store_rows(
    uow: AbstractUnitOfWork,
    lifter: Lifter,
    rows: Iterable[ImportedSet],
    report: ImportReport,
    progress: Callable[[int], None] | None,
    replace: bool = False,
    check: EntryCheck | None = None,
    apps: bool = False,
) -> ExerciseMatcher:
    """Insert sessions and sets in batches: a few statements per thousands of rows.

    ``apps``: the rows come from another app, whose loads on bodyweight lifts are read as
    `tracker log` takes them (:class:`BodyLoads`); a tracker export's are stored as they are.
    Returns the exercise matcher, which the rest of a restore names exercises through."""
    uow.lifters.lock_lifter(lifter)
    uow.catalog.serialize_catalog_writes()  # imports may create exercises: one at a time
    matcher = ExerciseMatcher(uow.catalog, lifter.name)  # a clashing name is named after them
    known = ImportedSessions(uow.transfers, lifter, replace)
    batch = ImportBatch(uow.transfers, lifter)
    units: set[Unit] = set()
    is_new, find, add, waiting = known.is_new, matcher.find, batch.add, batch.sets
    as_logged = BodyLoads().as_logged if apps else None
    for row in rows:
        if progress is not None:
            progress(row.line)
        units.add(row.unit)
        if not is_new(row, report):
            report.already_imported_sets += 1
            continue
        exercise = find(row.exercise, row.side is not None)
        if as_logged is not None and not row.bodyweight:
            row = as_logged(row, exercise)
        if check is not None:
            question(check, row, exercise, report)
        add(row, exercise, report)
        if len(waiting) >= BATCH:
            batch.flush()
    batch.flush()
    report.units |= {unit.value for unit in units}
    report.matched |= matcher.matched
    report.created |= matcher.created
    return matcher


class BodyLoads:
    """An app writes the load of a bodyweight lift's set as the weight added (a belt, a
    "Weighted" variant) or the assistance ("Assisted" variants): stored as `tracker log` stores
    ``8xBW+20`` and ``8xBW-20``, once the exercise is known; other loads stay as they are."""

    def __init__(self) -> None:
        self.signs: dict[tuple[str, int], int] = {}  # (name in the file, exercise id): sign

    def as_logged(self, row: ImportedSet, exercise: Exercise) -> ImportedSet:
        if row.distance is not None and not row.load:
            return row  # a distance without a load (a run) is no bodyweight set
        key = (row.exercise, exercise.id)
        sign = self.signs.get(key)
        if sign is None:
            sign = self.signs[key] = body_load_sign(row.exercise, exercise.equipment)
        if not sign:
            return row
        load = -row.load if sign < 0 and row.load else row.load  # never a "-0"
        return row._replace(bodyweight=True, load=load)


def question(check: EntryCheck, row: ImportedSet, exercise: Exercise, report: ImportReport) -> None:
    """A row that looks like a typo is kept (it is history) and listed in the report."""
    reason = check.question(
        exercise, row.kind, row.reps, row.load, row.unit, row.bodyweight, row.performed_at,
        row.session_key,
    )
    if reason is not None:
        side = f" ({row.side.value})" if row.side else ""
        typed = f"{exercise.name} {set_text(row)}{side}"
        report.questioned.append(f"line {row.line}: {typed} is {reason}")


def set_text(row: ImportedSet) -> str:
    """The row as tracker writes a set: 10 x 100 kg, 8 x BW+20 kg, 60 s x 20 kg."""
    load = f"{format_load(row.load)} {row.unit}"
    if row.bodyweight:
        load = bodyweight_text(row.load, row.unit)
    if row.duration_s is not None:
        return f"{exact_text(row.duration_s)} s x {load}"
    if row.distance is not None:
        return f"{format_load(row.distance)} {row.distance_unit} x {load}"
    return f"{row.reps} x {load}"


class ImportedSessions:
    """Which sessions of the file are already stored (one query up front, not one per row)."""

    def __init__(self, transfers: TransferRows, lifter: Lifter, replace: bool = False) -> None:
        keys, starts = transfers.session_keys_and_starts(lifter)
        self.transfers = transfers
        self.lifter = lifter
        self.replace = replace
        self.stored_keys = keys
        self.stored_starts = starts
        self.decided: dict[str, bool] = {}

    def is_new(self, row: ImportedSet, report: ImportReport) -> bool:
        decided = self.decided.get(row.session_key)
        if decided is not None:
            return decided
        # A tracker export of sessions logged here carries "tracker:<start>": the same session.
        seen = row.session_key in self.stored_keys or (
            row.session_key.startswith("tracker:") and row.started_at in self.stored_starts
        )
        if seen and self.replace:
            # --replace: the stored copy goes, the file's version comes in its place.
            start = row.started_at if row.session_key.startswith("tracker:") else None
            # Sets logged by hand into an imported session are never thrown away.
            report.replaced_sessions += self.transfers.delete_sessions(
                self.lifter, row.session_key, start, protect_logged=start is None
            )
            seen = False
        if seen:
            report.already_imported_sessions += 1
        else:
            report.sessions += 1
        self.decided[row.session_key] = not seen
        return not seen


class ImportBatch:
    """Sessions and sets waiting to be inserted together."""

    def __init__(self, transfers: TransferRows, lifter: Lifter) -> None:
        self.transfers = transfers
        self.lifter = lifter
        self.session_ids: dict[str, int] = {}
        self.new_sessions: dict[str, dict[str, Any]] = {}
        self.sets: list[tuple[str, dict[str, Any]]] = []
        self.lines: list[int] = []  # of the rows waiting, for an error message
        # Session notes may first appear on a later row ("Workout Notes" of Strong).
        self.noted: set[str] = set()
        self.late_notes: dict[str, str] = {}
        self.texts = TextsWithControls()
        self.lifter_id = lifter.id

    def add(self, row: ImportedSet, exercise: Exercise, report: ImportReport) -> None:
        key = row.session_key
        if key not in self.session_ids and key not in self.new_sessions:
            self.new_sessions[key] = {
                "lifter_id": self.lifter_id,
                "name": row.session_name,
                "notes": row.session_notes,
                "started_at": row.started_at,
                "finished_at": row.finished_at,
                "source_key": key,
            }
        elif row.session_notes and key not in self.noted:
            if key in self.new_sessions:
                self.new_sessions[key]["notes"] = row.session_notes
            else:
                self.late_notes[key] = row.session_notes
        if row.session_notes:
            self.noted.add(key)
        self.sets.append((key, set_values(row, self.lifter_id, exercise, report)))
        self.lines.append(row.line)
        texts = self.texts
        texts.look(report.controls, row.exercise, row.session_name, row.session_notes)
        texts.look(report.controls, row.note, row.lifter)

    def flush(self) -> None:
        try:
            self._insert()
        except RowRefused as error:
            # The rows were checked before, so this should not happen; if it does, say where.
            # (Other errors, such as a disk I/O error, are the database's, not the rows'.)
            span = f"{min(self.lines)}-{max(self.lines)}" if self.lines else "?"
            raise ImportFailed(f"lines {span}: the database refused a row ({error})") from None
        self.lines.clear()

    def _insert(self) -> None:
        if self.new_sessions:
            self.session_ids.update(self.transfers.insert_sessions(list(self.new_sessions.values())))
            self.new_sessions.clear()
        if self.sets:
            ids = self.session_ids
            for key, values in self.sets:
                values["session_id"] = ids[key]
            self.transfers.insert_sets([values for _, values in self.sets])
            self.sets.clear()
        for key, notes in self.late_notes.items():
            self.transfers.set_session_notes(self.session_ids[key], notes)
        self.late_notes.clear()


class TextsWithControls:
    """Finds the texts of an import that hold control characters, looking at each distinct
    text once (names and session fields repeat on every row); remembers at most ``SIZE``."""

    SIZE = 4096

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def look(self, found: set[str], *texts: str | None) -> None:
        seen = self.seen
        for text in texts:
            if text is None or text in seen:
                continue
            if len(seen) >= self.SIZE:
                seen.clear()
            seen.add(text)
            if holds_controls(text):
                found.add(text)


_BILATERAL = Laterality.BILATERAL.value


def set_values(
    row: ImportedSet, lifter_id: int, exercise: Exercise, report: ImportReport
) -> dict[str, Any]:
    report.sets += 1
    if row.rounded:
        report.rounded += 1
    side = row.side
    bilateral = exercise.laterality == _BILATERAL
    if side is not None and bilateral:
        side = None  # a matched bilateral lift with a side marker it cannot hold
    if side is None and not bilateral:
        report.unsided.add(exercise.name)  # the other app did not record the side
    return {
        "lifter_id": lifter_id,
        "exercise_id": exercise.id,
        "side": side.value if side else None,
        # The fields of an imported set that a set row stores as they are.
        "reps": row.reps,
        "load": row.load,
        "bodyweight": row.bodyweight,
        "duration_s": row.duration_s,
        "distance": row.distance,
        "distance_unit": row.distance_unit,
        "rpe": row.rpe,
        "performed_at": row.performed_at,
        "position": row.position,
        "note": row.note,
        "unit": row.unit.value,
        "kind": row.kind.value,
        "batch": None,
    }


def skipped_summary(report: ImportReport) -> list[str]:
    return [f"{count} {reason}" for reason, count in Counter(report.skipped).most_common()]
