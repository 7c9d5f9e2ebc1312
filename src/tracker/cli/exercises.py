"""`tracker exercises ...`: the catalog of exercises and their cards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tracker.cli.complete import complete_exercise
from tracker.cli.context import App, echo, echo_wrapped, emit_json, pass_app, style
from tracker.cli.layout import Column, plural, prose_width, table, terminal_width, wrap, wrap_line
from tracker.cli.params import NUMBER
from tracker.cli.render import printable, printable_data
from tracker.domain.model import Difficulty, Laterality
from tracker.domain.units import Unit, as_number, exact_text
from tracker.wording.suggest import ratio_pct

if TYPE_CHECKING:
    from tracker.domain.exercise_def import ExerciseDef
    from tracker.services.catalog import ExerciseCard

F = TypeVar("F", bound=Callable[..., Any])
DIFFICULTIES = [difficulty.value for difficulty in Difficulty]
# What `exercises list --json` writes of each exercise: its card's fields up to the source.
LIST_FIELDS = (
    "name", "aliases", "body_part", "equipment", "target", "secondary", "difficulty",
    "category", "laterality", "parent", "source",
)


@click.group("exercises")
def exercises_group() -> None:
    """The exercise catalog: search it, read a card, add your own, import more."""


@exercises_group.command("list")
@click.argument("search", required=False)
@click.option("--body-part", help="legs, back, chest, shoulders, arms, core, full body, cardio.")
@click.option(
    "--equipment", help="barbell, dumbbell, machine, cable, kettlebell, bodyweight, band..."
)
@click.option("--muscle", help="Target or secondary muscle, e.g. glutes.")
@click.option("--difficulty", type=click.Choice(DIFFICULTIES))
@click.option("--category", help="strength, cardio, stretching, plyometrics...")
@click.option("--unilateral", is_flag=True, help="Only one-side (and alternating) exercises.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def exercises_list(app: App, /, search: str | None, as_json: bool, **filters: Any) -> None:
    """List exercises, optionally filtered; SEARCH matches words of names and aliases."""
    from tracker.services.catalog import ListFilters, list_exercises

    rows = list_exercises(app.uow(read_only=True), ListFilters(search=search, **filters))
    if as_json:
        emit_json([{key: getattr(row, key) for key in LIST_FIELDS} for row in rows])
        return
    if not rows:
        echo("No exercises match.")
        return
    columns = [
        Column("name"),
        Column("body part", "part"),
        Column("equipment", "equip."),
        Column("target"),
        Column("sides"),
    ]
    width = terminal_width()
    wide = width is None or width >= 100
    lines = table(
        [
            [printable(str(cell)) for cell in (r.name, r.body_part, r.equipment, r.target)]
            + [_sides(r, wide)]
            for r in rows
        ],
        columns,
        width,
    )
    for line in lines:
        echo(line)
    echo(plural(len(rows), "exercise"))


def _sides(row: ExerciseDef, wide: bool) -> str:
    """The sides column; short on a narrow screen (`exercises show` names the parent)."""
    if row.laterality is Laterality.BILATERAL:
        return "both"
    if not wide:
        return "1 side" if row.laterality is Laterality.UNILATERAL else "alt."
    return f"{row.laterality} (of {row.parent})" if row.parent else row.laterality.value


@exercises_group.command("show")
@click.argument("name", shell_complete=complete_exercise)
@click.option("--json", "as_json", is_flag=True, help="Output every field as JSON.")
@pass_app
def exercises_show(app: App, name: str, as_json: bool) -> None:
    """Show the full card of exercise NAME (name, alias, or a unique prefix)."""
    from tracker.services.catalog import show_exercise

    card = show_exercise(app.uow(read_only=True), name)
    if as_json:
        emit_json(card_json(card))
        return
    for line in render_card(printable_data(card)):
        echo(line)


def card_json(card: ExerciseCard) -> dict[str, Any]:
    """The `exercises show --json` shape: every field, loads and ratios as JSON numbers."""
    fields = asdict(card)
    fields["edited"] = fields.pop("edited")  # last, after the related exercises
    return fields | {
        "ratio": None if card.ratio is None else [as_number(r) for r in card.ratio],
        "increment": None if card.increment is None else as_number(card.increment),
        "sled": None if card.sled is None else as_number(card.sled),
    }


def render_card(card: ExerciseCard) -> list[str]:
    def title(text: str) -> str:
        return style(text, bold=True)

    lines = [*wrap_line(title(card.name)), ""]
    if card.summary:
        lines += wrap(card.summary)
        lines.append("")
    facts = [
        ("Body part", card.body_part),
        ("Equipment", card.equipment),
        ("Target muscle", card.target or "-"),
        ("Secondary muscles", ", ".join(card.secondary) or "-"),
        ("Difficulty", card.difficulty),
        ("Category", card.category),
        ("Laterality", card.laterality.value),
        *([("Better result", "lower (less is better)")] if card.lower_is_better else []),
        _measure_fact(card),
        ("Load logged", _load_logged(card)),
    ]
    if card.aliases:
        facts.append(("Also called", ", ".join(card.aliases)))
    if card.parent:
        ratio = ""
        if card.ratio is not None:
            low, high = card.ratio
            ratio = f" (start at {ratio_pct(low)}%-{ratio_pct(high)}% of its load)"
        facts.append(("Bilateral parent", f"{card.parent}{ratio}"))
    if card.sled is not None:
        facts.append(("Sled weight", f"{exact_text(card.sled)} {card.sled_unit}"))
    lines.append(title("Quick facts"))
    # Labels in a column of their own when there is room; on a phone, values under them.
    narrow = prose_width() < 70
    for label, value in facts + ([("Ratio source", card.ratio_note)] if card.ratio_note else []):
        if narrow:
            lines += wrap(value, indent="      ", first=f"  {label}: ")
        else:
            lines += wrap(value, indent=" " * 22, first=f"  {label + ':':<19} ")
    if card.steps:
        lines += ["", title("How to perform")]
        for number, step in enumerate(card.steps, 1):
            lines += wrap(step, indent="     ", first=f"  {number}. ")
    for heading, items in (("Tips", card.tips), ("Common mistakes", card.mistakes)):
        if items:
            lines += ["", title(heading)]
            for item in items:
                lines += wrap(item, indent="    ", first="  - ")
    if card.faq:
        lines += ["", title("FAQ")]
        for faq in card.faq:
            lines += wrap(faq.q, indent="  ", first="  Q: ")
            lines += wrap(faq.a, indent="     ", first="  A: ")
    related = card.related
    lines += ["", title("Related exercises")]
    for label, names in (
        ("Unilateral/bilateral", related.partners),
        (f"Same body part ({card.body_part})", related.same_body_part),
        (f"Same equipment ({card.equipment})", related.same_equipment),
        (f"Same target ({card.target})", related.same_target),
    ):
        if names:
            lines += wrap(", ".join(names), indent="    ", first=f"  {label}: ")
    return lines


def _measure_fact(card: ExerciseCard) -> tuple[str, str]:
    """The rep range of an exercise done for reps; a hold, a carry or a hop test says what
    it is measured by instead (its stored rep range is only the column's default)."""
    if card.measured_by == "reps":
        return "Rep range", f"{card.rep_range[0]}-{card.rep_range[1]}"
    return "Measured by", card.measured_by


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _load_logged(card: ExerciseCard) -> str:
    """What a logged load of this exercise is: "per dumbbell (2 held)", "per side" ..."""
    from tracker.domain.equipment import Equipment, equipment_key  # not needed for --help
    from tracker.domain.load_convention import LoadPer
    from tracker.domain.set_rules import is_cardio

    equipment = equipment_key(card.equipment)
    if card.measured_by != "reps" and is_cardio(card.body_part, card.category):
        # A treadmill, a rower or a rope is logged as a time or a distance: it has no stack.
        return "none: log the time or distance (20min, 5km)"
    if equipment is Equipment.BODYWEIGHT:
        # 12xBW logs no load; 8xBW+10 logs what a belt or vest adds, 8xBW-20 an assisted
        # machine's help: the load is never the body weight itself, nor a stack.
        each = ", per side" if card.load_per is LoadPer.SIDE else ""
        return f"added weight (BW+10), or the assistance when negative (BW-20){each}"
    if card.load_per is LoadPer.IMPLEMENT:
        thing = "kettlebell" if "kettlebell" in card.equipment else "dumbbell"
        return f"per {thing} ({card.implements} held)"
    described = {LoadPer.SIDE: "per side", LoadPer.BAR: "the whole bar"}
    stacked = equipment in (Equipment.MACHINE, Equipment.CABLE, Equipment.SMITH_MACHINE)
    return described.get(card.load_per, "the whole stack" if stacked else "the total")


def exercise_options(func: F) -> F:
    """Options shared by `exercises add` and `exercises edit`."""
    options = [
        click.option(
            "--alias", "aliases", multiple=True, help="What you type for it (repeatable)."
        ),
        click.option("--body-part", help="legs, back, chest, shoulders, arms, core, ..."),
        click.option("--equipment", help="barbell, dumbbell, machine, cable, kettlebell, ..."),
        click.option("--target", help="Target muscle."),
        click.option("--secondary", help="Secondary muscles, comma-separated."),
        click.option("--difficulty", type=click.Choice(DIFFICULTIES)),
        click.option("--category", help="strength, cardio, stretching, plyometrics, ..."),
        click.option(
            "--unilateral", "laterality", flag_value="unilateral", help="One side at a time."
        ),
        click.option(
            "--alternating", "laterality", flag_value="alternating", help="Sides take turns."
        ),
        click.option(
            "--bilateral", "laterality", flag_value="bilateral", help="Both sides together."
        ),
        click.option(
            "--lower-is-better/--higher-is-better",
            "lower_is_better",
            default=None,
            help="A test where less is better (a timed hop): its LSI, bests and suggestions "
            "take the shorter time as the better result.",
        ),
        click.option(
            "--parent",
            help="The bilateral exercise this is a one-side variant of.",
            shell_complete=complete_exercise,
        ),
        click.option(
            "--ratio", help="Starting load per side as a share of the parent's, e.g. 0.4-0.5."
        ),
        click.option("--increment", type=NUMBER, help="Smallest load step on this equipment."),
        click.option("--sled", type=NUMBER, help="Carriage weight of a plate-loaded machine."),
        click.option(
            "--per",
            type=click.Choice(["implement", "side", "bar", "total"]),
            help="What a logged load is per: one dumbbell or kettlebell (implement), one side "
            "of a machine or cable, the whole bar, or the whole stack (total).",
        ),
        click.option(
            "--implements",
            type=click.IntRange(0, 4),
            help="Dumbbells or kettlebells held (2 for a Bulgarian split squat with two).",
        ),
        click.option(
            "--unit",
            type=click.Choice([unit.value for unit in Unit]),
            help="Unit of --increment and --sled (default: yours).",
        ),
        click.option("--rep-range", help="Double-progression rep range, e.g. 8-12."),
        click.option("--summary", help="One or two sentences about it."),
        click.option(
            "--step", "steps", multiple=True, help="A how-to step (repeatable, in order)."
        ),
        click.option("--tip", "tips", multiple=True, help="A tip (repeatable)."),
        click.option("--mistake", "mistakes", multiple=True, help="A common mistake (repeatable)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


# Options that are a definition's fields as typed (the service checks them).
FIELD_OPTIONS = (
    "body_part", "equipment", "target", "difficulty", "category", "laterality", "increment",
    "sled", "implements", "summary", "lower_is_better",
)


def build_changes(kw: dict[str, Any], rename: str | None = None) -> Any:
    from tracker.domain.exercise_def import parse_ratio, parse_rep_range
    from tracker.services.catalog import ExerciseChanges

    fields = {key: kw[key] for key in FIELD_OPTIONS} | {
        "secondary": _split(kw["secondary"]),
        "load_per": kw["per"],
        "rep_range": parse_rep_range(kw["rep_range"]) if kw["rep_range"] else None,
        "ratio": parse_ratio(kw["ratio"]) if kw["ratio"] else None,
        "steps": kw["steps"] or None,
        "tips": kw["tips"] or None,
        "mistakes": kw["mistakes"] or None,
    }
    return ExerciseChanges(
        fields={key: value for key, value in fields.items() if value is not None},
        aliases=tuple(kw["aliases"]) or None,
        parent=kw["parent"],
        rename=rename,
    )


def _unit_for(app: App, kw: dict[str, Any]) -> str:
    if kw["unit"]:
        return str(kw["unit"])
    from tracker.services.lifters import get_unit

    return get_unit(app.uow(), app.lifter).value


@exercises_group.command("add")
@click.argument("name")
@exercise_options
@pass_app
def exercises_add(app: App, /, name: str, **kw: Any) -> None:
    """Add a custom exercise NAME, e.g. --unilateral --parent "Leg Press" --ratio 0.4-0.5."""
    from tracker.services.catalog import add_exercise

    added = add_exercise(app.uow(), name, build_changes(kw), _unit_for(app, kw))
    echo_wrapped(f"added {added}")


@exercises_group.command("edit")
@click.argument("name", shell_complete=complete_exercise)
@click.option("--rename", help="A new name.")
@exercise_options
@pass_app
def exercises_edit(app: App, /, name: str, rename: str | None, **kw: Any) -> None:
    """Change exercise NAME, e.g. `tracker exercises edit "leg press" --sled 50`.

    Your edits of built-in exercises survive catalog updates.
    """
    from tracker.services.catalog import edit_exercise

    edited = edit_exercise(app.uow(), name, build_changes(kw, rename), _unit_for(app, kw))
    echo_wrapped(f"updated {edited}")


@exercises_group.command("remove")
@click.argument("name", shell_complete=complete_exercise)
@pass_app
def exercises_remove(app: App, name: str) -> None:
    """Remove exercise NAME (refused while logged sets refer to it)."""
    from tracker.services.catalog import remove_exercise

    echo_wrapped(f"removed {remove_exercise(app.uow(), name)}")


@exercises_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def exercises_import(app: App, file: Path) -> None:
    """Import exercises from a free-exercise-db JSON file (all or nothing; safe to repeat)."""
    from tracker.services.catalog_import import import_free_exercise_db

    report = import_free_exercise_db(app.uow(), file)
    echo_wrapped(
        f"{report.added} added, {report.matched} matched existing, {report.linked} linked "
        f"to a bilateral parent, {len(report.skipped)} skipped"
    )
    for reason, count in report.skipped_reasons().items():
        echo_wrapped(f"  skipped {count}: {reason}")
