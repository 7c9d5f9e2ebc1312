"""The sentences tracker prints, written from the domain's structured reasons.

The domain and the services return values (a progression step's cause and numbers, a start's
basis and band); the modules here turn them into the exact English the CLI prints, the JSON
carries and the HTML shows, so that every view says the same thing and a change of wording
is made once. Pure: imports only ``tracker.domain`` and the standard library.
"""

from __future__ import annotations

from datetime import timedelta

from tracker.domain.sessions import SESSION_GAP

# Words whose plural is not the word plus "s".
IRREGULAR = {"body part": "body parts", "entry": "entries", "exercise": "exercises"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """`plural(1, "set")` -> "1 set", `plural(3, "set")` -> "3 sets"."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {many or IRREGULAR.get(word) or word + 's'}"


def new_best(what: str) -> str:
    """The mark `tracker log` puts on a set that beats its best: `new_best("e1RM")` ->
    "new best e1RM"; "time" and "distance" for a timed or distance set
    (tracker.domain.records)."""
    return f"new best {what}"


def session_gap() -> str:
    """How long a session waits for its next set before it closes (SESSION_GAP): "4 hours"."""
    return plural(SESSION_GAP // timedelta(hours=1), "hour")


def closed_session(session_id: int) -> str:
    """A stale open session closed on the way by `log` or `gym`: no sets for SESSION_GAP."""
    return f"Closed session #{session_id} (no sets for {session_gap()})."
