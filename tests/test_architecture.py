"""The layers stay apart, and the CLI starts without the database stack."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import tracker
from tests.helpers.cli import Tracker
from tracker.cli import COMMANDS

PACKAGE = Path(tracker.__file__).resolve().parent
INFRASTRUCTURE = ("sqlalchemy", "alembic", "click", "psycopg")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").glob("*.py")), ids=lambda p: p.name)
def test_domain_imports_no_infrastructure(path: Path) -> None:
    leaks = {m for m in imported_modules(path) if m.split(".")[0] in INFRASTRUCTURE}
    leaks |= {
        m
        for m in imported_modules(path)
        if m.startswith(("tracker.adapters", "tracker.cli", "tracker.services"))
    }
    assert not leaks, f"{path.name} imports {sorted(leaks)}"


def adapter_imports(path: Path) -> list[str]:
    """The adapter modules a module imports, at its top, in a function or for type checking."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("tracker.adapters")]
        elif isinstance(node, ast.ImportFrom) and node.module == "tracker":
            found += [f"tracker.{a.name}" for a in node.names if a.name == "adapters"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "tracker.adapters"
        ):
            found.append(str(node.module))
    return found


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "cli").rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_the_cli_imports_no_adapter(path: Path) -> None:
    """One composition root (tracker/bootstrap.py) wires the adapters; commands ask it."""
    assert not adapter_imports(path), f"{path.name} imports {adapter_imports(path)}"


def test_the_adapter_check_catches_each_kind(tmp_path: Path) -> None:
    module = tmp_path / "command.py"
    for code in ("from tracker.adapters.db import TargetExists\n",
                 "def f():\n    import tracker.adapters.location\n",
                 "if TYPE_CHECKING:\n    from tracker.adapters.unit_of_work import UnitOfWork\n",
                 "from tracker import adapters\n"):  # fmt: skip
        module.write_text(code, encoding="utf-8")
        assert len(adapter_imports(module)) == 1, code
    module.write_text("from tracker.bootstrap import describe\n", encoding="utf-8")
    assert adapter_imports(module) == []


def loaded_modules(code: str, env: dict[str, str] | None = None) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return set(out.split())


def test_domain_package_loads_without_infrastructure() -> None:
    modules = loaded_modules(
        "import importlib, pkgutil, tracker.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module('tracker.domain.' + m.name)"
    )
    assert not {m for m in modules if m.split(".")[0] in INFRASTRUCTURE}


HELP_AND_USAGE = [
    ["--help"],
    ["--version"],
    *([name, "--help"] for name in sorted(COMMANDS)),  # each command's module, imported
    ["session", "bogus"],  # a usage error
    ["routine", "show"],  # a missing argument
]


@pytest.mark.parametrize("args", HELP_AND_USAGE, ids=" ".join)
def test_help_and_version_import_no_database_stack(args: list[str]) -> None:
    """Help, version and usage errors import Click and the domain only: a command module
    keeps its services (and with them SQLAlchemy) inside its commands."""
    modules = loaded_modules(
        f"import sys; sys.argv = ['tracker', *{args!r}]\n"
        "from tracker.cli import cli\n"
        "try:\n    cli(prog_name='tracker')\nexcept SystemExit:\n    pass"
    )
    assert "click" in modules
    assert not {m for m in modules if m.split(".")[0] in ("sqlalchemy", "alembic")}
    heavy = ("tracker.services", "tracker.adapters", "tracker.bootstrap", "importlib.util")
    assert not {m for m in modules if m.startswith(heavy)}


def test_help_reads_the_docstrings_of_a_zipped_package(tmp_path: Path) -> None:
    """`tracker --help` reads each command's docstring through its module's loader: imported
    from a zip (zipimport) it lists the same lines as from files, and imports no command."""
    import os
    import zipfile

    archive = tmp_path / "tracker.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in PACKAGE.rglob("*.py"):
            zipped.write(path, Path("tracker") / path.relative_to(PACKAGE))
    code = (
        "import sys\nfrom tracker.cli import cli\n"
        "try:\n    cli(['--help'], prog_name='tracker')\nexcept SystemExit:\n    pass\n"
        "import tracker\nprint(tracker.__file__)\n"
        "print(sorted(m for m in sys.modules if m.startswith('tracker.cli.')))"
    )

    def run(pythonpath: str) -> list[str]:
        env = {**os.environ, "PYTHONPATH": pythonpath, "COLUMNS": "100"}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout
        return out.splitlines()

    *zipped_help, zipped_file, zipped_modules = run(str(archive))
    *files_help, files_file, _ = run(str(PACKAGE.parent))
    assert zipped_file.startswith(str(archive)) and not files_file.startswith(str(archive))
    assert "Commands:" in zipped_help and zipped_help == files_help
    assert zipped_modules == "['tracker.cli.terminal']"  # read, not imported


def test_every_command_has_help() -> None:
    from tests.helpers.cli import walk_commands

    paths = []
    for path, command in walk_commands():
        assert command.help, f"tracker {' '.join(path)} is missing its help"
        paths.append(path)
    assert ["report", "team"] in paths and ["session", "list"] in paths  # the walk goes deep


def test_the_lazy_command_map_matches_the_commands() -> None:
    """`tracker --help` lists commands from tracker.cli.COMMANDS without importing them: each
    entry must load a command of that name whose own short help is the map's."""
    from tracker.cli import COMMANDS, load_command

    for name, lazy in COMMANDS.items():
        command = load_command(name)
        assert command.name == name, lazy.target
        assert command.get_short_help_str(10_000) == lazy.help, name


def test_a_one_shot_command_imports_only_its_own_module() -> None:
    modules = loaded_modules(
        "from tracker.cli import cli\n"
        "try:\n    cli(['db', 'path'], prog_name='tracker')\nexcept SystemExit:\n    pass"
    )
    assert "tracker.cli.db_cmds" in modules
    others = {"tracker.cli.exercises", "tracker.cli.coach", "tracker.cli.gym", "jinja2"}
    assert not others & modules


def run_in_fresh_process(args: list[str], db: Path, **env: str) -> set[str]:
    """The modules a command loaded, run the way the installed `tracker` runs it (`main`)."""
    import os

    return loaded_modules(
        f"import sys; sys.argv = ['tracker', *{args!r}]\n"
        "from tracker.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass",
        env={**os.environ, "TRACKER_DB": str(db), **env},
    )


@pytest.fixture
def logged(new_sqlite: Callable[[str], str], tmp_path: Path) -> Path:
    """A database with a session (made in this process: only the commands below are checked)."""
    Tracker(new_sqlite("t.db"), CliRunner()).ok("log", "leg press", "8x100")
    return tmp_path / "t.db"


@pytest.mark.parametrize("args", [["session", "list"], ["lifter", "list"]], ids=" ".join)
def test_read_path_commands_never_build_the_orm(args: list[str], logged: Path) -> None:
    db = logged
    assert "tracker.adapters.orm" in run_in_fresh_process(["session", "show"], db)  # the check
    modules = run_in_fresh_process(args, db)
    assert "tracker.adapters.reads" in modules
    assert "tracker.adapters.orm" not in modules
    assert not {m for m in modules if m.startswith("alembic")}


def test_completing_an_exercise_name_never_builds_the_orm(logged: Path) -> None:
    db = logged
    words = {"COMP_WORDS": "tracker log sing", "COMP_CWORD": "2"}
    modules = run_in_fresh_process([], db, _TRACKER_COMPLETE="bash_complete", **words)
    assert {"tracker.cli.complete", "tracker.adapters.reads"} <= modules
    assert "tracker.adapters.orm" not in modules


def test_completing_a_routine_name_never_builds_the_orm(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run_in_fresh_process(["routine", "add", "Push"], db)
    words = {"COMP_WORDS": "tracker routine show P", "COMP_CWORD": "3"}
    modules = run_in_fresh_process([], db, _TRACKER_COMPLETE="bash_complete", **words)
    assert {"tracker.cli.complete", "tracker.adapters.reads"} <= modules
    assert "tracker.adapters.orm" not in modules


@pytest.mark.parametrize(
    "words", ["tracker config set inc", "tracker session ", "tracker undo --"]
)
def test_completing_a_subcommand_or_an_option_imports_no_database_stack(
    words: str, tmp_path: Path
) -> None:
    comp = {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    db = tmp_path / "t.db"
    modules = run_in_fresh_process([], db, _TRACKER_COMPLETE="bash_complete", **comp)
    assert not {m for m in modules if m.split(".")[0] == "sqlalchemy"}
    assert not {m for m in modules if m.startswith(("tracker.services", "tracker.adapters"))}


# Services orchestrate: queries live behind named methods in adapters/ (issue 16).
SQL_PATTERNS = (r"\bselect\(", r"\.execute\(", r"\.session(_for_queries)?\b")


def sql_in(path: Path) -> list[str]:
    """What in a services module belongs in adapters/: SQLAlchemy imports, queries, sessions."""
    import re

    found = [m for m in imported_modules(path) if m.split(".")[0] == "sqlalchemy"]
    text = path.read_text(encoding="utf-8")
    found += [pattern for pattern in SQL_PATTERNS if re.search(pattern, text)]
    return found


@pytest.mark.parametrize("path", sorted((PACKAGE / "services").glob("*.py")), ids=lambda p: p.name)
def test_services_hold_no_sql(path: Path) -> None:
    assert not sql_in(path), f"{path.name} contains {sql_in(path)}"


def test_the_sql_check_catches_each_kind(tmp_path: Path) -> None:
    cases = {
        "from sqlalchemy import select\n": "sqlalchemy",
        "import sqlalchemy.orm\n": "sqlalchemy.orm",
        "rows = repo.find(select(X))\n": SQL_PATTERNS[0],
        "conn.execute(statement)\n": SQL_PATTERNS[1],
        "repo.session.add(row)\n": SQL_PATTERNS[2],
        "uow.session_for_queries()\n": SQL_PATTERNS[2],
    }
    for code, finding in cases.items():
        module = tmp_path / "service.py"
        module.write_text(code, encoding="utf-8")
        assert sql_in(module) == [finding], code
    module.write_text("def session_for(at): return selection(at)\n", encoding="utf-8")
    assert sql_in(module) == []


# Services type against abstractions (issue 24): the unit of work, repositories, reads, report
# queries and roles are given to them; the classes that hold a database handle are not theirs.
DATABASE_HANDLES = {"Session", "Engine", "Connection"}


def concrete_adapter_classes() -> set[str]:
    """Classes of adapters/ built on a database handle, or implementing an Abstract* class,
    and their subclasses."""
    found = set()
    for path in (PACKAGE / "adapters").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {ast.unparse(base) for base in node.bases}
            init = next((f for f in node.body if getattr(f, "name", "") == "__init__"), None)
            takes = (
                {ast.unparse(a.annotation) for a in init.args.args if a.annotation}
                if isinstance(init, ast.FunctionDef)
                else set()
            )
            concrete_base = any(b.startswith("Abstract") or b in found for b in bases)
            if takes & DATABASE_HANDLES or concrete_base:
                found.add(node.name)
    return found


CONCRETE = concrete_adapter_classes()


def concrete_imports(path: Path) -> list[str]:
    """The concrete adapter classes a module imports from tracker.adapters, at any level."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tracker.adapters"):
            found += [alias.name for alias in node.names if alias.name in CONCRETE]
    return found


@pytest.mark.parametrize("path", sorted((PACKAGE / "services").glob("*.py")), ids=lambda p: p.name)
def test_services_take_only_abstract_units_of_work(path: Path) -> None:
    assert not concrete_imports(path), f"{path.name} imports {concrete_imports(path)}"


def test_the_abstraction_check_catches_each_kind(tmp_path: Path) -> None:
    assert {"UnitOfWork", "SqlGymRows", "SqlLogRows", "Reads", "ReportQueries", "Roles"} <= CONCRETE
    assert not {"AbstractUnitOfWork", "CatalogRows", "AbstractReads"} & CONCRETE
    module = tmp_path / "service.py"
    for code in ("from tracker.adapters.unit_of_work import UnitOfWork\n",
                 "def f():\n    from tracker.adapters.repository import SqlGymRows\n",
                 "from tracker.adapters.roles import AbstractRoles, Roles\n"):  # fmt: skip
        module.write_text(code, encoding="utf-8")
        assert len(concrete_imports(module)) == 1, code
    module.write_text("from tracker.adapters.unit_of_work import AbstractUnitOfWork\n")
    assert concrete_imports(module) == []


# One small repository per aggregate (cosmicpython's `uow.products`): a service reaches storage
# through uow.lifters, .catalog, .log, .gym, .transfers and .journal, and its helpers take the
# one Protocol they touch; the whole repository (`uow.repo`, AbstractRepository) is not theirs.
WHOLE_REPOSITORY = re.compile(r"\bAbstractRepository\b|\.repo\b")


def whole_repository_uses(path: Path) -> list[int]:
    """Lines of a module that reach the whole repository: an attribute `.repo`, the name
    AbstractRepository (imported, annotated or in a string annotation)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            (isinstance(node, ast.Attribute) and node.attr == "repo")
            or (isinstance(node, ast.Name) and node.id == "AbstractRepository")
            or (isinstance(node, ast.alias) and node.name == "AbstractRepository")
            or (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and WHOLE_REPOSITORY.search(node.value))
        ):  # fmt: skip
            found.append(node.lineno)
    return sorted(found)


@pytest.mark.parametrize("path", sorted((PACKAGE / "services").glob("*.py")), ids=lambda p: p.name)
def test_services_use_one_repository_per_aggregate(path: Path) -> None:
    assert not whole_repository_uses(path), f"{path.name}: lines {whole_repository_uses(path)}"


def test_the_repository_check_catches_each_kind(tmp_path: Path) -> None:
    module = tmp_path / "service.py"
    for code in ("def f(uow):\n    return uow.repo.lifter('me')\n",
                 "def f(self):\n    repo = self.uow.repo\n",
                 "from tracker.adapters.repository import AbstractRepository\n",
                 "def f(repo: AbstractRepository) -> None: ...\n",
                 "def f(repo: 'AbstractRepository') -> None: ...\n"):  # fmt: skip
        module.write_text(code, encoding="utf-8")
        assert len(whole_repository_uses(module)) >= 1, code
    module.write_text(
        "from tracker.adapters.repository import CatalogRows\n"
        "def f(uow, catalog: CatalogRows):\n"
        "    return uow.catalog.exercise('x'), catalog.exercises(), uow.journal\n",
        encoding="utf-8",
    )
    assert whole_repository_uses(module) == []


def test_each_aggregate_has_its_own_repository_and_fake() -> None:
    """The abstract unit of work names one repository per aggregate; the fake unit of work
    composes one fake per aggregate over one shared store."""
    from tests.fakes import FakeUnitOfWork
    from tracker.adapters.unit_of_work import AbstractUnitOfWork

    aggregates = ("lifters", "catalog", "log", "gym", "transfers", "journal")
    assert set(aggregates) <= set(AbstractUnitOfWork.__annotations__)
    assert "repo" not in AbstractUnitOfWork.__annotations__
    uow = FakeUnitOfWork()
    fakes = [getattr(uow, name) for name in aggregates]
    assert len({type(fake) for fake in fakes}) == len(aggregates)
    assert all(fake.store is uow.store for fake in fakes)


def service_imports(path: Path) -> set[str]:
    """The other service modules a service module imports, at the top or in a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "tracker.services":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "tracker.services."
        ):
            found.add(str(node.module).split(".")[2])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[2] for a in node.names
                      if a.name.startswith("tracker.services.")}  # fmt: skip
    return found - {path.stem}


def import_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as the modules along it (first repeated last), or []."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str]:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return []
        for imported in sorted(graph.get(module, ())):
            cycle = visit(imported, [*path, module])
            if cycle:
                return cycle
        done.add(module)
        return []

    for module in sorted(graph):
        cycle = visit(module, [])
        if cycle:
            return cycle
    return []


def test_services_import_each_other_without_cycles() -> None:
    """A cycle hidden by an import inside a function still couples the two modules both ways."""
    graph = {p.stem: service_imports(p) for p in (PACKAGE / "services").glob("*.py")}
    assert not import_cycle(graph), " -> ".join(import_cycle(graph))


def test_the_cycle_check_catches_each_kind(tmp_path: Path) -> None:
    module = tmp_path / "history.py"
    code = "def f():\n    from tracker.services.logbook import SESSION_GAP\n"
    module.write_text(code + "from tracker.services import undone\nimport tracker.services.gym\n")
    assert service_imports(module) == {"logbook", "undone", "gym"}
    assert import_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert import_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


# One place owns each figure (issue 22): the functions that compute an e1RM, an LSI, a status
# or a weaker side are called by the figures module alone; every view renders its results.
FIGURES_MODULE = "tracker/domain/report_figures.py"
RULE_MODULES = {"tracker.domain.e1rm", "tracker.domain.asymmetry"}
# What those modules may give anyone: the figure types, a formula's name check, text (and
# where the noise came from and its display rounding, which the headline's sentence names).
# (The display rounding of an LSI is shared as lsi_text is; MAX_REPS bounds the SQL's exact
# e1RM keys, which the oracle property test holds equal to the domain's.)
SHARED = {"Judgement", "SessionComparison", "Status", "Verdict", "formula_for", "FORMULAS",
          "DEFAULT_FORMULA", "lsi_text", "pct_text", "shown_lsi",
          "shown_asymmetry", "MAX_REPS", "NoiseFrom", "shown_noise", "shown_beside"}


def figure_rules_used(path: Path) -> list[str]:
    """The e1RM, LSI and status functions a module imports (or reaches as module.attribute)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in RULE_MODULES:
            found += [a.name for a in node.names if a.name not in SHARED]
        elif isinstance(node, ast.ImportFrom) and node.module == "tracker.domain":
            found += [a.name for a in node.names if f"tracker.domain.{a.name}" in RULE_MODULES]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name in RULE_MODULES]
    return found


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py"))
     if p.stem not in ("e1rm", "asymmetry") or p.parent.name != "domain"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_only_the_figures_module_computes_figures(path: Path) -> None:
    if path.as_posix().endswith(FIGURES_MODULE):
        return
    assert not figure_rules_used(path), f"{path.name} imports {figure_rules_used(path)}"


def test_the_figures_check_catches_each_kind(tmp_path: Path) -> None:
    cases = {
        "from tracker.domain.e1rm import estimate_1rm\n": ["estimate_1rm"],
        "from tracker.domain.asymmetry import lsi, status_for\n": ["lsi", "status_for"],
        "    from tracker.domain.asymmetry import weaker_side\n": ["weaker_side"],
        "from tracker.domain import e1rm\n": ["e1rm"],
        "import tracker.domain.asymmetry\n": ["tracker.domain.asymmetry"],
        "from tracker.domain.asymmetry import Judgement, lsi_text\n": [],
    }
    for code, finding in cases.items():
        module = tmp_path / "view.py"
        module.write_text(f"def f():\n{code}" if code.startswith(" ") else code, encoding="utf-8")
        assert figure_rules_used(module) == finding, code


@pytest.mark.parametrize("name", ["logbook.py", "suggest.py"])
def test_logging_and_suggest_services_return_typed_results(name: str) -> None:
    """Typed results: dict[str, Any] only inside as_json, which renders the documented JSON."""
    import re

    text = (PACKAGE / "services" / name).read_text(encoding="utf-8")
    outside_json = re.sub(r"def as_json\(self\).*?return data\n", "", text, flags=re.S)
    assert "dict[str, Any]" not in outside_json


def test_completing_a_command_name_imports_no_command_module() -> None:
    modules = loaded_modules(
        "import os\n"
        "os.environ.update(COMP_WORDS='tracker se', COMP_CWORD='1', "
        "_TRACKER_COMPLETE='bash_complete')\n"
        "from tracker.cli import cli\n"
        "try:\n    cli(prog_name='tracker')\nexcept SystemExit:\n    pass"
    )
    assert "tracker.cli" in modules
    assert not {m for m in modules if m.startswith("tracker.cli.") and m != "tracker.cli.terminal"}


def test_the_collector_runs_again_once_the_database_is_open(tmp_path: Path) -> None:
    """`main` pauses the garbage collector for start-up only (cli/startup.py): a gym session or
    a large import must collect its cycles, while the start-up's objects stay frozen."""
    import os

    code = (
        "import gc, sys; sys.argv = ['tracker', 'session', 'list']\n"
        "from tracker.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('collector', gc.isenabled(), gc.get_freeze_count() > 10_000)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TRACKER_DB": str(tmp_path / "t.db")},
    ).stdout
    assert out.splitlines()[-1] == "collector True True"


def unescaped_output(path: Path) -> list[str]:
    """Writes to the terminal that bypass the one sink (cli.context.echo): click.echo and
    click.secho, print, and sys.stdout/sys.stderr.write or a click question of anything but
    terminal_text(...)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        call = ast.unparse(node.func)
        if call in ("click.echo", "click.secho", "print"):
            found.append(f"line {node.lineno}: {call}")
        elif call in (
            "sys.stdout.write",
            "sys.stderr.write",
            "click.confirm",
            "click.prompt",
        ) and not (
            node.args
            and isinstance(node.args[0], ast.Call)
            and ast.unparse(node.args[0].func) == "terminal_text"
        ):
            found.append(f"line {node.lineno}: {call} without terminal_text")
    return found


CLI_MODULES = sorted(p for p in (PACKAGE / "cli").rglob("*.py") if p.name != "context.py")


@pytest.mark.parametrize("path", CLI_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_line_of_output_goes_through_the_escaping_sink(path: Path) -> None:
    """Stored text may hold ESC or a right-to-left override: a command that printed it itself
    would let a shared file drive the terminal (issue 21)."""
    assert not unescaped_output(path), f"{path.name}: {unescaped_output(path)}"


def test_the_output_check_catches_each_kind(tmp_path: Path) -> None:
    module = tmp_path / "command.py"
    for code in ("click.echo(name)\n", "print(name)\n", "click.secho(name)\n",
                 "sys.stdout.write(name)\n", "sys.stderr.write(f'{name}')\n",
                 "click.confirm(question)\n"):
        module.write_text(code, encoding="utf-8")
        assert len(unescaped_output(module)) == 1, code
    module.write_text("echo(name)\nsys.stdout.write(terminal_text(page))\n", encoding="utf-8")
    assert unescaped_output(module) == []


# Wording in one place (issue 24): tracker.wording writes the sentences from the domain's
# structured reasons, for text, JSON and HTML alike. It is pure: the domain and the standard
# library only, so that any layer may use it and it never reaches for storage or the terminal.
WORDING_MODULES = sorted((PACKAGE / "wording").glob("*.py"))


def wording_leaks(path: Path) -> set[str]:
    """What a wording module imports beyond the domain, itself and the standard library."""
    return {
        m
        for m in imported_modules(path)
        if m.split(".")[0] in (*INFRASTRUCTURE, "jinja2", "prompt_toolkit")
        or (m.startswith("tracker") and not m.startswith(("tracker.domain", "tracker.wording")))
    }


@pytest.mark.parametrize("path", WORDING_MODULES, ids=lambda p: p.name)
def test_wording_imports_only_the_domain(path: Path) -> None:
    assert not wording_leaks(path), f"{path.name} imports {sorted(wording_leaks(path))}"


def test_the_wording_check_catches_each_kind(tmp_path: Path) -> None:
    module = tmp_path / "words.py"
    leaks = (
        "import click\n",
        "from sqlalchemy import select\n",
        "from tracker.adapters.orm import Exercise\n",
        "def f():\n    from tracker.services.suggest import Suggestion\n",
        "from tracker.cli.layout import wrap\n",
        "from tracker import bootstrap\n",
    )
    for code in leaks:
        module.write_text(code, encoding="utf-8")
        assert len(wording_leaks(module)) == 1, code
    module.write_text("from tracker.domain.loads import StepReason\nimport re\n", encoding="utf-8")
    assert wording_leaks(module) == set()


def count_plurals(path: Path) -> list[int]:
    """Lines defining a plural of a count ("3 sets"): a `plural` that takes a count and a word.
    (domain/names.py's `plural(word)`, an exercise name's plural, is another thing.)"""
    return [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == "plural" and len(node.args.args) > 1
    ]


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py")) if p.parent.name != "wording"],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_one_plural_lives_in_the_wording_package(path: Path) -> None:
    assert not count_plurals(path), f"{path.name} defines plural at {count_plurals(path)}"


def test_the_plural_check_catches_each_kind(tmp_path: Path) -> None:
    module = tmp_path / "view.py"
    module.write_text("def plural(count: int, word: str) -> str:\n    return word\n")
    assert count_plurals(module) == [1]
    module.write_text("class A:\n    def plural(self, n: int) -> str:\n        return ''\n")
    assert count_plurals(module) == [2]
    module.write_text("def plural(word: str) -> str | None:\n    return None\n")
    assert count_plurals(module) == []


# The gym service returns structured results (a plan, a brief with its load convention, counts)
# and tracker.wording.gym writes the prompt's sentences: the service formats no string.
SENTENCE_FREE = [PACKAGE / "services" / "gym.py"]


def formatted_strings(path: Path) -> list[int]:
    """Lines that format a string: an f-string, `%` on a string, or a string's `.format`."""

    def text(node: ast.expr) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str)

    return [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and text(node.left))
        or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and text(node.func.value)
        )
    ]


@pytest.mark.parametrize("path", SENTENCE_FREE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_gym_service_writes_no_sentence(path: Path) -> None:
    assert not formatted_strings(path), f"{path.name} formats at {formatted_strings(path)}"


def test_the_sentence_check_catches_each_kind(tmp_path: Path) -> None:
    module = tmp_path / "service.py"
    for code in ('x = f"#{n} is gone"\n', 'x = "%s held" % n\n', 'x = "{} held".format(n)\n'):
        module.write_text(code, encoding="utf-8")
        assert formatted_strings(module) == [1], code
    module.write_text('x = 7 % n\ny = name.format(n)\nz = "per side"\n', encoding="utf-8")
    assert formatted_strings(module) == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_the_package_ships_no_test_code(path: Path) -> None:
    """The reports' set-by-set oracle and the fakes live in tests/: no module of the package
    imports them (the wheel does not hold tests/)."""
    test_code = {name for name in imported_modules(path) if name.split(".")[0] == "tests"}
    assert not test_code, f"{path.relative_to(PACKAGE)} imports {sorted(test_code)}"
    assert "oracle" not in path.stem, f"{path.relative_to(PACKAGE)}: the oracle belongs in tests/"


def orm_rows_built(path: Path) -> list[str]:
    """The ORM classes a module calls (builds a row of), read from its syntax tree: names
    imported from `tracker.adapters.orm`, at any level, then called."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    orm_names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "tracker.adapters.orm"
        for alias in node.names
    }
    return [
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in orm_names
    ]


@pytest.mark.parametrize("path", sorted((PACKAGE / "services").glob("*.py")), ids=lambda p: p.name)
def test_services_build_no_orm_rows(path: Path) -> None:
    """A service asks for new rows (adapters/new_rows.py, adapters/exercise_rows.py); the ORM
    classes are only types to it."""
    assert not orm_rows_built(path), f"{path.name} builds {orm_rows_built(path)}"


def test_the_orm_row_check_catches_each_kind(tmp_path: Path) -> None:
    module = tmp_path / "service.py"
    for code in ("from tracker.adapters.orm import GymState\nGymState(session_id=1)\n",
                 "def f():\n    from tracker.adapters.orm import Lifter as L\n    return L()\n"):
        module.write_text(code, encoding="utf-8")
        assert len(orm_rows_built(module)) == 1, code
    module.write_text(
        "from tracker.adapters.orm import Lifter\ndef f(lifter: Lifter) -> Lifter:\n"
        "    return lifter\n",
        encoding="utf-8",
    )
    assert orm_rows_built(module) == []
