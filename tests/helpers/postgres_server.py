"""The PostgreSQL server of TRACKER_TEST_PG_URL: the databases one test run makes on it.

Every database the run makes is named for the run and dropped at its end. A migrated one is a
copy of a template that the first command made once: `CREATE DATABASE ... TEMPLATE` copies its
files in milliseconds, where migrating and loading the catalog takes about half a second of
Python and a tenth of a second of the server's time. The copy does not carry the privileges on
the database itself (the migration revokes TEMPORARY from PUBLIC), so they are granted again
and compared.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

DROPPING_AT_ONCE = 16  # connections; the server allows 100

# A database's own privileges (granted on the database, not inside it), sorted.
PRIVILEGES = """
    SELECT coalesce(array_agg(item::text ORDER BY item::text), '{}')
    FROM pg_database, unnest(coalesce(datacl, acldefault('d', datdba))) AS item
    WHERE datname = :name
"""
PUBLIC_PRIVILEGES = """
    SELECT privilege_type FROM pg_database,
    aclexplode(coalesce(datacl, acldefault('d', datdba))) WHERE datname = :name AND grantee = 0
"""
SETTINGS = """
    SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
    WHERE d.datname = :name
"""


class PostgresServer:
    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.made: list[str] = []
        self._template: str | None = None

    def url(self, name: str) -> str:
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def create(self, prefix: str, template: str | None = None) -> str:
        """A new database (empty, or a copy of ``template``); returns its URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with self.engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        self.made.append(name)
        return self.url(name)

    def empty(self) -> str:
        """A database no command has touched."""
        return self.create("tracker_mig")

    def migrated(self) -> str:
        """A database as the first command leaves a new one: at head, with the built-in
        catalog and no lifter (a copy of the template)."""
        if self._template is None:
            from tracker.bootstrap import open_database

            url = self.create("tracker_tpl")
            # Disposed: a template must have no connection while it is copied.
            open_database(url, notify=lambda line: None).dispose()
            self._template = self.made[-1]
        url = self.create("tracker_test", template=self._template)
        with self.engine.connect() as conn:
            self._privileges_as_template(conn, self.made[-1], self._template)
        return url

    @staticmethod
    def _privileges_as_template(conn: Connection, name: str, template: str) -> None:
        public = conn.execute(text(PUBLIC_PRIVILEGES), {"name": template}).scalars().all()
        conn.execute(text(f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC'))
        for privilege in public:
            conn.execute(text(f'GRANT {privilege} ON DATABASE "{name}" TO PUBLIC'))
        copied, wanted = (
            conn.execute(text(PRIVILEGES), {"name": n}).scalar() for n in (name, template)
        )
        # Anything else set on the template database itself would be lost in the copy: say so.
        assert copied == wanted, (copied, wanted)
        assert conn.execute(text(SETTINGS), {"name": template}).scalar() == 0

    def drop_all(self) -> None:
        """Drop every database the run made, all at once: each DROP DATABASE waits about a
        second for a checkpoint, and drops that run together share their checkpoints (one
        after another, 50 of them took a minute)."""
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

        def drop(name: str) -> None:
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

        try:
            with ThreadPoolExecutor(max_workers=DROPPING_AT_ONCE) as pool:
                list(pool.map(drop, reversed(self.made)))  # list(): raise what a drop raised
        finally:
            engine.dispose()
            self.engine.dispose()
