"""Deny by default: every URL pattern, for every role, anonymous and an outsider."""

from typing import Any

import pytest

from .access_walk import (
    Example,
    check_access,
    find_unprotected,
    iter_routes,
    onto_an_organisations_object,
    route_policy,
    walk_access,
)
from .walk_world import EXAMPLES, NOT_REACHED, personas


@pytest.fixture(autouse=True)
def _reauthentication_lasts_the_walk(settings: Any) -> None:
    """allauth forgets a password typed again after five minutes; a slow walk takes longer."""
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 3600


def test_every_url_pattern_declares_an_access_policy() -> None:
    assert find_unprotected() == []


def test_a_view_without_a_policy_is_caught() -> None:
    assert find_unprotected("peerpath.tests.urls_unprotected") == ["undeclared"]


@pytest.mark.django_db
def test_every_url_answers_every_persona_as_its_policy_says(
    walk_world: Any, client_for: Any
) -> None:
    report = walk_access(
        personas(walk_world, client_for), EXAMPLES, walk_world, not_reached=NOT_REACHED
    )
    assert report.problems == [], "\n".join(report.problems)
    # Every route was walked, and every route not listed as not reached was reached.
    routes = list(iter_routes())
    assert report.routes == len(routes)
    assert report.reached == len(routes) - len(NOT_REACHED)
    # Every route onto an organisation's object was tried from the other organisation.
    onto_objects = [
        route
        for route, policy in ((r, route_policy(r)) for r in routes)
        if policy and onto_an_organisations_object(route, policy, EXAMPLES.get(route.name))
    ]
    assert report.cross_organisation == len(onto_objects) > 100


# The views of the test-only URLconf that break a rule (peerpath/tests/urls_unprotected.py).
BROKEN = ("undeclared", "misdeclared", "unreachable", "unreachable-action", "leaking")
BROKEN_EXAMPLES = {**EXAMPLES, "leaking": Example(lambda w: {"pk": w.person.pk})}


def _broken_walk(walk_world: Any, client_for: Any) -> list[str]:
    return check_access(
        personas(walk_world, client_for),
        BROKEN_EXAMPLES,
        walk_world,
        not_reached=NOT_REACHED,
        urlconf="peerpath.tests.urls_unprotected",
        only=BROKEN,
    )


@pytest.mark.django_db
def test_the_walk_fails_on_an_unprotected_or_misdeclared_view(
    walk_world: Any, client_for: Any
) -> None:
    problems = _broken_walk(walk_world, client_for)
    assert "undeclared: no access policy declared" in problems
    # Declares "organisation admins only" but lets everyone in: every other role is caught.
    misdeclared = [p for p in problems if p.startswith("misdeclared ")]
    assert any("as psw: refused persona got 200, not 403" in p for p in misdeclared)
    assert any("as anonymous: anonymous got 200, not log-in" in p for p in misdeclared)


@pytest.mark.django_db
def test_the_walk_fails_on_a_route_no_allowed_persona_can_reach(
    walk_world: Any, client_for: Any
) -> None:
    problems = _broken_walk(walk_world, client_for)
    # Each refuses everyone else correctly; only "nobody it allows gets in" is wrong.
    for name in ("unreachable", "unreachable-action"):
        mine = [p for p in problems if p.startswith(f"{name} ")]
        assert mine == [
            f"{name} [roles: Organisation admin]: no allowed persona got through (a 2xx on "
            "GET, or for a POST-only action a 2xx, 400 or redirect): fix the example or the "
            "world, or say why in the list of routes not reached"
        ]
    # Listed as not reached, it passes; a listed route that is reached fails.
    listed = check_access(
        personas(walk_world, client_for),
        BROKEN_EXAMPLES,
        walk_world,
        not_reached={"unreachable": "test", "misdeclared": "test"},
        urlconf="peerpath.tests.urls_unprotected",
        only=("unreachable", "misdeclared"),
    )
    assert not any(p.startswith("unreachable") for p in listed)
    assert "misdeclared: reached, so take it off the list not reached" in listed


@pytest.mark.django_db
def test_the_walk_tries_every_route_with_an_argument_from_another_organisation(
    walk_world: Any, client_for: Any
) -> None:
    # No Example says the argument is not an organisation's object, so the outsider (an
    # admin elsewhere) must get 404; the view answers 200 to them, on GET and on POST.
    problems = [p for p in _broken_walk(walk_world, client_for) if p.startswith("leaking ")]
    outsider = "leaking [roles: Organisation admin] as outsider: outsider got 200"
    assert problems == [f"{outsider} for another organisation's object"] * 2
