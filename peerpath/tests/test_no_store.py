"""`Cache-Control: no-store` on every response that carries personal data, signed in or not.

A page signed in always carries the person's name in its header. A page signed out
carries personal data unless its view says it carries none (`core.http.no_personal_data`):
the applicant's private page, invitation pages, the certificate checker's answer, the
password reset pages... So every public URL in the URL walk is fetched signed out, and
only the pages listed below may be stored by a browser or a shared cache.
"""

from typing import Any

import pytest
from django.test import Client

from peerpath.core.roles import Role
from peerpath.tests.access_walk import PUBLIC, _url, iter_routes, route_policy
from peerpath.tests.walk_world import EXAMPLES

pytestmark = pytest.mark.django_db

# The only pages that say nothing about anyone: the same text for every visitor.
NO_PERSONAL_DATA = {
    "core:accessibility",
    "core:privacy",
    "framework:published-overview",
    "framework:published-unit",
    "framework:published-search",
    "framework:published-print",
    # recovery lane: the service worker that keeps the crisis plan on a phone (the same
    # script for everyone).
    "recovery:crisis-plan-offline-js",
}


def _public_routes() -> list[Any]:
    return [r for r in iter_routes() if (p := route_policy(r)) and p.kind == PUBLIC]


def test_every_public_page_with_personal_data_is_not_stored(walk_world: Any) -> None:
    client = Client()
    missing = []
    for route in _public_routes():
        if route.name in NO_PERSONAL_DATA:
            continue
        example = EXAMPLES.get(route.name)
        url = _url(route, example.kwargs(walk_world) if example else {}, None)
        response = client.get(url)
        if "no-store" not in response.get("Cache-Control", ""):
            missing.append(f"{route.name} ({url}, {response.status_code})")
    assert missing == [], "no Cache-Control: no-store on:\n" + "\n".join(missing)


def test_the_pages_that_may_be_stored_are_the_declared_ones() -> None:
    declared = {
        r.name for r in iter_routes() if getattr(r.callback, "carries_no_personal_data", False)
    }
    assert declared == NO_PERSONAL_DATA
    assert "no-store" not in Client().get("/privacy/").get("Cache-Control", "")


@pytest.mark.parametrize(
    "path",
    [
        "/verify/?number=PP-TEST1-TEST2",  # redirects to the answer
        "/verify/PP-TEST1-TEST2/",  # the certificate checker's answer: a graduate's name
        "/accounts/password/reset/key/1-bad-key/",
        "/no-such-page/",
    ],
)
def test_pages_signed_out_are_not_stored(walk_world: Any, path: str) -> None:
    assert Client().get(path)["Cache-Control"] == "no-store"


def test_the_applicant_page_is_not_stored(walk_world: Any) -> None:
    response = Client().get(f"/application/{walk_world.application.access_token}/")
    assert response.status_code == 200
    assert "Sam Rivers" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_a_page_without_personal_data_is_not_stored_once_signed_in(client_for: Any) -> None:
    """Signed in, every page shows whose session it is."""
    response = client_for(Role.TRAINEE).get("/privacy/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
