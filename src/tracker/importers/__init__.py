"""Pure, streaming parsers for workout-app CSV exports (Strong, Hevy, FitNotes).

>>> reader = read_export(stream, None, Unit.KG, ZoneInfo("Europe/Berlin"))
>>> for imported in reader: ...          # one ImportedSet per set row, in file order
>>> reader.skipped_counts, reader.unit_used, reader.unit_source
"""

from tracker.importers.exercise_names import candidate_names, normalize_exercise_name, split_side
from tracker.importers.reader import (
    ImportReader,
    detect_format,
    read_export,
    sniff_delimiter,
)
from tracker.importers.records import ImportedSet, Skipped

__all__ = [
    "ImportReader",
    "ImportedSet",
    "Skipped",
    "candidate_names",
    "detect_format",
    "normalize_exercise_name",
    "read_export",
    "sniff_delimiter",
    "split_side",
]
