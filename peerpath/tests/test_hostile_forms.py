"""Every form in the URL walk answers hostile input with a page, never a server error.

For each route of the walk (peerpath/tests/test_url_access.py), the page is fetched as a
role it allows; every form on it is sent back with each field holding something hostile:
random text, NUL bytes, very long text, huge or odd numbers, and dates far in the past
and future (whole dates and each of the day, month and year boxes). The answer must be a
page with errors, a refusal or a redirect: any 5xx, or an exception, fails.

Kept bounded (a few examples per form, derandomised) so it runs in about a minute on
SQLite; `HOSTILE_EXAMPLES` raises it for a deeper run.
"""

import os
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerpath.tests.access_walk import iter_routes, route_policy
from peerpath.tests.pages import Node, parse
from peerpath.tests.walk_world import EXAMPLES

EXAMPLES_PER_FORM = int(os.environ.get("HOSTILE_EXAMPLES", "4"))

# Fields a browser fills from the page itself, not from what a person types.
NOT_TYPED = {"csrfmiddlewaretoken"}

# Routes whose forms end the persona's session or take away its access: sent last, so the
# other forms are sent while everyone can still reach them.
LAST = ("logout", "remove", "reset-two-factor", "switch", "withdraw", "end", "transfer")

HUGE_NUMBERS = ["9" * 40, str(2**63), str(-(2**63) - 1), "1e309", "-1e309", "NaN", "inf"]
ODD_NUMBERS = ["-1", "0", "00", "1.5", "١٢", "0x1F", " 7 ", "+3", "1_000"]
FAR_DATES = [
    "0001-01-01",
    "9999-12-31",
    "31/12/9999",
    "1/1/1",
    "00/00/0000",
    "29/02/2023",
    "2026-13-45",
    "10000-01-01",
    "-1-01-01",
]
DATE_PARTS = ["0", "32", "13", "9999", "10000", "99999999999999999999", "0001", "-5"]

# Each form is also sent once with every field holding each of these, whatever is drawn.
EVERY_FIELD = [
    "a/b",
    "a\x00b",
    "../%2F",
    "9" * 40,
    "0001-01-01",
    "31/12/9999",
    "99999",
    "x" * 100_000,
]

hostile = st.one_of(
    st.text(max_size=40),
    st.text(max_size=10).map(lambda text: f"{text}\x00{text}"),
    st.text(max_size=10).map(lambda text: f"{text}/../{text}"),
    st.sampled_from(["x" * 100_000, "\U0001f600" * 5000, "\u202e" * 300, "<script>" * 500]),
    st.sampled_from(HUGE_NUMBERS + ODD_NUMBERS),
    st.sampled_from(FAR_DATES + DATE_PARTS),
)


@dataclass(frozen=True)
class Form:
    route: str
    page: str
    method: str
    action: str
    fields: tuple[str, ...]
    client: Client | None  # None: signed out, a new visitor for each send

    def sender(self) -> Client:
        # A signed-out send can sign the visitor in (accepting an invitation), after which
        # every public page would only redirect: each signed-out send starts afresh.
        return self.client or Client()

    def __str__(self) -> str:
        return f"{self.route}: {self.method} {self.action}"


def _fields(form: Node) -> tuple[str, ...]:
    names = {
        node.attrs["name"]
        for node in form.iter()
        if node.tag in ("input", "textarea", "select", "button") and node.attrs.get("name")
    }
    return tuple(sorted(names - NOT_TYPED))


def _forms_on(route: str, url: str, client: Client | None) -> list[Form]:
    response = (client or Client()).get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return []
    found = []
    for node in parse(response).find_all("form"):
        method = node.attrs.get("method", "get").lower()
        action = node.attrs.get("action") or url
        if not action.startswith("/"):
            continue  # another site's form (none today)
        found.append(Form(route, url, method, action, _fields(node), client))
    return found


def _url(route: Any, world: Any) -> str | None:
    example = EXAMPLES.get(route.name)
    if example is not None:  # also for a library's route whose arguments are not read
        return reverse(route.name, kwargs=example.kwargs(world))
    if not route.kwarg_names:
        return reverse(route.name) if route.name != route.route else "/" + route.route
    return None


def walk_forms(world: Any, client_for: Any) -> list[Form]:
    """Every form on every page of the walk, as the first role allowed that sees one."""
    clients: dict[Any, Client | None] = {None: None}
    forms: list[Form] = []
    for route in iter_routes():
        policy = route_policy(route)
        url = _url(route, world)
        if policy is None or url is None or route.route.startswith("admin/"):
            continue
        allowed: list[Any] = sorted(policy.roles) or [None]
        for role in allowed:
            client = (
                clients[role] if role in clients else clients.setdefault(role, client_for(role))
            )
            on_page = _forms_on(route.name, url, client)
            if on_page:
                forms.extend(on_page)
                break
    return sorted(forms, key=lambda form: any(word in form.action for word in LAST))


def _send(form: Form, data: dict[str, str]) -> Any:
    client = form.sender()
    if form.method == "post":
        return client.post(form.action, data)
    return client.get(form.action, data)


def _check(form: Form) -> None:
    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.fixed_dictionaries({name: hostile for name in form.fields}))
    def answers_without_a_server_error(data: dict[str, str]) -> None:
        _answers(form, data)

    for value in EVERY_FIELD:
        _answers(form, dict.fromkeys(form.fields, value))
    answers_without_a_server_error()


def _answers(form: Form, data: dict[str, str]) -> None:
    response = _send(form, data)
    assert response.status_code < 500, f"{form} answered {response.status_code} to {data!r:.200}"


@pytest.mark.django_db
def test_the_walk_finds_the_forms(walk_world: Any, client_for: Any) -> None:
    forms = walk_forms(walk_world, client_for)
    routes = {form.route for form in forms}
    assert len(forms) > 60
    for expected in ("contacts:note-create", "training:cohort-list", "governance:concern-create"):
        assert expected in routes


@pytest.mark.django_db
def test_no_form_gives_a_server_error_on_hostile_input(
    walk_world: Any,
    client_for: Any,
) -> None:
    failures = []
    for form in walk_forms(walk_world, client_for):
        try:
            _check(form)
        except Exception as error:  # every form is tried; all failures are shown
            failures.append(f"{form}: {type(error).__name__}: {str(error)[:300]!r}")
    assert failures == [], "\n".join(failures)
