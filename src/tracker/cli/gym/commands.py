"""The gym prompt's language: one line at a time, over the same services as the commands.

A line is, in this order: (1) a command word (undo, redo, note, skip, next, plates, rest, show,
help, done); (2) a set spec or a side flag, logged to the current exercise; (3) `tracker log`'s
arguments, logged exactly as `tracker log` would (an exercise name alone makes it current).
An empty line logs the next planned set. Every logged line is its own transaction.

Where the session stands and what a line moves is domain/gym_plan.py's GymPlan; parse.py
reads the line, this module calls the services, render.py prints their answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from tracker.cli import confirm
from tracker.cli.context import App, UserError, style, to_user_error
from tracker.cli.gym.parse import (
    BARE_WORDS,
    COMMAND_WORDS,
    SHORT_SIDES,
    UNDO_YES,
    is_set_line,
    name_and_args,
    split_line,
)
from tracker.cli.gym.render import (
    HELP,
    header_lines,
    planned_set_text,
    say,
    say_error,
)
from tracker.cli.gym.timer import RestTimer
from tracker.cli.history_cmds import redo_command, undo
from tracker.cli.layout import plural
from tracker.cli.logging_cmds import log_from_args
from tracker.cli.params import local_now
from tracker.cli.plates import plates_lines
from tracker.cli.render import side_label
from tracker.domain.errors import Implausible
from tracker.domain.gym_plan import (
    GymPlan,
    PlannedSide,
    Stuck,
    count_working,
    measure_of,
    typed_example,
    typed_steps,
)
from tracker.domain.routines import format_rest, parse_rest
from tracker.domain.units import Unit
from tracker.services import gym
from tracker.services.equipment import plates_for
from tracker.services.gym import ExerciseBrief
from tracker.services.lifters import get_unit
from tracker.services.logbook import LogMemory, LogResult, note_sets
from tracker.wording import gym as wording

T = TypeVar("T")


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
        # What the logs read of each exercise's history, kept up to date line by line.
        self.memory = LogMemory()
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

    def example(self, exercise: str) -> tuple[str | None, str]:
        """A set to type for the exercise and how it is measured (typed_example)."""
        brief = self.brief(exercise)
        today = self.status.today.get(brief.exercise, [])
        return typed_example(
            today, brief.last_time, brief.done_for, brief.example, brief.unilateral,
            self.lifter_unit(),
        )

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
        except Exception as exc:  # noqa: BLE001 - the prompt's one error boundary
            # Domain errors, and database errors raised outside a unit of work (a failed
            # rollback), are one line and the session goes on; anything else is a bug.
            error = to_user_error(exc)
            if error is None:
                raise
            say_error(error.format_message())

    def _dispatch(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if not line:
            self.accept_planned()
        elif word.lower() in COMMAND_WORDS:
            flags = UNDO_YES if word.lower() == "undo" else ()
            if word.lower() in BARE_WORDS and rest.strip() not in ("", *flags):
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
            result = log_from_args(self.app, args, self.memory)
        except Implausible as doubt:
            # At a terminal the lifter answers; piped, the line is refused (--yes logs it).
            if not self.interactive:
                raise
            if not confirm.ask(f"{doubt.question}. Log it?"):
                say("Not logged.")
                return
            result = log_from_args(self.app, [*args, "--yes"], self.memory)
        self.after_log(result)

    def accept_planned(self) -> None:
        exercise = self.moved(self.status.entering())
        planned = self.planned()
        if not planned:
            measure, example = self.example(exercise)
            what = f"({measure} sets)" if measure else "yet"
            raise UserError(f"no target for {exercise} {what}: type the set, e.g. {example}")
        steps = typed_steps(planned, self.unit_of_target(), self.lifter_unit())
        self.log([exercise, *steps])

    def after_log(self, result: LogResult) -> None:
        self.last_result = result
        # First: the line is stored, so the kept records take it in even if what follows fails.
        beaten = gym.new_bests(self.app.uow(), self.app.lifter, result, self.memory)
        if result.session_open and result.session_id != self.status.session_id:
            self.follow_session(result)
        named = result.exercise != self.status.current_exercise()
        if self.status.log(result.exercise, result.sets):
            # A routine item logged by name: the routine follows.
            gym.save_place(self.app.uow(), self.status)
        elif named:
            self.shown = result.exercise  # the log lines just named it
        for set_id, side, what in beaten:
            label = f"{side_label(side)} " if side else ""
            say(style(f"  * #{set_id} {label}new best: {what}", fg="green"))
        self.print_pairs(result)
        progress = self.status.progress(result.exercise)
        if progress is not None:
            say(*wording.progress_lines(progress))
        self.start_rest(result)

    def follow_session(self, result: LogResult) -> None:
        """The line went to another open session: the prompt's was closed meanwhile (idle
        past SESSION_GAP, the log closed it; or from another terminal). The prompt goes on
        with the open one, its routine, place and exercise carried on as after an undo that
        removed the session (gym.reload_status); the line itself is counted as any line."""
        before = self.status
        routine = before.routine
        uow, now = self.app.uow(), local_now()
        status = gym.open_gym(uow, self.app.lifter, routine.name if routine else None, now)
        status.position, status.skipped = before.position, before.skipped
        status.carry_on(before)
        gym.save_place(uow, status)
        if status.session_id == result.session_id:
            # What open_gym read of the session holds the line: GymPlan.log counts it.
            status.sets_logged -= len(result.sets)
            line = ((result.exercise, s.side, s.kind) for s in result.sets)
            for exercise, sides in count_working(line).items():
                done = status.done.get(exercise, {})
                for side, count in sides.items():
                    done[side] = done.get(side, 0) - count
                    if done[side] <= 0:
                        del done[side]
                if not done:
                    status.done.pop(exercise, None)
        self.status = status
        # Other exercises' targets and last times were the closed session's: read them again.
        self.briefs = {k: b for k, b in self.briefs.items() if b.exercise == result.exercise}
        if not result.started_session:  # else log said "Started session #N." itself
            say(wording.followed_text(before.session_id, status.session_id))

    def print_pairs(self, result: LogResult) -> None:
        """The LSI of each left/right pair these sets completed (services.gym)."""
        if all(stored.side is None for stored in result.sets):
            return
        uow, session_id = self.app.uow(), self.status.session_id
        by_reps = measure_of(result.sets) is None
        for judged in gym.line_pairs(uow, self.app.lifter, result, session_id, self.memory):
            line = wording.pair_line(judged, by_reps)
            if line:
                say(line)

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
        gym.save_place(self.app.uow(), self.status, self.status.item_named(name) or name)
        self.print_header(force=True)

    def print_header(self, force: bool = False) -> None:
        """The current exercise: target per side, last time, plates and what Enter logs."""
        exercise = self.status.current_exercise()
        if exercise is None or (exercise == self.shown and not force):
            return
        self.shown = exercise
        say(*header_lines(self, exercise))

    # -- command words -----------------------------------------------------------------
    def cmd_help(self, _: str) -> None:
        say(*HELP.splitlines())

    def cmd_done(self, _: str) -> None:
        sets, exercises, kept = gym.finish_gym(
            self.app.uow(), self.app.lifter, self.status.session_id, local_now()
        )
        self.finished = True
        if self.timer is not None:
            self.timer.stop()
        say(wording.finished_text(self.status.session_id, sets, exercises, kept))

    def cmd_undo(self, text: str) -> None:
        # A change from before this session: asked at a terminal, else `undo --yes`.
        undo(self.app, text.strip() in UNDO_YES, ask=confirm.stdin_is_terminal())
        self.after_history()

    def cmd_redo(self, _: str) -> None:
        with redo_command.make_context("redo", [], obj=self.app) as ctx:
            redo_command.invoke(ctx)
        self.after_history()

    def after_history(self) -> None:
        """After an undo or redo: the session as stored now, nothing remembered of its sets."""
        self.status = gym.reload_status(self.app.uow(), self.app.lifter, self.status, local_now())
        self.memory.forget()  # an undone set may have been a best
        self.last_result = None  # its sets are gone: a note has nothing to go on

    def cmd_note(self, text: str) -> None:
        if not text:
            raise UserError("note what? e.g. note seat at 5")
        if self.last_result is None:
            raise UserError("nothing to note yet: a note goes on the sets of the last line")
        ids = [stored.id for stored in self.last_result.sets]
        noted = note_sets(self.app.uow(), self.app.lifter, ids, text)
        say(f"Noted on {plural(len(noted), 'set')}.")

    def cmd_skip(self, _: str) -> None:
        item = self.moved(self.status.skip())
        gym.save_place(self.app.uow(), self.status)
        say(f"Skipped {item.exercise}.")
        self._after_move()

    def cmd_next(self, _: str) -> None:
        self.moved(self.status.next_item())
        gym.save_place(self.app.uow(), self.status)
        self._after_move()

    def moved(self, answer: T | Stuck) -> T:
        """What the plan answered to a move, or why it could not move as an error line."""
        if isinstance(answer, Stuck):
            raise UserError(wording.stuck_text(answer, self.status))
        return answer

    def _after_move(self) -> None:
        if self.status.current_exercise() is None:
            say(wording.ROUTINE_DONE)
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
        say(*plates_lines(answer))

    def cmd_rest(self, text: str) -> None:
        exercise = self.status.current_exercise()
        if exercise is None:
            raise UserError("rest for which exercise? type its name first")
        if not text:
            raise UserError("rest SECONDS, e.g. rest 90 or rest 2m")
        seconds = parse_rest(text)
        name = gym.set_rest(self.app.uow(), self.app.lifter, exercise, seconds)
        self.brief(name).rest_s = seconds
        if self.timer is not None:
            self.timer.start(seconds)
        say(f"Rest for {name}: {format_rest(seconds)}.")

    def cmd_show(self, _: str) -> None:
        say(*wording.overview_lines(self.status))
        self.print_header(force=True)
