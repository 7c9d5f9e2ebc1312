"""The garbage collector during start-up: paused, then the start-up's objects set aside.

A command's imports (SQLAlchemy above all) leave some 50,000 objects the collector tracks
(89,000 once the database is open), none of them garbage, and every full pass of CPython's
collector scans them all: during the command, and once more at exit. On a slow machine that
was a quarter of a one-shot command, spent proving that imported modules are alive
(BENCHMARKS.md). `tracker` (the installed script, `main`) pauses the collector until the
database is open, then freezes what exists (`gc.freeze`: moved to a permanent generation that
no collection scans) and collects normally from there, so a long gym session or a large import
still frees its cycles. Tests that call the command group in-process never pause it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = False


def pause_collector() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """Once the database is open: freeze the start-up's objects, collect again from here."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Around a report over a long history: it builds hundreds of thousands of small values
    (a figure per session and side), none in a cycle, and each full pass of the collector
    would scan all those built so far, again and again (a fifth of `report imbalance` at 1M
    sets). The few cycles it makes (a database session) wait for the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
