"""`tracker gym [ROUTINE]`: a whole session from one prompt.

Only Click is imported here: prompt_toolkit loads when a terminal prompt is opened, so a piped
session and `tracker --help` never pay for it.
"""

from __future__ import annotations

import sys

import click

from tracker.cli.complete import complete_routine
from tracker.cli.context import App, pass_app


@click.command("gym")
@click.argument("routine", required=False, shell_complete=complete_routine)
@click.option("--no-timer", is_flag=True, help="No rest countdown.")
@click.option(
    "--side-rest",
    type=click.IntRange(0, 600),
    default=0,
    metavar="SECONDS",
    help="A countdown between the two sides of a unilateral set typed one side at a time.",
)
@pass_app
def gym_command(app: App, routine: str | None, no_timer: bool, side_rest: int) -> None:
    """Log a whole session from one prompt, following ROUTINE if given.

    \b
    Each line is one of:
      10x100, -l 10x60 -r 8x60, l 10x60
          sets of the current exercise
      "single leg press" -l 10x60 --rpe 8
          what tracker log takes
      single leg press
          make an exercise current
      (empty line)
          log the planned set or pair
      undo, redo, note TEXT, skip, next, plates LOAD,
      rest SECONDS, show, help, done

    Every set is stored as soon as it is entered. The end of piped input finishes the
    session like done; a killed prompt leaves it open, and tracker gym resumes it.

    \b
    Examples:
      tracker gym "Legs A"
      printf 'slp\\n-l 10x60 -r 10x60\\n' | tracker gym
    """
    from tracker.cli.gym.commands import GymShell
    from tracker.cli.gym.loop import run_piped
    from tracker.cli.gym.render import say
    from tracker.cli.gym.timer import RestTimer
    from tracker.cli.params import local_now
    from tracker.services.gym import open_gym
    from tracker.wording.gym import opening_lines

    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    status = open_gym(app.uow(), app.lifter, routine, local_now())
    timer = None if no_timer or not interactive else RestTimer()
    shell = GymShell(app, status, interactive=interactive, timer=timer, side_rest=side_rest)
    say(*opening_lines(status))
    shell.print_header()
    if interactive:
        from tracker.cli.gym.loop import build_session, run_interactive
        from tracker.services.completion import exercise_names

        session = build_session(shell, exercise_names(app.uow(), app.lifter))
        shell.bell = session.output.bell
        run_interactive(shell, session)
    else:
        run_piped(shell, sys.stdin)

