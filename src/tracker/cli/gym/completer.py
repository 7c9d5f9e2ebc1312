"""Completion for the gym prompt: command words, routine items and exercise names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from tracker.cli.gym.parse import COMMAND_WORDS, is_set_token
from tracker.domain.text_safety import shown_safe


class GymCompleter(Completer):
    """Completes the first words of a line: a command word or an exercise name.

    Names complete as a whole (`sing` -> `Single Leg Press`), routine items first, matching
    any word's start, so `press` offers Leg Press as well as Single Leg Press.
    """

    def __init__(self, names: Sequence[str], routine_items: Sequence[str] = ()) -> None:
        self.routine_items = list(routine_items)
        self.names = [n for n in names if n not in self.routine_items]

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterable[Completion]:
        typed = document.text_before_cursor
        if not typed.strip() or any(is_set_token(w) for w in typed.split()[:1]):
            return
        if any(w.startswith("-") for w in typed.split()):
            return  # past the name: specs and options follow
        wanted = typed.lstrip().lower()
        if " " not in wanted:
            for word in COMMAND_WORDS:
                if word.startswith(wanted):
                    yield Completion(
                        word, start_position=-len(typed.lstrip()), display_meta="command"
                    )
        for name, meta in [(n, "routine") for n in self.routine_items] + [
            (n, "exercise") for n in self.names
        ]:
            if _matches(name.lower(), wanted):
                yield Completion(
                    name,
                    start_position=-len(typed.lstrip()),
                    display=shown_safe(name),  # an imported name may hold ESC
                    display_meta=meta,
                )


def _matches(name: str, wanted: str) -> bool:
    if name.startswith(wanted):
        return True
    return " " not in wanted and any(word.startswith(wanted) for word in name.split())
