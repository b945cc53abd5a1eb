"""Filters every template can use (peerpath/config/jinja2_env.py)."""

from decimal import Decimal

import pytest

from peerpath.config.jinja2_env import number


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("30.0"), "30"),
        (Decimal("22.50"), "22.5"),
        (Decimal("100"), "100"),
        (Decimal("37.5"), "37.5"),
        (7, "7"),
        (None, ""),
    ],
)
def test_a_number_is_shown_as_people_write_it(value: object, shown: str) -> None:
    assert number(value) == shown
