"""tracker: a workout-session tracker that logs each side of a unilateral lift on its own."""

__version__ = "0.1.0"
