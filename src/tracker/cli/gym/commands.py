"""The gym prompt's language: one line at a time, over the same services as the commands.

A line is, in this order: (1) a command word (undo, redo, note, skip, next, plates, rest, show,
help, done); (2) a set spec or a side flag, logged to the current exercise; (3) `tracker log`'s
arguments, logged exactly as `tracker log` would (an exercise name alone makes it current).
An empty line logs the next planned set. Every logged line is its own transaction.

Where the session stands and what a line moves is domain/gym_plan.py's GymPlan; this module
parses the line, calls the services and renders their answers.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from decimal import Decimal

import click

from tracker.cli import confirm
from tracker.cli.context import App, UserError, echo, echo_err, style
from tracker.cli.gym.timer import RestTimer
from tracker.cli.history_cmds import redo_command, undo
from tracker.cli.layout import plural, wrap_line
from tracker.cli.logging_cmds import SIDE_MARKERS, log_from_args
from tracker.cli.params import local_now
from tracker.cli.plates import plates_lines
from tracker.cli.render import full_set_text, local_date, set_text, side_label
from tracker.domain.asymmetry import Judgement, lsi_text
from tracker.domain.errors import Implausible, NotFound, TrackerError
from tracker.domain.gym_plan import GymPlan, PlannedSide, measure_of, typed_set, typed_steps
from tracker.domain.loads import COACHING_CUE, needs_cue
from tracker.domain.model import Side
from tracker.domain.records import SideRecords
from tracker.domain.routines import format_rest, parse_rest
from tracker.domain.units import Unit
from tracker.services import gym
from tracker.services.equipment import plates_for
from tracker.services.gym import ExerciseBrief
from tracker.services.lifters import get_unit
from tracker.services.logbook import LogResult, SetEdit, edit_set


def say(text: str) -> None:
    """One line of gym output, wrapped to the terminal (a phone is 60 columns)."""
    for line in wrap_line(text):
        echo(line)


def say_error(message: str) -> None:
    """An error on stderr, wrapped between words like every other line (the terminal would
    break it mid-word)."""
    for line in wrap_line(f"Error: {message}"):
        echo_err(line)


COMMAND_WORDS = ("undo", "redo", "note", "skip", "next", "plates", "rest", "show", "help", "done")
# Command words that take nothing after them (`undo` takes only --yes).
BARE_WORDS = ("undo", "redo", "skip", "next", "show", "help", "done")
# Side words without the dash, quicker to type on a phone: `l 10x60`.
SHORT_SIDES = {"l": "-l", "left": "-l", "r": "-r", "right": "-r", "each": "--each"}
_SPEC_START = re.compile(r"\d")

HELP = """\
Type one line at a time:
  10x100, 3x10x100, 12, 10x60@8
      sets of the current exercise
  -l 10x60 -r 8x60, l 10x60, r 8x60
      sides of a unilateral exercise
  "single leg press" -l 10x60 --rpe 8
      anything tracker log takes
  single leg press
      make an exercise current
  (empty line)
      log the planned set (a pair, weaker side first)
  undo, redo, note TEXT, skip, next, plates LOAD,
  rest SECONDS, show, help, done"""


class GymShell:
    """One `tracker gym` process: the session's plan (`status`), what the prompt keeps in
    memory beside it, and what each line does."""

    def __init__(
        self,
        app: App,
        status: GymPlan,
        *,
        interactive: bool,
        timer: RestTimer | None,
        side_rest: int = 0,
        bell: Callable[[], None] | None = None,
    ) -> None:
        self.app = app
        self.status = status
        self.interactive = interactive
        self.timer = timer
        self.side_rest = side_rest
        self.bell = bell
        self.briefs: dict[str, ExerciseBrief] = {}
        self.records: dict[str, SideRecords] = {}
        self.last_result: LogResult | None = None
        self.finished = False
        self.shown: str | None = None  # the exercise whose header was printed last
        self._unit: Unit | None = None

    # -- what the current exercise asks for ----------------------------------------------
    def brief(self, exercise: str) -> ExerciseBrief:
        if exercise not in self.briefs:
            routine = self.status.routine
            brief = gym.exercise_brief(
                self.app.uow(), self.app.lifter, exercise, self.status.session_id,
                routine.items if routine else (),
            )
            self.briefs[exercise] = self.briefs.setdefault(brief.exercise, brief)
        return self.briefs[exercise]

    def planned(self) -> list[PlannedSide]:
        exercise = self.status.current_exercise()
        if exercise is None:
            return []
        brief = self.brief(exercise)
        return self.status.planned(brief.exercise, brief.target, brief.weaker)

    def planned_text(self) -> str:
        unit = self.unit_of_target()
        return " then ".join(planned_set_text(p, unit) for p in self.planned())

    def measured_example(self, exercise: str) -> tuple[str, str] | None:
        """For an exercise done for time or distance ("timed", "distance") and a set to type
        as the last such set was (this session, else last time), else as the exercise's own
        syntax writes one: `60s`, `40mx24`, each side given for a unilateral one."""
        brief = self.brief(exercise)
        today = self.status.today.get(brief.exercise, [])
        measure = measure_of(today) if today else brief.measure
        if measure is not None:
            example = today[-1] if today else brief.last_time[0]
            return measure, sided_example(brief, typed_set(example, self.lifter_unit()))
        if brief.done_for == "reps":
            return None
        measure = "timed" if brief.done_for == "time" else "distance"
        return measure, sided_example(brief, brief.example)

    def unit_of_target(self) -> Unit:
        exercise = self.status.current_exercise()
        return self.brief(exercise).unit if exercise else self.lifter_unit()

    def lifter_unit(self) -> Unit:
        if self._unit is None:
            self._unit = get_unit(self.app.uow(), self.app.lifter)
        return self._unit

    # -- one line ----------------------------------------------------------------------
    def handle(self, line: str) -> None:
        """Run one line; errors are one line on stderr and the session goes on."""
        try:
            self._dispatch(line.strip())
        except click.exceptions.Exit:
            pass  # `--help` inside a log line printed the help
        except click.ClickException as exc:
            say_error(exc.format_message())
        except TrackerError as exc:  # the database's refusals too (the unit of work's)
            say_error(str(exc))

    @staticmethod
    def _flags(word: str) -> tuple[str, ...]:
        return ("--yes", "-y") if word.lower() == "undo" else ()

    def _dispatch(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if not line:
            self.accept_planned()
        elif word.lower() in COMMAND_WORDS:
            if word.lower() in BARE_WORDS and rest.strip() not in ("", *self._flags(word)):
                # `done now please` is no done: it would end the session and drop what follows.
                raise UserError(
                    f'unknown input "{line}": {word.lower()} takes nothing after it '
                    "(type help for what a line can be)"
                )
            getattr(self, f"cmd_{word.lower()}")(rest.strip())
        else:
            tokens = split_line(line)
            if is_set_line(tokens):
                exercise = self.status.current_exercise()
                if exercise is None:
                    raise UserError(
                        "no current exercise: type its name first, e.g. single leg press"
                    )
                self.log([exercise, *(SHORT_SIDES.get(t.lower(), t) for t in tokens)])
            else:
                name, args = name_and_args(tokens)
                if args:
                    self.log([name, *args])
                else:
                    self.make_current(name)

    # -- logging -----------------------------------------------------------------------
    def log(self, args: list[str]) -> None:
        # Today's target is fixed before the first set of the exercise is stored: afterwards,
        # suggest would count that set as history.
        self.brief(args[0])
        try:
            result = log_from_args(self.app, args)
        except Implausible as doubt:
            # At a terminal the lifter answers; piped, the line is refused (--yes logs it).
            if not self.interactive:
                raise
            if not confirm.ask(f"{doubt.question}. Log it?"):
                say("Not logged.")
                return
            result = log_from_args(self.app, [*args, "--yes"])
        self.after_log(result)

    def accept_planned(self) -> None:
        exercise = self.status.current_exercise()
        if exercise is None:
            if self.status.routine is not None:
                raise UserError("the routine is done: type done to finish, or log another exercise")
            raise UserError("nothing planned: type an exercise name, then its sets")
        planned = self.planned()
        if not planned:
            measured = self.measured_example(exercise)
            if measured is not None:
                measure, example = measured
                raise UserError(
                    f"no target for {exercise} ({measure} sets): type the set, e.g. {example}"
                )
            example = sided_example(self.brief(exercise), self.brief(exercise).example)
            raise UserError(f"no target for {exercise} yet: type the set, e.g. {example}")
        steps = typed_steps(planned, self.unit_of_target(), self.lifter_unit())
        self.log([exercise, *steps])

    def after_log(self, result: LogResult) -> None:
        self.last_result = result
        named = result.exercise != self.status.current_exercise()
        if self.status.log(result.exercise, result.sets):
            self._save_place()  # a routine item logged by name: the routine follows
        elif named:
            self.shown = result.exercise  # the log lines just named it
        for set_id, side, what in self.records_of(result).beaten_by(gym.logged_sets(result)):
            label = f"{side_label(side)} " if side else ""
            say(style(f"  * #{set_id} {label}new best: {what}", fg="green"))
        self.print_pairs(result)
        self.print_progress(result)
        self.start_rest(result)

    def records_of(self, result: LogResult) -> SideRecords:
        """Per-side records, read once per exercise and then kept up to date in memory."""
        if result.exercise not in self.records and result.sets:
            self.records[result.exercise] = gym.side_records(
                self.app.uow(), self.app.lifter, result.exercise, result.sets[0].id
            )
        return self.records.get(result.exercise) or SideRecords(self.lifter_unit())

    def print_pairs(self, result: LogResult) -> None:
        """The LSI of each left/right pair these sets completed (services.gym)."""
        if all(stored.side is None for stored in result.sets):
            return
        ids = [stored.id for stored in result.sets]
        session_id = self.status.session_id
        for judged in gym.completed_pairs(
            self.app.uow(), self.app.lifter, result.exercise, session_id, ids
        ):
            line = pair_line(judged)
            if line:
                say(line)

    def print_progress(self, result: LogResult) -> None:
        progress = self.status.progress(result.exercise)
        if progress is None:
            return
        item = progress.item
        say(f"  {item.exercise}: {progress_text(progress.done, item.sets, item.unilateral)}")
        if not progress.finished:
            return
        if progress.then is None:
            say("  Routine done: type done to finish.")
        elif progress.aside:  # extra sets of a finished item
            say(f"  Type next to go back to the routine ({progress.then}).")
        else:
            say(f"  Next: {progress.then}")

    def start_rest(self, result: LogResult) -> None:
        if self.timer is None:
            return
        sides = [s.side for s in result.sets]
        if self.side_rest and self.status.switching_sides(result.exercise, sides):
            self.timer.start(self.side_rest, "switch sides")
        else:
            self.timer.start(self.brief(result.exercise).rest_s)

    # -- making an exercise current ----------------------------------------------------
    def make_current(self, name: str) -> None:
        typed = self.status.item_named(name) or name
        if self.status.make_current(gym.save_place(self.app.uow(), self.status, typed)):
            self._save_place()
        self.print_header(force=True)

    def _save_place(self) -> None:
        gym.save_place(self.app.uow(), self.status, self.status.exercise)

    def print_header(self, force: bool = False) -> None:
        """The current exercise: target per side, last time, plates and what Enter logs."""
        exercise = self.status.current_exercise()
        if exercise is None or (exercise == self.shown and not force):
            return
        self.shown = exercise
        for line in header_lines(self, exercise):
            say(line)

    # -- command words -----------------------------------------------------------------
    def cmd_help(self, _: str) -> None:
        for line in HELP.splitlines():
            say(line)

    def cmd_done(self, _: str) -> None:
        sets, exercises, kept = gym.finish_gym(
            self.app.uow(), self.app.lifter, self.status.session_id, local_now()
        )
        self.finished = True
        if self.timer is not None:
            self.timer.stop()
        if kept:
            say(
                f"Finished session #{self.status.session_id}: "
                f"{plural(sets, 'set')} of {plural(exercises, 'exercise')}."
            )
        else:
            say("Nothing logged: no session kept.")

    def cmd_undo(self, text: str) -> None:
        # A change from before this session: asked at a terminal, else `undo --yes`.
        undo(self.app, text.strip() in ("--yes", "-y"), ask=confirm.stdin_is_terminal())
        self.after_history()

    def cmd_redo(self, _: str) -> None:
        with redo_command.make_context("redo", [], obj=self.app) as ctx:
            redo_command.invoke(ctx)
        self.after_history()

    def after_history(self) -> None:
        """After an undo or redo: the session as stored now, nothing remembered of its sets."""
        before = self.status
        try:
            self.status = gym.reload_status(self.app.uow(), self.app.lifter, before.session_id)
        except NotFound:  # undo removed the session it emptied: open a new one, same place
            self.status = self.reopen()
        self.status.carry_on(before)
        self.records.clear()  # an undone set may have been a record
        self.last_result = None  # its sets are gone: a note has nothing to go on

    def reopen(self) -> GymPlan:
        routine = self.status.routine
        status = gym.open_gym(
            self.app.uow(), self.app.lifter, routine.name if routine else None, local_now()
        )
        status.position, status.skipped = self.status.position, self.status.skipped
        gym.save_place(self.app.uow(), status, None)
        return status

    def cmd_note(self, text: str) -> None:
        if not text:
            raise UserError("note what? e.g. note seat at 5")
        if self.last_result is None:
            raise UserError("nothing to note yet: a note goes on the sets of the last line")
        for stored in self.last_result.sets:
            edit_set(self.app.uow(), self.app.lifter, stored.id, SetEdit(note=text))
        say(f"Noted on {plural(len(self.last_result.sets), 'set')}.")

    def cmd_skip(self, _: str) -> None:
        item = self.status.skip()
        self._save_place()
        say(f"Skipped {item.exercise}.")
        self._after_move()

    def cmd_next(self, _: str) -> None:
        self.status.next_item()
        self._save_place()
        self._after_move()

    def _after_move(self) -> None:
        if self.status.current_exercise() is None:
            say("Routine done: type done to finish.")
        else:
            self.print_header(force=True)

    def cmd_plates(self, text: str) -> None:
        if not text:
            raise UserError("plates LOAD, e.g. plates 100")
        exercise = self.status.current_exercise()
        # The current exercise's equipment, as `tracker plates --exercise` (a sled machine's
        # plates per horn); a dumbbell exercise gets a barbell's plates.
        answer = plates_for(self.app.uow(), self.app.lifter, text, exercise, bar_instead=True)
        if answer.instead_of:
            say(f"({answer.instead_of} takes no plates; on a barbell:)")
        for line in plates_lines(answer):
            say(line)

    def cmd_rest(self, text: str) -> None:
        exercise = self.status.current_exercise()
        if exercise is None:
            raise UserError("rest for which exercise? type its name first")
        if not text:
            raise UserError("rest SECONDS, e.g. rest 90 or rest 2m")
        seconds = parse_rest(text)
        name = gym.set_rest(self.app.uow(), self.app.lifter, exercise, seconds)
        brief = self.brief(name)
        brief.rest_s = seconds
        if self.timer is not None:
            self.timer.start(seconds)
        say(f"Rest for {name}: {format_rest(seconds)}.")

    def cmd_show(self, _: str) -> None:
        for line in overview_lines(self):
            say(line)
        self.print_header(force=True)


# -- parsing a line --------------------------------------------------------------------------


def split_line(line: str) -> list[str]:
    """Shell-like words; an unbalanced quote (Farmer's Walk) falls back to plain words."""
    try:
        return shlex.split(line)
    except ValueError:
        return line.split()


def is_set_token(token: str) -> bool:
    lowered = token.lower()
    return (
        bool(_SPEC_START.match(token))
        or lowered in SHORT_SIDES
        or token.split("=")[0] in SIDE_MARKERS
        or lowered.startswith("bw")
    )


def is_set_line(tokens: list[str]) -> bool:
    """Sets for the current exercise: `10x100`, `l 10x60`; not a name that starts with a
    number, such as `45 degree leg press` (its second word is no set)."""
    if not tokens or not is_set_token(tokens[0]):
        return False
    return len(tokens) == 1 or is_set_token(tokens[1]) or tokens[1].startswith("-")


def name_and_args(tokens: list[str]) -> tuple[str, list[str]]:
    """`single leg press -l 10x60`: the leading words are the name (quoted or not)."""
    for index, token in enumerate(tokens):
        if index and (token.startswith("-") or _SPEC_START.match(token)):
            return " ".join(tokens[:index]), tokens[index:]
    return " ".join(tokens), []


# -- rendering -------------------------------------------------------------------------------


def sided(side: Side | None, text: str) -> str:
    label = side_label(side)
    return f"{label} {text}" if label else text


def target_text(reps: int, load: Decimal, unit: Unit, bodyweight: bool = False) -> str:
    """A target set; a load of 0 is bodyweight."""
    return set_text(reps, load, unit, bodyweight=bodyweight or load == 0)


def planned_set_text(step: PlannedSide, unit: Unit) -> str:
    """`L 8 x 55 kg`, or `R 40 m x 24 kg` for a timed or distance set."""
    if not step.measured:
        return sided(
            step.side, target_text(step.reps, step.load, step.unit or unit, step.bodyweight)
        )
    return full_set_text(
        step.side, 0, step.load, step.unit or unit, step.bodyweight or not step.load,
        step.duration_s, step.distance, step.distance_unit,
    )


def progress_text(done: int, planned: int, unilateral: bool) -> str:
    """`1 of 2 sets done`; sets beyond the plan (a finished item named again) as extra."""
    noun = ("pair" if unilateral else "set") + ("s" if planned != 1 else "")
    extra = f", {done - planned} extra" if done > planned else ""
    return f"{min(done, planned)} of {planned} {noun} done{extra}"


def sided_example(brief: ExerciseBrief, spec: str) -> str:
    """A set to type at the prompt: a unilateral exercise's with both sides."""
    return f"-l {spec} -r {spec}" if brief.unilateral else spec


def header_lines(shell: GymShell, exercise: str) -> list[str]:
    brief = shell.brief(exercise)
    item = shell.status.item_for(exercise)
    title = style(brief.exercise, bold=True)
    if item is not None and shell.status.routine is not None:
        count = len(shell.status.routine.items)
        done = shell.status.sets_done(item)
        title += f" ({item.position}/{count}): {progress_text(done, item.sets, item.unilateral)}"
    lines = [title]
    measured = shell.measured_example(exercise) if brief.target is None else None
    if measured is not None:
        measure, example = measured
        lines.append(f"  Target: none for {measure} sets; type the set, e.g. {example}")
    elif brief.target is not None:
        parts = [
            sided(side, target_text(t.reps, t.load, t.unit or brief.unit, brief.target.bodyweight))
            for side, t in sorted(brief.target.sides.items(), key=lambda kv: str(kv[0]))
        ]
        per = f", {brief.load_per}" if brief.load_per else ""
        lines.append(f"  Target: {'; '.join(parts)} ({brief.target.kind}{per})")
    elif brief.no_target:
        # Only the suggest answer says why; "no history" only when there is none.
        why = "" if brief.logged else " (no history to go on)"
        example = sided_example(brief, brief.example)
        lines.append(f"  Target: none yet{why}; type the set, e.g. {example}")
    if brief.last_date is not None:
        by_side: dict[str, list[str]] = {}
        for last in brief.last_time:
            text = full_set_text(
                None, last.reps, last.load, last.unit, last.bodyweight,
                last.duration_s, last.distance, last.distance_unit,
            )
            by_side.setdefault(side_label(last.side), []).append(text)
        text = "; ".join(f"{k + ' ' if k else ''}{', '.join(v)}" for k, v in by_side.items())
        lines.append(f"  Last ({local_date(brief.last_date)}): {text or 'warm-ups only'}")
    if brief.plates is not None:
        lines += [f"  Plates: {line}" for line in plates_lines(brief.plates)]
    if brief.cue:
        lines.append(f"  {brief.cue}")
    planned = shell.planned_text() if shell.status.current_exercise() == exercise else ""
    rest = format_rest(brief.rest_s)
    lines.append(f"  Rest {rest}." + (f" Enter logs: {planned}" if planned else ""))
    return lines


def overview_lines(shell: GymShell) -> list[str]:
    status = shell.status
    lines = [f"Session #{status.session_id}: {plural(status.sets_logged, 'set')} so far."]
    if status.routine is None:
        return lines
    current = status.current_item()
    lines.append(f"Routine {status.routine.name}:")
    for item in status.routine.items:
        done = status.sets_done(item)
        mark = ">" if current is not None and item.position == current.position else " "
        state = (
            "skipped" if item.position in status.skipped else f"{min(done, item.sets)}/{item.sets}"
        )
        lines.append(f" {mark}{item.position}. {item.exercise} {state}")
    return lines


def pair_line(judged: Judgement) -> str | None:
    """ "Pair LSI 83.3 (left weaker): CUE" as `report imbalance` would judge the pair."""
    if judged.lsi is None:
        return None
    line = f"  Pair LSI {lsi_text(judged.lsi)}"
    if judged.involved is not None:
        line += f" (involved {judged.involved.value})"
    if needs_cue(judged) and judged.weaker_side is not None:
        line += f" ({judged.weaker_side.value} weaker): {COACHING_CUE}"
    return line
