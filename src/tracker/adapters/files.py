"""Files tracker writes for you (exports): private, complete or absent, never through a link."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from tracker.adapters.db import TargetExists, publish_new
from tracker.domain.errors import InvalidValue


class NotRegularFile(InvalidValue):
    """The target is a symlink, a FIFO, a device or a folder: tracker never writes through it."""


@contextlib.contextmanager
def new_private_file(target: Path, *, force: bool) -> Iterator[IO[str]]:
    """A text file written under a temporary name (mode 600) and renamed to ``target`` once
    complete. An existing ``target`` is refused (TargetExists) unless ``force``, and then only
    a regular file is replaced, keeping its permissions; a symlink is never followed."""
    target = target.expanduser().absolute()
    keep_mode: int | None = None
    if os.path.lexists(target):
        if not force:
            raise TargetExists(str(target))
        info = target.lstat()
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(
                f"{target} is not a regular file (a link, a FIFO or a device); give another FILE"
            )
        keep_mode = stat.S_IMODE(info.st_mode)
    descriptor, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    partial = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
        if force:
            if keep_mode is not None:
                partial.chmod(keep_mode)
            os.replace(partial, target)
        else:
            publish_new(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
