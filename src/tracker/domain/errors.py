"""Domain exceptions. The CLI turns every TrackerError into a one-line message."""

from __future__ import annotations


class TrackerError(Exception):
    """Base class for errors a user can fix; the message says how."""


class InvalidSpec(TrackerError):
    """A set specification such as ``10x60kg`` could not be understood."""


class InvalidValue(TrackerError):
    """A value is out of its allowed range (reps, load, RPE ...)."""


class InvalidDate(TrackerError):
    """A date or time could not be parsed, or lies in the future."""


class NotFound(TrackerError):
    """A named thing (exercise, session, set, lifter) does not exist."""


class Conflict(TrackerError):
    """The request contradicts what is stored (duplicate name, set still referenced ...)."""


class NoBasis(TrackerError):
    """A load suggestion has nothing to start from."""


class ImportFailed(TrackerError):
    """A file could not be imported; the message names the line and the column."""


class Implausible(InvalidValue):
    """A set looks like a typo against the lifter's history; `--yes` logs it as typed."""

    def __init__(self, message: str, question: str) -> None:
        super().__init__(message)
        self.question = question  # what gym mode asks at a terminal instead


class DatabaseError(TrackerError):
    """The database cannot be opened or is at a schema this version does not know."""


class DatabaseUrlError(TrackerError):
    """A database URL that cannot be read one way only (exit 3, as an unusable database)."""


class NotPermitted(TrackerError):
    """The database refused the change for this role (row-level security, a role's rights)."""


class ConstraintViolation(TrackerError):
    """The database refused a change against a constraint (e.g. a unique name another
    transaction stored first)."""


class ValueRefused(TrackerError):
    """The database refused a value its column cannot hold (too long, out of range)."""


class RowRefused(TrackerError):
    """The database refused a row an import inserts (a constraint, a column too small); the
    message is the first line of the database's own detail."""

    @classmethod
    def of(cls, cause: object) -> RowRefused:
        """From the database's error (its driver's, as the adapter caught it)."""
        lines = str(cause).strip().splitlines()
        return cls(lines[0] if lines else type(cause).__name__)


class TargetExists(FileExistsError):
    """The file to write exists already (and was left as it was)."""
