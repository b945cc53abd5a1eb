"""Walk every URL pattern and compare each answer with the view's declared policy.

Used by test_url_access.py, against the real URLconf and against test-only URLconfs that
prove the walk catches an unprotected, mis-declared, unreachable or leaking view.

Personas: one per role in the home organisation, an anonymous visitor, and an outsider
who holds every role in another organisation. Each route is requested once per persona
with GET; where GET answers 405 (a POST-only action) it is sent an empty POST instead.
Every POST runs in a savepoint that is rolled back, so the world is the same for every
request.

The rules, per route and persona:

- **Refused.** A persona the policy does not allow gets 403; anonymous gets the log-in
  redirect. A public page is never refused.
- **Allowed.** A persona the policy allows is never refused (no 401, 403 or log-in
  redirect).
- **Someone gets through.** At least one persona of the home organisation that the policy
  allows (anonymous counts for a public page) must get through:
  - on GET, a 2xx;
  - on a POST-only action, its empty POST gets a 2xx, a 400 (the view ran and sent the
    form back with its errors) or a redirect that is not to log-in (the action was
    taken).
  A 404 or 403 for every allowed persona fails the walk. The only way out is the caller's
  `not_reached` list (route name → why no persona can get through in a walk, e.g. a page
  that answers only to a signed link); a listed route that is reached fails too, so the
  list stays honest.
- **Another organisation (ADR-007).** Every route with a URL argument whose policy is not
  public is a route onto an organisation's object: the outsider, whose roles would let
  them in at home, must get 404, on GET (or on the POST of a POST-only action) and also
  on POST. An `Example` opts out only by saying why in `not_of_an_organisation` (e.g. the
  competence framework's unit codes are shared reference data). Public routes answer the
  same to everyone, so there is no other organisation to check.
"""

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from peerpath.core.access import PUBLIC, SIGNED_IN, Policy, policy_of
from peerpath.core.roles import Role


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route itself where a pattern has no name
    callback: Callable[..., Any]
    namespace: str
    route: str
    kwarg_names: tuple[str, ...]


def iter_routes(urlconf: str | None = None) -> Iterator[Route]:
    def walk(patterns: list[Any], namespaces: list[str], prefix: str) -> Iterator[Route]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(
                    pattern.url_patterns,
                    [*namespaces, pattern.namespace] if pattern.namespace else namespaces,
                    prefix + str(pattern.pattern),
                )
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = ":".join([*namespaces, pattern.name]) if pattern.name else route
                yield Route(
                    name=name,
                    callback=pattern.callback,
                    namespace=":".join(namespaces),
                    route=route,
                    kwarg_names=tuple(pattern.pattern.regex.groupindex),
                )

    yield from walk(get_resolver(urlconf).url_patterns, [], "")


def route_policy(route: Route) -> Policy | None:
    return policy_of(route.callback, route.name.rsplit(":", 1)[-1], route.namespace)


def find_unprotected(urlconf: str | None = None) -> list[str]:
    """Routes whose view declares no policy."""
    return [r.name for r in iter_routes(urlconf) if route_policy(r) is None]


@dataclass(frozen=True)
class Example:
    """How to fill a route's arguments.

    The arguments name an object of the home organisation, so the outsider must get 404,
    unless `not_of_an_organisation` says why they name nothing an organisation owns.
    """

    kwargs: Callable[[Any], dict[str, Any]]
    not_of_an_organisation: str = ""


def onto_an_organisations_object(route: Route, policy: Policy, example: Example | None) -> bool:
    """The route's arguments name an object of an organisation: another organisation's
    persona must get 404 (ADR-007)."""
    return (
        example is not None
        and bool(route.kwarg_names)
        and policy.kind != PUBLIC
        and not example.not_of_an_organisation
    )


def _walk_example_modules() -> list[Any]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("peerpath."):
            continue
        module_name = f"{config.name}.tests.walk_examples"
        try:
            modules.append(import_module(module_name))
        except ModuleNotFoundError as error:
            if error.name not in (module_name, f"{config.name}.tests"):
                raise
    return modules


def app_world_builders() -> list[Callable[[Any], None]]:
    """The `build(world)` of each app's tests/walk_examples.py that has one, in
    INSTALLED_APPS order: each adds that app's objects to the walk's world."""
    return [module.build for module in _walk_example_modules() if hasattr(module, "build")]


def app_examples() -> dict[str, Example]:
    """Every PeerPath app's `tests/walk_examples.py` EXAMPLES, found through the app
    registry, so a new app's examples are walked without being listed anywhere."""
    found: dict[str, Example] = {}
    for module in _walk_example_modules():
        twice = sorted(found.keys() & module.EXAMPLES.keys())
        if twice:
            raise ValueError(f"{module.__name__} repeats examples of another app: {twice}")
        found.update(module.EXAMPLES)
    return found


def _url(route: Route, kwargs: dict[str, Any], urlconf: str | None) -> str:
    if route.name != route.route:
        return reverse(route.name, kwargs=kwargs or None, urlconf=urlconf)
    # An unnamed pattern: fill its converters by hand.
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route.route)
    return "/" + path.replace("^", "").replace("$", "")


def _login_url() -> str:
    return reverse(settings.LOGIN_URL)


def _is_login_redirect(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith(_login_url())


@dataclass(frozen=True)
class Persona:
    key: str
    client: Client
    roles: frozenset[Role]
    authenticated: bool
    outsider: bool


def is_allowed(policy: Policy, persona: Persona) -> bool:
    if policy.kind == PUBLIC:
        return True
    if not persona.authenticated:
        return False
    return policy.kind == SIGNED_IN or bool(policy.roles & persona.roles)


def got_through(response: Any, method: str) -> bool:
    """The view ran for this persona and answered as for someone it serves (see the
    module's rules: a 2xx; after a POST also a 400 with form errors or a redirect that is
    not to log-in)."""
    status = response.status_code
    if 200 <= status < 300:
        return True
    if method != "POST":
        return False
    return status == 400 or (300 <= status < 400 and not _is_login_redirect(response))


def expected_problem(policy: Policy, persona: Persona, response: Any, tenant: bool) -> str:
    """'' when the answer fits the policy, else what is wrong."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if not persona.authenticated and policy.kind != PUBLIC:
        return "" if _is_login_redirect(response) else f"anonymous got {status}, not log-in"
    if policy.kind == PUBLIC:
        return "" if status not in (401, 403) else f"public page refused with {status}"
    allowed = is_allowed(policy, persona)
    if persona.outsider and tenant and allowed:
        return "" if status == 404 else f"outsider got {status} for another organisation's object"
    if allowed:
        if status in (401, 403) or _is_login_redirect(response):
            return f"allowed persona refused with {status}"
        return ""
    return "" if status == 403 else f"refused persona got {status}, not 403"


@dataclass
class WalkReport:
    problems: list[str] = field(default_factory=list)
    routes: int = 0
    requests: int = 0  # (route, persona, method) answers compared with the policy
    reached: int = 0  # routes an allowed home persona was proven to get through
    cross_organisation: int = 0  # routes the outsider was checked to get 404 on


def _post(client: Client, url: str) -> Any:
    """An empty POST whose writes are rolled back."""
    with transaction.atomic():
        response = client.post(url)
        transaction.set_rollback(True)
    return response


def _walk_route(
    route: Route,
    policy: Policy,
    url: str,
    tenant: bool,
    personas: list[Persona],
    report: WalkReport,
) -> bool:
    """Request the route as every persona; True if an allowed home persona got through."""
    reached = False
    for persona in personas:
        response = persona.client.get(url)
        method = "GET"
        if response.status_code == 405:
            response, method = _post(persona.client, url), "POST"
        answers = [response]
        if persona.outsider and tenant and method == "GET" and is_allowed(policy, persona):
            # The outsider's POST must not get further than their GET.
            post = _post(persona.client, url)
            if post.status_code != 405:
                answers.append(post)
        for answer in answers:
            # Read to the end, as a server would: the test client then closes a download
            # (its file stays open until then) without closing the database connection.
            answer.getvalue()
            report.requests += 1
            problem = expected_problem(policy, persona, answer, tenant)
            if problem:
                report.problems.append(f"{route.name} [{policy}] as {persona.key}: {problem}")
        if not persona.outsider and is_allowed(policy, persona) and got_through(response, method):
            reached = True
    return reached


def walk_access(
    personas: list[Persona],
    examples: dict[str, Example],
    world: Any,
    *,
    not_reached: dict[str, str],
    urlconf: str | None = None,
    only: Collection[str] | None = None,
) -> WalkReport:
    """Walk every route (or `only` the routes named) as every persona; see the rules above."""
    if urlconf is not None:
        with override_settings(ROOT_URLCONF=urlconf):
            return walk_access(personas, examples, world, not_reached=not_reached, only=only)
    report = WalkReport()
    for route in iter_routes():
        if only is not None and route.name not in only:
            continue
        report.routes += 1
        policy = route_policy(route)
        if policy is None:
            report.problems.append(f"{route.name}: no access policy declared")
            continue
        example = examples.get(route.name)
        if route.kwarg_names and example is None:
            report.problems.append(f"{route.name}: add an Example of its URL arguments")
            continue
        tenant = onto_an_organisations_object(route, policy, example)
        url = _url(route, example.kwargs(world) if example else {}, None)
        reached = _walk_route(route, policy, url, tenant, personas, report)
        report.cross_organisation += tenant
        report.reached += reached
        if not reached and route.name not in not_reached:
            report.problems.append(
                f"{route.name} [{policy}]: no allowed persona got through (a 2xx on GET, "
                "or for a POST-only action a 2xx, 400 or redirect): fix the example or "
                "the world, or say why in the list of routes not reached"
            )
        if reached and route.name in not_reached:
            report.problems.append(f"{route.name}: reached, so take it off the list not reached")
    return report


def check_access(
    personas: list[Persona],
    examples: dict[str, Example],
    world: Any,
    *,
    not_reached: dict[str, str],
    urlconf: str | None = None,
    only: Collection[str] | None = None,
) -> list[str]:
    """Every (route, persona) answer that does not fit the route's policy, and every route
    no allowed persona gets through."""
    return walk_access(
        personas, examples, world, not_reached=not_reached, urlconf=urlconf, only=only
    ).problems
