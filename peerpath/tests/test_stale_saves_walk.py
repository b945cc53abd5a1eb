"""Every form that edits an existing record refuses a second, stale save.

The URL walk (peerpath/tests/access_walk.py, with the examples of test_url_access.py and
of each caseload app's walk_examples.py) is followed as every role a page allows. Every
POST form found on a page is opened once and sent twice from that same rendered state,
each time with a field changed: the first save must go through, the second must be
refused the one PeerPath way (peerpath/core/versioning.py: the page again, answering 400,
with the conflict message and the second text kept), and must not land.

A form is exempt only if NOT_EDIT_FORMS names the route it posts to and says why: it
creates something new, or it is an action that cannot undo anyone's edit. So a new edit
form without a version check fails here, and so does a new form nobody has classified.
Each pair of saves runs in a savepoint that is rolled back, so every form starts from the
same world.
"""

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from conftest import ANONYMOUS
from peerpath.core.access import PUBLIC, ROLES
from peerpath.core.roles import Role

from .access_walk import _url, iter_routes, route_policy
from .stale_saves import RenderedForm, forms_on, page_text, refusal_problem
from .test_url_access import EXAMPLES, walk_world  # noqa: F401 - walk_world is a fixture

# Routes a form posts to that do not edit an existing record, and why a second send from
# the same page cannot silently undo someone else's change.
NOT_EDIT_FORMS: dict[str, str] = {}

# Forms that must be found by the walk and pass: the edit forms there are today. A page
# that stops rendering one (a changed world, a broken example) fails instead of skipping.
EDIT_FORMS: set[str] = set()

FIRST, SECOND = "Words from the first window", "Words from the second window"


def _ours(route: Any) -> bool:
    """allauth's own pages (log-in, password, email, two-factor) are not PeerPath's forms."""
    return not route.callback.__module__.startswith("allauth")


def _target(action: str) -> str:
    """The route a form posts to ("" for allauth's, such as the header's log-out button)."""
    try:
        match = resolve(urlsplit(action).path)
    except Resolver404:
        return action
    return "" if match.func.__module__.startswith("allauth") else match.view_name


def _changes(form: RenderedForm, words: str, nth: int) -> dict[str, Any]:
    """A field changed the way a person changes it: words typed over the first text box,
    else another answer chosen in the first set of choices."""
    if form.text_names:
        return {form.text_names[0]: words}
    for name, options in form.choices.items():
        if len(options) > 1:
            return {name: options[nth % len(options)]}
    return {}


def _saved(response: Any) -> bool:
    if response.status_code in (301, 302, 303):
        return True
    return response.status_code == 200 and "There is a problem" not in page_text(response)


def _two_stale_saves(client: Client, page: str, form: RenderedForm) -> str:
    """'' when the second of two saves from the same rendered form is refused."""
    with transaction.atomic():
        first = client.post(form.action, form.data(**_changes(form, FIRST, 1)))
        if not _saved(first):
            transaction.set_rollback(True)
            return f"the first save failed ({first.status_code}): {page_text(first)[:300]}"
        second = client.post(form.action, form.data(**_changes(form, SECOND, 2)))
        problem = refusal_problem(second, kept=[SECOND] if form.text_names else [])
        if not problem and form.text_names:
            after = page_text(client.get(page, follow=True))
            if SECOND in after:
                problem = "the second save landed"
        transaction.set_rollback(True)
    return problem


def _personas(route: Any, clients: dict[str, Client]) -> list[str]:
    policy = route_policy(route)
    if policy is None:
        return []
    if policy.kind == PUBLIC:
        return [ANONYMOUS]
    return [str(r) for r in Role if policy.kind != ROLES or r in policy.roles]


@pytest.mark.django_db
def test_every_edit_form_in_the_walk_refuses_a_second_stale_save(
    walk_world: Any,  # noqa: F811 - the fixture imported above
    client_for: Any,
) -> None:
    clients = {str(r): client_for(r) for r in Role} | {ANONYMOUS: client_for(ANONYMOUS)}
    checked: dict[str, str] = {}
    for route in iter_routes():
        example = EXAMPLES.get(route.name)
        if not _ours(route) or (route.kwarg_names and example is None):
            continue
        page = _url(route, example.kwargs(walk_world) if example else {}, None)
        for persona in _personas(route, clients):
            response = clients[persona].get(page)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            for form in forms_on(response, page):
                target = _target(form.action)
                if not target or target in NOT_EDIT_FORMS or target in checked:
                    continue
                problem = _two_stale_saves(clients[persona], page, form)
                checked[target] = f"{target} (from {route.name} as {persona}): {problem}"
    problems = [line for line in checked.values() if not line.endswith(": ")]
    print("\n".join(sorted(checked.values())))
    assert problems == [], "\n".join(problems)
    assert set(checked) >= EDIT_FORMS, f"not found by the walk: {EDIT_FORMS - set(checked)}"
