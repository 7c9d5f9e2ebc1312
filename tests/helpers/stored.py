"""Reading what the CLI stored, straight from the database."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any


def set_count(url: str) -> int:
    from sqlalchemy import create_engine, func, inspect, select

    from tracker.adapters.orm import WorkoutSet

    engine = create_engine(url)
    try:
        if not inspect(engine).has_table("workout_set"):
            return 0  # the command failed before the database was even created
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(WorkoutSet)).scalar_one()
    finally:
        engine.dispose()


def stored_sets(url: str) -> list[tuple[Any, ...]]:
    """(id, exercise, side, reps, load, unit, rpe, note, session id) of every set, by id."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT s.id, e.name, s.side, s.reps, s.load, s.unit, s.rpe, s.note, "
                    "s.session_id FROM workout_set s JOIN exercise e ON e.id = s.exercise_id "
                    "ORDER BY s.id"
                )
            ).all()
    finally:
        engine.dispose()
    return [
        (i, name, side, reps, Decimal(str(load)).normalize(), unit,
         None if rpe is None else Decimal(str(rpe)).normalize(), note, session)
        for i, name, side, reps, load, unit, rpe, note, session in rows
    ]


def open_sessions(url: str) -> list[int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(
                conn.execute(
                    text("SELECT id FROM training_session WHERE finished_at IS NULL ORDER BY id")
                ).scalars()
            )
    finally:
        engine.dispose()


def wipe_log(url: str) -> None:
    """Forget every session and set, with ids starting again at 1 (catalog kept)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(
                    text("TRUNCATE gym_state, workout_set, training_session RESTART IDENTITY")
                )
            else:
                for table in ("gym_state", "workout_set", "training_session"):
                    conn.execute(text(f"DELETE FROM {table}"))
                # AUTOINCREMENT ids never come back: reset them as RESTART IDENTITY does.
                conn.execute(
                    text(
                        "DELETE FROM sqlite_sequence "
                        "WHERE name IN ('workout_set', 'training_session')"
                    )
                )
    finally:
        engine.dispose()


def revision_of(url: str) -> str | None:
    """The database's schema revision, through tracker's own engine."""
    from tracker.adapters import db as dbmod

    engine = dbmod.create_app_engine(url)
    try:
        return dbmod.current_revision(engine)
    finally:
        engine.dispose()


def move_session_back(url: str, session_id: int, by: timedelta) -> None:
    """Move a session and its sets back in time (a prompt left idle), through tracker's own
    engine and ORM, so that the times are stored as tracker stores them."""
    from sqlalchemy.orm import Session

    from tracker.adapters import db as dbmod
    from tracker.adapters.orm import TrainingSession

    engine = dbmod.create_app_engine(url)
    try:
        with Session(engine) as orm, orm.begin():
            session = orm.get(TrainingSession, session_id)
            assert session is not None
            session.started_at -= by
            if session.finished_at is not None:
                session.finished_at -= by
            for row in session.sets:
                row.performed_at -= by
    finally:
        engine.dispose()
