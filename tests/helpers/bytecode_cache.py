"""Bytecode kept between runs, outside the source tree, where the environment turned it off.

With PYTHONDONTWRITEBYTECODE=1 (many containers set it) every process compiles every module it
imports from source, each time: each xdist worker rewrote and compiled all the test modules
(pytest's assertion rewriting, about 4 s of a worker's 6 s of collection) and every `tracker`
subprocess compiled the package again (about a tenth of its CPU time). A run in such an
environment writes its bytecode to a folder of its own instead, beside pytest's temporary
folders and never in the source tree: ``sys.pycache_prefix`` for the test processes,
PYTHONPYCACHEPREFIX for the processes they start. Python and pytest check each cached file
against its source (modification time and size) and write it atomically, so an edited module
is compiled again and parallel processes never read a half-written file. Where bytecode is
written as usual, or the run chose a prefix of its own, nothing changes.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

PREFIX_ENV = "PYTHONPYCACHEPREFIX"
NO_BYTECODE_ENV = "PYTHONDONTWRITEBYTECODE"


def private_folder(path: Path) -> bool:
    """Make ``path`` (mode 700) unless it exists; True if it is a folder of this user's that
    nobody else can write to (bytecode found there is run, so no one else may plant any)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = path.lstat()
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    return stat.S_ISDIR(found.st_mode) and mine and not found.st_mode & 0o077


def keep_bytecode(temp_root: str | None) -> Path | None:
    """Write bytecode under ``temp_root`` (the system's temporary folder when None) when the
    environment said not to write any; returns the folder, or None when nothing changed."""
    if not sys.dont_write_bytecode or sys.pycache_prefix or os.environ.get(PREFIX_ENV):
        return None
    user = os.getuid() if hasattr(os, "getuid") else "user"
    folder = Path(temp_root or tempfile.gettempdir()) / f"tracker-tests-bytecode-{user}"
    if not private_folder(folder):
        return None
    sys.pycache_prefix = str(folder)
    sys.dont_write_bytecode = False
    os.environ[PREFIX_ENV] = str(folder)
    os.environ.pop(NO_BYTECODE_ENV, None)
    return folder
