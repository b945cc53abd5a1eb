"""A NUL byte typed into a search answers the search, never a server error (PostgreSQL
refuses NUL in text; the hostile-forms walk found these on PostgreSQL)."""

from typing import Any

import pytest

from peerpath.core.roles import Role


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url"),
    [
        (Role.PSW, "/caseload/"),
        (Role.PSW, "/framework/search/"),
    ],
)
def test_a_search_with_a_nul_byte_is_answered(
    caseload_world: Any, framework: Any, client_for: Any, role: Role, url: str
) -> None:
    response = client_for(role).get(url, {"q": "Al\x00ex"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_caseload_search_finds_the_name_around_a_nul_byte(
    caseload_world: Any, client_for: Any
) -> None:
    name = caseload_world.person.full_name
    response = client_for(Role.PSW).get("/caseload/", {"q": f"{name[:2]}\x00{name[2:]}"})
    assert name in response.content.decode()


@pytest.mark.django_db
def test_a_staff_chooser_search_with_a_nul_byte_is_answered(
    caseload_world: Any, client_for: Any
) -> None:
    coordinator = client_for(Role.COORDINATOR)
    typed = {"facilitators_q": "Ta\x00ra"}
    assert coordinator.get("/training/cohorts/facilitators/", typed).status_code == 200
    assert (
        coordinator.post("/training/cohorts/", {**typed, "facilitators_search": ""}).status_code
        == 200
    )
