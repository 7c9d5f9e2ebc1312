"""A test run needs no durability, only speed: storage that does not wait for the disk.

A commit waits for the disk (fsync) by design: about 5 ms each on a virtual machine's disk,
and a run commits some 13,000 times. What a test sees does not depend on it, so the run keeps
its temporary files, SQLite databases included, on a RAM file system where there is one, and
PostgreSQL does not wait for its log to reach the disk at each commit of the run's connections
(synchronous_commit=off: a crash of the server could lose the last commits, never corrupt
anything).
"""

from __future__ import annotations

import os
from pathlib import Path

RAM_DISK = Path("/dev/shm")
ROOM = 2 << 30  # bytes free there, so that a run never fills it
NO_WAIT = "-c synchronous_commit=off"


def mount_points(kind: str) -> set[Path]:
    """Where file systems of type ``kind`` are mounted (none without /proc/mounts)."""
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            fields = [line.split() for line in mounts]
    except OSError:
        return set()
    return {Path(f[1]) for f in fields if len(f) > 2 and f[2] == kind}


def ram_disk() -> Path | None:
    """/dev/shm when it is a writable RAM file system (tmpfs) with room, else None."""
    try:
        stat = os.statvfs(RAM_DISK)
    except OSError:
        return None
    if RAM_DISK.resolve() not in mount_points("tmpfs") or not os.access(RAM_DISK, os.W_OK):
        return None
    return RAM_DISK if stat.f_bavail * stat.f_frsize >= ROOM else None


def postgres_options(current: str | None) -> str:
    """PGOPTIONS with commits that do not wait for the disk."""
    return f"{current or ''} {NO_WAIT}".strip()
