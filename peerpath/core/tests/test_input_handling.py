"""Whatever people type into searches and filters, they get a page, never a server error."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import World
from peerpath.core.exports import csv_safe
from peerpath.core.roles import Role

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text as people (and attackers) type it: any printable characters, including quotes,
# percent signs, SQL and HTML, but not NUL, which no browser sends in a form field.
typed = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=60)


@given(typed)
def test_csv_cells_never_start_a_formula_and_keep_the_text(value: str) -> None:
    cell = csv_safe(value)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (value, "'" + value)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=typed, action=typed, date_from=typed, page=typed)
def test_audit_search_never_fails_on_odd_input(
    world: World, client_for: Any, text: str, action: str, date_from: str, page: str
) -> None:
    response = client_for(Role.ORG_ADMIN).get(
        "/manage/audit/", {"text": text, "action": action, "date_from": date_from, "page": page}
    )
    assert response.status_code == 200


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=typed, page=typed)
def test_people_search_never_fails_on_odd_input(
    world: World, client_for: Any, q: str, page: str
) -> None:
    response = client_for(Role.ORG_ADMIN).get("/manage/people/", {"q": q, "page": page})
    assert response.status_code == 200
