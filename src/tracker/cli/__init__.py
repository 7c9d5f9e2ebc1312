"""The `tracker` command line: a thin layer that parses, calls a service and renders.

The root group loads its commands lazily (Click's documented lazy-group pattern): COMMANDS
maps each name to the "module:attribute" of its command, a module is imported only when its
command runs, and `tracker --help` lists each command's one-line help from the command's own
docstring, read from its module's source without importing it. A command module imports its
services (and with them SQLAlchemy) inside its commands: its `--help`, a usage error and a
completion import the module too (tests/test_architecture.py checks what start-up imports).
"""

from __future__ import annotations

import importlib
import sys
from importlib.machinery import PathFinder  # loaded with importlib (importlib.util is not)
from typing import TYPE_CHECKING, Any

import click

from tracker import __version__
from tracker.cli.terminal import terminal_width

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from tracker.cli.context import App


class Lazy:
    """A command not imported yet: where it is, and where its help is written (`help_from`:
    the function whose docstring it is, when a factory builds the command).

    A plain class: a NamedTuple or dataclass costs more to define than `--help` may spend."""

    __slots__ = ("target", "help_from")

    def __init__(self, target: str, help_from: str | None = None) -> None:
        self.target = target  # "module:attribute" of the click command (or of its factory)
        self.help_from = help_from or target

    @property
    def help(self) -> str:
        """The command's one-line help, from its docstring without importing its module."""
        paragraph = summary(self.help_from) or command_at(self.help_from).help or ""
        return short_help(paragraph, 10_000)


# To add a command: write it in a module under tracker.cli and add one line here; its help is
# its function's docstring (tests/test_architecture.py checks that the map finds it).
COMMANDS: dict[str, Lazy] = {
    "admin": Lazy("tracker.cli.admin:admin_group"),
    "bodyweight": Lazy("tracker.cli.bodyweight:bodyweight_group"),
    "completion": Lazy("tracker.cli:completion_command"),
    "config": Lazy("tracker.cli.lifters:config_group"),
    "db": Lazy("tracker.cli.db_cmds:db_group"),
    "exercises": Lazy("tracker.cli.exercises:exercises_group"),
    "export": Lazy("tracker.cli.transfer:export_command"),
    "gym": Lazy("tracker.cli.gym:gym_command"),
    "import": Lazy("tracker.cli.transfer:import_command"),
    "lifter": Lazy("tracker.cli.lifters:lifter_group"),
    "log": Lazy("tracker.cli.logging_cmds:log_command"),
    "plates": Lazy("tracker.cli.plates:plates_command"),
    "report": Lazy("tracker.cli:report_group_with_coach", "tracker.cli.reports:report_group"),
    "routine": Lazy("tracker.cli.routines:routine_group"),
    "session": Lazy("tracker.cli.sessions:session_group"),
    "set": Lazy("tracker.cli.logging_cmds:set_group"),
    "redo": Lazy("tracker.cli.history_cmds:redo_command"),
    "suggest": Lazy("tracker.cli.suggest:suggest_command"),
    "undo": Lazy("tracker.cli.history_cmds:undo_command"),
}


def summary(target: str) -> str | None:
    """The first paragraph of function `target`'s docstring ("module:function"), read from
    its module's source text (the module is not run); None without a plain one to read."""
    module_name, function = target.split(":")
    text = source_of(module_name)
    if text is None:
        return None
    start = text.find(f"\ndef {function}(")
    opening = text.find('"""', start) + 3
    closing = text.find('"""', opening)
    signature = text[start:opening - 3].rstrip()  # the docstring must follow it at once
    paragraph = text[opening:closing].split("\n\n")[0]
    if min(start, closing) < 0 or "\n\n" in signature or not signature.endswith(":"):
        return None
    return None if "\\" in paragraph else paragraph  # an escape: Python must read it


def source_of(module_name: str) -> str | None:
    """The source text of module `module_name` (under an imported package), read through its
    loader without running it: from a file or a zip alike. None if there is none to read."""
    module = sys.modules.get(module_name)
    if module is not None:
        spec = module.__spec__
    else:  # every command module is under tracker.cli, which is imported
        parent = module_name.rpartition(".")[0]
        spec = PathFinder.find_spec(module_name, sys.modules[parent].__path__)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None  # compiled or frozen: no source to read
    loader: Any = spec.loader  # a file's, a zip's (zipimport): each reads its own paths
    try:
        data: bytes = loader.get_data(spec.origin)
        return data.decode("utf-8")
    except (OSError, AttributeError, UnicodeDecodeError):
        return None  # then the command's module is imported for its help


def short_help(help: str, limit: int) -> str:
    """`help` shortened to `limit` exactly as Click shortens a command's own."""
    return click.Command(None, help=help).get_short_help_str(limit)


def command_at(target: str) -> click.Command:
    """Import the module of `target` ("module:attribute") and return its click command."""
    module_name, attribute = target.split(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if callable(command) and not isinstance(command, click.Command):
        command = command()  # a factory, such as report_group_with_coach
    if not isinstance(command, click.Command):  # pragma: no cover - a wrong map entry
        raise TypeError(f"{target} is not a click command")
    return command


def load_command(name: str) -> click.Command:
    """Import the module of command `name` and return its click command."""
    return command_at(COMMANDS[name].target)


class TrackerGroup(click.Group):
    """The root group: loads commands lazily, and turns the errors a user can cause into one
    line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Click suggests only among loaded commands: a typo of a root command (`lof`,
        `sugest`) gets "did you mean" from the whole map, as a subcommand's typo does."""
        name = args[0] if args else ""
        if not ctx.resilient_parsing and not name.startswith("-"):
            if self.get_command(ctx, name) is None:
                raise click.exceptions.NoSuchCommand(
                    name, possibilities=self.list_commands(ctx), ctx=ctx
                )
        return super().resolve_command(ctx, args)

    def listed_help(self, name: str, limit: int = 45) -> str | None:
        """A command's one-line help, from its docstring while it is not loaded; None if
        hidden."""
        loaded = self.commands.get(name)
        if loaded is not None:
            return None if loaded.hidden else loaded.get_short_help_str(limit)
        return short_help(COMMANDS[name].help, limit)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's listing, with the help lines read from the commands' docstrings: no command
        module is imported."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, text) for name in names if (text := self.listed_help(name, limit))]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """Command names from the map (no module imported for a Tab), then the options."""
        from click.shell_completion import CompletionItem

        names = [name for name in self.list_commands(ctx) if name.startswith(incomplete)]
        items = [
            CompletionItem(name, help=text) for name in names if (text := self.listed_help(name))
        ]
        return items + click.Command.shell_complete(self, ctx, incomplete)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        # Help text follows the same width as every other output (COLUMNS, else the
        # terminal), at most Click's usual 78 columns.
        # Not a terminal: Click's own default (78), without it importing shutil to find out.
        width = terminal_width()
        extra.setdefault("terminal_width", min(width or 80, 80) - 2)
        return super().make_context(info_name, args, parent, **extra)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["tracker.args"] = list(args)  # as typed, for the negative-number message
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        from tracker.cli.context import App, shown, to_user_error

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort):
            raise
        except click.NoSuchOption as unknown:
            typed = ctx.meta.get("tracker.args", [])
            raise shown(negative_number(unknown, typed) or unknown) from None
        except click.ClickException as refused:
            raise shown(refused) from None
        except Exception as exc:
            error = to_user_error(exc)
            if error is None:
                raise
            clean = without_secrets(error.message, ctx.find_object(App))
            raise shown(type(error)(clean)) from None
        finally:
            app = ctx.find_object(App)
            if app is not None:
                app.close()


def negative_number(error: click.NoSuchOption, typed: list[str]) -> click.UsageError | None:
    """Click reads `-20` as the short options -2 and 0: name the number instead ("No such
    option: -2" for `tracker bodyweight add -5` or `config set bar -20` misleads)."""
    if not (len(error.option_name) == 2 and error.option_name[1].isdigit()):
        return None
    number = next((t for t in typed if t.startswith(error.option_name)), error.option_name)
    return click.UsageError(f'"{number}": a negative number is not allowed here', error.ctx)


def without_secrets(message: str, app: App | None) -> str:
    """A driver's message may quote the URL: its password never reaches the terminal."""
    if app is None:
        return message
    from tracker.bootstrap import secrets_of

    try:
        secrets = secrets_of(app.url)
    except Exception:  # an unusable --db value has no password to hide
        return message
    for secret in sorted(secrets, key=len, reverse=True):
        message = message.replace(secret, "***")
    return message


def _complete_lifter(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    from tracker.cli.complete import complete_lifter

    return complete_lifter(ctx, param, incomplete)


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(cls=TrackerGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="tracker")
@click.option(
    "--db",
    envvar="TRACKER_DB",
    metavar="PATH|URL",
    help="Database: a SQLite file path or a SQLAlchemy URL (sqlite:///..., "
    "postgresql+psycopg://...). Default: tracker.db in your user data folder. Env: TRACKER_DB.",
)
@click.option(
    "--lifter",
    envvar="TRACKER_LIFTER",
    metavar="NAME",
    shell_complete=_complete_lifter,
    help="Whose training to read and write (default: the built-in lifter 'me'). "
    "Env: TRACKER_LIFTER.",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, lifter: str | None) -> None:
    """Log weight-training sessions, each side of a unilateral lift on its own.

    \b
    Quick start:
      tracker log "leg press" 10x100 10x120 8x140
      tracker log "single leg press" --left 10x60 --right 8x60
      tracker session show last
      tracker report imbalance
      tracker suggest "single leg press"
    """
    from tracker.cli.context import App, UserError

    if lifter is not None and not lifter.strip():  # never the default lifter by accident
        raise UserError("--lifter is empty: give a lifter's name, or leave it out for 'me'")
    ctx.obj = App(db=db, lifter=lifter)


@click.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
@click.pass_context
def completion_command(ctx: click.Context, shell: str) -> None:
    """Print the shell completion script for SHELL (bash, zsh or fish).

    \b
    For this shell:  eval "$(tracker completion bash)"
    For good, bash:  add that line to ~/.bashrc
    zsh:   tracker completion zsh > "${fpath[1]}/_tracker"
    fish:  tracker completion fish \\
             > ~/.config/fish/completions/tracker.fish
    """
    from tracker.cli.complete import completion_script
    from tracker.cli.context import echo

    echo(completion_script(ctx.find_root().command, shell))


def report_group_with_coach() -> click.Command:
    """`tracker report`, with the coach's pages (html, team) added to its subcommands."""
    from tracker.cli import coach, reports

    for command in coach.REPORT_COMMANDS:
        reports.report_group.add_command(command)
    return reports.report_group


def main() -> None:
    from tracker.cli.startup import pause_collector

    pause_collector()
    cli(prog_name="tracker")
