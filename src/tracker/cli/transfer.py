"""`tracker import` and `tracker export`: your data in and out, nothing lost."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.cli.complete import complete_lifter
from tracker.cli.context import App, UserError, echo, pass_app
from tracker.cli.context import echo_wrapped as say  # a line of the report, wrapped
from tracker.cli.layout import plural
from tracker.cli.params import SINCE, local_zone
from tracker.cli.terminal import terminal_text
from tracker.domain.errors import TargetExists

if TYPE_CHECKING:
    from tracker.services.transfer import ImportReport

# The importers and services (and with them SQLAlchemy) are imported inside the commands:
# `import --help` and `export --help` import this module too.

# Below this a file imports in a blink: no bar.
PROGRESS_MIN_BYTES = 256 * 1024
# An export to stdout is held in memory up to this size, then in a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024


def on_terminal() -> bool:
    """The progress bar goes to stderr: only when a person is watching it."""
    return sys.stderr.isatty()


def count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--from",
    "fmt",
    type=click.Choice(["strong", "hevy", "fitnotes", "tracker"], case_sensitive=False),
    help="The app that wrote FILE (default: detected from the header).",
)
@click.option(
    "--unit",
    type=click.Choice(["kg", "lb"], case_sensitive=False),
    help="Unit of loads when the file does not say (default: yours).",
)
@click.option("--dry-run", is_flag=True, help="Read and check everything, store nothing.")
@click.option(
    "--replace",
    is_flag=True,
    help="Import sessions of FILE that are already stored again, replacing them (to fix an "
    "import, e.g. with another --unit).",
)
@pass_app
def import_command(
    app: App, file: Path, fmt: str | None, unit: str | None, dry_run: bool, replace: bool
) -> None:
    """Import workouts from Strong, Hevy or FitNotes CSV, or a tracker export.

    All or nothing: a bad row stops the import, names its line and column, and stores
    nothing. Importing the same file again adds nothing.
    """
    from tracker.domain.errors import ImportFailed
    from tracker.services.transfer import skipped_summary

    try:
        report = _import(app, file, fmt, unit, dry_run, replace)
    except ImportFailed as error:
        message = str(error)
        # "FILE is over 256 MiB", "cannot read FILE: ..." name it already.
        if not message.startswith((f"{file} ", f"cannot read {file}:")):
            message = f"{file}: {message}"
        raise ImportFailed(message) from None
    verb = "Would import" if dry_run else "Imported"
    restored = [plural(count, what) for what, count in report.restored.items() if count]
    if report.file_unit and report.file_unit[0] == "restored":
        restored.insert(0, f"unit {report.file_unit[1]}")
    if report.sets == 0 and report.already_imported_sets and not restored:
        say(f"Nothing new: everything in this file is already stored ({report.format}).")
    else:
        say(
            f"{verb} {plural(report.sets, 'set')} in {plural(report.sessions, 'session')} "
            f"({report.format})."
        )
    if report.unit:
        if report.unit_source == "file":
            source = "from the file"
        elif unit:
            source = "from --unit; the file does not say"
        else:
            source = (
                "your default; the file does not say: if wrong, import again with --unit "
                "and --replace"
            )
        say(f"Loads in {report.unit} ({source}).")
    if restored:
        say(f"{'Would also restore' if dry_run else 'Also restored'}: {', '.join(restored)}.")
    if report.file_unit and report.file_unit[0] == "kept":
        say(
            f"Kept this lifter's unit (they have data here); the file's is {report.file_unit[1]}:"
            f" tracker config set unit {report.file_unit[1]} to use it."
        )
    if report.rounded:
        say(f"Rounded to 3 decimals (as tracker stores loads): {plural(report.rounded, 'set')}.")
    if report.controls:  # kept as they are (a restore is exact), escaped wherever shown
        held = plural(len(report.controls), "value")
        say(f"Text holding control characters (kept, shown escaped): {held}.")
    if report.replaced_sessions:
        verb = "Would replace" if dry_run else "Replaced"
        say(f"{verb} {plural(report.replaced_sessions, 'stored session')}.")
    if report.already_imported_sessions:
        say(
            f"Already imported, skipped: {plural(report.already_imported_sessions, 'session')}, "
            f"{plural(report.already_imported_sets, 'set')}."
        )
    say(f"Exercises matched to the catalog: {len(report.matched)}.")
    if report.created:
        say(f"New custom exercises ({len(report.created)}): {', '.join(sorted(report.created))}")
    if report.unsided:
        say(
            "Without a side (the file does not say; kept, but left out of imbalance reports): "
            + ", ".join(sorted(report.unsided))
        )
    for line in skipped_summary(report):
        say(f"Skipped rows (not sets): {line}")
    if report.questioned:
        say(f"Kept, though they look like typos ({len(report.questioned)}):")
        for line in report.questioned:
            say(f"  {line}")


def _import(
    app: App, file: Path, fmt: str | None, unit: str | None, dry_run: bool, replace: bool
) -> ImportReport:
    """Import FILE, with a progress bar on a terminal."""
    from tracker.importers.input_file import MAX_BYTES
    from tracker.services.transfer import import_file

    # The zone's rules, not today's offset: a July workout imported in January keeps its hour.
    tz = local_zone()
    # A file over the limit is refused at once: no bar (counting its lines would read it).
    if on_terminal() and PROGRESS_MIN_BYTES <= file.stat().st_size <= MAX_BYTES:
        total = count_lines(file)
        with click.progressbar(length=total, label="Importing", file=sys.stderr) as bar:
            seen = {"line": 0}

            def progress(line: int) -> None:
                if line > seen["line"]:
                    bar.update(line - seen["line"])
                    seen["line"] = line

            return import_file(
                app.uow(), app.lifter, file, fmt, unit, tz, dry_run, progress, replace
            )
    else:
        return import_file(app.uow(), app.lifter, file, fmt, unit, tz, dry_run, None, replace)


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File (default: stdout).",
)
@click.option("--since", type=SINCE, help="Only sessions from then on.")
@click.option(
    "--lifter",
    "lifter_name",
    metavar="NAME",
    shell_complete=complete_lifter,
    help="Whose sessions (default: --lifter / yours).",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists (a regular file only).")
@pass_app
def export_command(
    app: App,
    fmt: str,
    output: Path | None,
    since: datetime | None,
    lifter_name: str | None,
    force: bool,
) -> None:
    """Export every session and set: sides, loads and units as typed, RPE, kinds, notes, times.

    `tracker import FILE --from tracker` restores it. JSON also carries your exercises,
    weigh-ins, involved sides, routines, rests and the gym-wide settings; CSV is sets only.
    CSV cells that a spreadsheet would run as a formula are prefixed with a quote. FILE is
    written whole or not at all (mode 600), and an existing FILE is kept unless --force.
    """
    import shutil
    import tempfile

    from tracker.bootstrap import new_private_file
    from tracker.services.transfer import export

    who = lifter_name or app.lifter
    if output is None:
        # Written in full before the first byte goes out: an error half-way (a damaged
        # database page) leaves stdout empty rather than a truncated file that looks whole.
        with tempfile.SpooledTemporaryFile(
            max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline=""
        ) as spool:
            export(app.uow(read_only=True), who, fmt, since, spool)
            spool.seek(0)
            if sys.stdout.isatty():  # read by a person, not restored: shown like every view
                sys.stdout.write(terminal_text(spool.read()))
            else:  # to a file or a program: exactly as stored
                shutil.copyfileobj(spool, sys.stdout)
        return
    try:
        with new_private_file(output, force=force) as handle:
            count = export(app.uow(read_only=True), who, fmt, since, handle)
    except TargetExists:
        raise UserError(
            f"{output} already exists; give another FILE, or --force to replace it"
        ) from None
    except OSError as exc:
        raise UserError(f"can't write {output}: {exc.strerror or exc}") from None
    echo(f"Exported {plural(count, 'set')} to {output}", err=True)
