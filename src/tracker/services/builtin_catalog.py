"""The built-in catalog: loaded on first use, refreshed when the package's copy changes.

Apart from services.catalog so that every command can check the catalog's hash without
importing the name matching and load rules that only a changed catalog needs (start-up).
"""

from __future__ import annotations

import hashlib
import json

from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.catalog.builtin import builtin_bytes
from tracker.domain.errors import ConstraintViolation

BUILTIN_HASH_KEY = "catalog.builtin_hash"


def ensure_builtin_catalog(uow: AbstractUnitOfWork) -> list[str]:
    """Load the built-in catalog on first use and refresh it when the package's copy changes.

    Entries the lifter edited and custom exercises are never overwritten. Returns what to say
    about it: a custom exercise kept where a new built-in has its name (once per name).
    """
    raw = builtin_bytes()
    digest = hashlib.sha256(raw).hexdigest()[:16]
    with uow.reads() as reads:  # the common case: the read path alone
        if reads.setting(BUILTIN_HASH_KEY) == digest:
            return []
    for attempt in range(3):
        try:
            with uow:
                if uow.lifters.setting(BUILTIN_HASH_KEY) == digest:
                    return []
                if not uow.catalog.may_write_catalog():
                    return []  # a lifter's role: the owner refreshes the built-ins
                uow.catalog.serialize_catalog_writes()  # a parallel first command waits here
                if uow.lifters.setting(BUILTIN_HASH_KEY) == digest:
                    return []  # ... and finds the catalog loaded
                from tracker.services.catalog import sync_builtin

                kept = sync_builtin(uow, json.loads(raw)["exercises"])
                uow.lifters.set_setting(BUILTIN_HASH_KEY, digest)
                uow.commit()
                return [
                    f'Kept your exercise "{name}": the built-in catalog now has one of that '
                    "name, and yours stays as it is."
                    for name in kept
                ]
        except ConstraintViolation:
            # Another process loaded the same entries first (two commands started together on
            # a new database): look again, and usually find its hash stored.
            if attempt == 2:
                raise
    return []  # pragma: no cover - the third attempt returns or raises
