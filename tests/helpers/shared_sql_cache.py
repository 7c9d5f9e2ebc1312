"""One compiled-statement cache for every engine of a test process.

A command run in-process (tests/helpers/cli.py) opens its own engine, as a real `tracker`
process does, and SQLAlchemy caches compiled statements per engine: every command compiled
all of its SQL again, about a third of the CPU time of the tests that run commands. Here every
connection of the test process uses one cache instead (the documented ``compiled_cache``
execution option). SQLAlchemy keys an entry by the dialect object, a new one per engine, so
the entries are keyed by what compiling depends on: the dialect's class and its settings,
those read from the server on connecting included (server version, default schema, ...). Two
engines that would compile a statement alike share its compiled form; any difference between
them keeps their entries apart.

Nothing is skipped: every statement is still built, executed and read back by the code under
test; only the translation of a statement already seen into SQL text is reused, as it is within
one command and across the many commands of one `tracker gym` session.
"""

from __future__ import annotations

import itertools
import types
import weakref
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.util import LRUCache

SIZE = 20_000  # entries; a whole run compiles a few thousand distinct statements per engine kind
PLAIN = (str, int, float, bool, tuple, type(None))
UNIQUE = itertools.count()


def setting(value: Any) -> Any:
    """A dialect setting as the signature holds it: a plain value as it is, a module or
    anything callable (a JSON serialiser, say) by identity, a helper object (the identifier
    quoter, the type compiler: made anew for each dialect) by its class."""
    if isinstance(value, PLAIN):
        try:
            hash(value)
            return value
        except TypeError:
            return ("unhashable", next(UNIQUE))  # never equal to another dialect's
    if isinstance(value, types.ModuleType) or callable(value):
        return ("identity", id(value))
    return ("class", type(value))


def dialect_signature(dialect: Dialect) -> tuple[Any, ...]:
    """What compiling with ``dialect`` depends on: its class and every setting on it."""
    return (type(dialect), tuple((name, setting(v)) for name, v in sorted(vars(dialect).items())))


class SharedCompiledCache(LRUCache[Any, Any]):
    """SQLAlchemy's LRU cache, with the dialect of each key replaced by its signature."""

    def __init__(self, size: int = SIZE) -> None:
        super().__init__(size)
        # Settled once the dialect has connected (its first connection reads the server's
        # settings before any statement runs), so worked out once per dialect.
        self.signatures: weakref.WeakKeyDictionary[Dialect, tuple[Any, ...]] = (
            weakref.WeakKeyDictionary()
        )

    def shared_key(self, key: Any) -> Any:
        if isinstance(key, tuple) and key and isinstance(key[0], Dialect):
            signature = self.signatures.get(key[0])
            if signature is None:
                signature = self.signatures[key[0]] = dialect_signature(key[0])
            return (signature, *key[1:])
        return key  # a key of another shape: as SQLAlchemy made it (no sharing, no mix-up)

    def get(self, key: Any, default: Any = None) -> Any:
        return super().get(self.shared_key(key), default)

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(self.shared_key(key), value)

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self.shared_key(key))


CACHE = SharedCompiledCache()


def _use_the_shared_cache(connection: Connection) -> None:
    connection.execution_options(compiled_cache=CACHE)


def install() -> None:
    """Every engine's connections use :data:`CACHE` from now on (idempotent)."""
    if not event.contains(Engine, "engine_connect", _use_the_shared_cache):
        event.listen(Engine, "engine_connect", _use_the_shared_cache)
