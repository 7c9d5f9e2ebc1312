"""The PostgreSQL test database put back to what the first command makes, in milliseconds.

The first command on a new database migrates it and loads the built-in catalog: about a second
on PostgreSQL, too much for every test. The session does it once and remembers the rows it
wrote (the seeded tables: the catalog, its hash setting, the schema revision) and each
sequence. Before each test `reset` deletes every other table's rows, writes the seeded rows
back only if a test changed them (a hash of their text says so) and sets every sequence back,
so ids are those of a new database. DELETE, not TRUNCATE: on tables this small it is ten times
faster.
"""

from __future__ import annotations

from graphlib import TopologicalSorter

from sqlalchemy import Connection, create_engine, text

TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
FOREIGN_KEYS = """
    SELECT c.relname, p.relname FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace
"""
SEQUENCES = """
    SELECT sequencename, coalesce(last_value, start_value), last_value IS NOT NULL
    FROM pg_sequences WHERE schemaname = current_schema()
"""


def _parents_first(conn: Connection) -> list[str]:
    """Every table, each after the tables its foreign keys point to."""
    graph: dict[str, set[str]] = {table: set() for table in conn.execute(text(TABLES)).scalars()}
    for table, parent in conn.execute(text(FOREIGN_KEYS)).all():
        if table != parent:
            graph[table].add(parent)
    return list(TopologicalSorter(graph).static_order())


class SeededDatabase:
    """A migrated database holding the built-in catalog and no lifter, reset before each test."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        try:
            self._remember()
        except BaseException:
            self.engine.dispose()
            raise

    def _remember(self) -> None:
        with self.engine.begin() as conn:
            self.tables = _parents_first(conn)
            self.seeded = {
                table: rows
                for table in self.tables
                if (rows := conn.execute(text(f"SELECT json_agg(t)::text FROM {table} t")).scalar())
            }
            # Sorted row text: the same rows give the same hash whatever their physical order.
            hashed = ", ".join(
                f"(SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM {table} t), '|'"
                for table in self.seeded
            )
            self.changes = f"SELECT md5(concat({hashed}))"
            self.hash = conn.execute(text(self.changes)).scalar_one()
            self.sequences = "SELECT " + ", ".join(
                f"setval('{name}', {value}, {called})"
                for name, value, called in conn.execute(text(SEQUENCES)).all()
            )

    def reset(self) -> None:
        with self.engine.begin() as conn:
            changed = conn.execute(text(self.changes)).scalar_one() != self.hash
            for table in reversed(self.tables):  # children first: no cascade, no violation
                if changed or table not in self.seeded:
                    conn.execute(text(f"DELETE FROM {table}"))
            if changed:
                for table, rows in self.seeded.items():  # parents first
                    conn.execute(
                        text(
                            f"INSERT INTO {table} SELECT * FROM "
                            f"json_populate_recordset(NULL::{table}, CAST(:rows AS json))"
                        ),
                        {"rows": rows},
                    )
            conn.execute(text(self.sequences))

    def dispose(self) -> None:
        self.engine.dispose()
