"""The garbage collector during start-up: paused, then the start-up's objects set aside.

A command's imports (SQLAlchemy above all) leave hundreds of thousands of objects, none of them
garbage, and CPython's collector is counted to run its next full pass over all of them just
after: about 40 ms, a tenth of a one-shot command, spent proving that imported modules are
alive. `tracker` (the installed script, `main`) pauses the collector until the database is
open, then freezes what exists (`gc.freeze`: never scanned again, as the Python docs advise for
long-lived start-up state) and collects normally from there, so a long gym session or a large
import still frees its cycles. Tests that call the command group in-process never pause it.
"""

from __future__ import annotations

import gc

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
