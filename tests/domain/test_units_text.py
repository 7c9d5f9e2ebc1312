"""Decimal to text and JSON numbers: the one place loads become strings."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tracker.domain.units import as_number, exact_text, format_load, plain, rounded_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("60.00"), "60"),
        (D("2.500"), "2.5"),
        (D("1E+2"), "100"),
        (D("-0"), "0"),
        (D("0.125"), "0.125"),
    ],
)
def test_exact_text_keeps_every_digit_and_no_more(value: D, text: str) -> None:
    assert exact_text(value) == text
    assert str(plain(value)) == text


def test_display_rounds_half_up_but_exact_text_does_not() -> None:
    assert format_load(D("61.125")) == "61.13"
    assert exact_text(D("61.125")) == "61.125"
    assert rounded_number(D("95.455")) == 95.46
    assert rounded_number(D("100")) == 100.0 and isinstance(rounded_number(D("100")), float)
    assert as_number(D("100.00")) == 100 and isinstance(as_number(D("100.00")), int)
