"""Session boundaries and back-dating: tracker.domain.sessions.place_set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tracker.domain.sessions import (
    Span,
    finish_time,
    nearest_finished,
    place_set,
    within_session,
)

NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
H = timedelta(hours=1)


def test_a_set_within_the_gap_joins_the_open_session() -> None:
    open_span = Span(1, NOW - 2 * H, None, NOW - H)
    placement = place_set(NOW, NOW, open_span, [])
    assert (placement.session_id, placement.started_at, placement.closed) == (1, NOW - 2 * H, None)


def test_a_set_before_the_open_sessions_start_moves_it_back() -> None:
    open_span = Span(1, NOW - H, None, NOW - H)
    assert place_set(NOW - 3 * H, NOW, open_span, []).started_at == NOW - 3 * H


def test_an_open_session_idle_for_more_than_four_hours_is_closed_at_its_last_set() -> None:
    open_span = Span(1, NOW - 6 * H, None, NOW - 5 * H)
    placement = place_set(NOW, NOW, open_span, [])
    assert placement.new and placement.finished_at is None
    assert placement.closed == (1, NOW - 5 * H)


def test_a_set_after_a_finished_session_starts_a_new_one() -> None:
    done = Span(2, NOW - 2 * H, NOW - H, NOW - H)
    placement = place_set(NOW, NOW, None, [done])
    assert placement.new and placement.finished_at is None


def test_a_back_dated_set_joins_the_nearest_finished_session_and_widens_it() -> None:
    far = Span(2, NOW - 30 * H, NOW - 29 * H, NOW - 29 * H)
    near = Span(3, NOW - 26 * H, NOW - 25 * H, NOW - 25 * H)
    placement = place_set(NOW - 24 * H, NOW, None, [far, near])
    assert (placement.session_id, placement.started_at, placement.finished_at) == (
        3,
        NOW - 26 * H,
        NOW - 24 * H,
    )


def test_a_back_dated_set_far_from_everything_starts_a_finished_session() -> None:
    placement = place_set(NOW - 48 * H, NOW, None, [Span(2, NOW - 30 * H, NOW - 29 * H, NOW)])
    assert placement.new and placement.finished_at == NOW - 48 * H


def test_a_recent_set_only_joins_a_finished_session_it_falls_inside() -> None:
    done = Span(2, NOW - 3 * H, NOW - 2 * H, NOW - 2 * H)
    assert place_set(NOW - 150 * timedelta(minutes=1), NOW, None, [done]).session_id == 2
    assert place_set(NOW - H, NOW, None, [done]).new
    assert nearest_finished(NOW - H, [done], timedelta(0)) is None


def test_a_set_may_move_only_within_its_session() -> None:
    span = Span(1, NOW - 2 * H, NOW - H, NOW - H)
    assert within_session(NOW - 5 * H, span)
    assert not within_session(NOW - 7 * H, span)


def test_a_session_finishes_now_or_at_its_last_set_if_it_went_stale() -> None:
    assert finish_time(NOW - H, NOW) == NOW
    assert finish_time(NOW - 4 * H, NOW) == NOW
    assert finish_time(NOW - 5 * H, NOW) == NOW - 5 * H
    assert finish_time(NOW + H, NOW) == NOW + H  # a set timed ahead of the clock
