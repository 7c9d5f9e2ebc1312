"""The rest countdown: started after each set, read by the toolbar, never blocking input."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RestTimer:
    clock: Callable[[], float] = time.monotonic
    label: str = "rest"
    ends_at: float | None = None
    rang: bool = True  # the bell for the current countdown has rung (or none is running)
    total: int = 0
    _started: float = field(default=0.0, repr=False)

    def start(self, seconds: int, label: str = "rest") -> None:
        if seconds <= 0:
            self.stop()
            return
        self._started = self.clock()
        self.ends_at = self._started + seconds
        self.total, self.label, self.rang = seconds, label, False

    def stop(self) -> None:
        self.ends_at, self.rang = None, True

    def remaining(self) -> int | None:
        """Whole seconds left (rounded up), 0 once over, None when no timer runs."""
        if self.ends_at is None:
            return None
        left = self.ends_at - self.clock()
        return max(0, int(-(-left // 1)))

    def due_bell(self) -> bool:
        """True once, when the countdown reaches zero."""
        if self.rang or self.remaining() != 0:
            return False
        self.rang = True
        return True

    def text(self) -> str:
        left = self.remaining()
        if left is None:
            return ""
        if left == 0:
            return f"{self.label} over: go"
        return f"{self.label} {left // 60}:{left % 60:02d}"
