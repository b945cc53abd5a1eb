"""Walk every URL pattern and compare each answer with the view's declared policy.

Used by test_url_access.py, against the real URLconf and against test-only URLconfs that
prove the walk catches an unprotected or mis-declared view.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from peerpath.core.access import PUBLIC, ROLES, SIGNED_IN, Policy, policy_of
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
    """How to fill a route's arguments; `tenant` marks an object of the home organisation."""

    kwargs: Callable[[Any], dict[str, Any]]
    tenant: bool = False


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


def expected_problem(policy: Policy, persona: Persona, response: Any, tenant: bool) -> str:
    """'' when the answer fits the policy, else what is wrong."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if not persona.authenticated and policy.kind != PUBLIC:
        return "" if _is_login_redirect(response) else f"anonymous got {status}, not log-in"
    if policy.kind == PUBLIC:
        return "" if status not in (401, 403) else f"public page refused with {status}"
    allowed = policy.kind == SIGNED_IN or bool(policy.roles & persona.roles)
    if policy.kind == ROLES and persona.outsider and tenant and allowed:
        return "" if status == 404 else f"outsider got {status} for another organisation's object"
    if allowed:
        if status in (401, 403) or _is_login_redirect(response):
            return f"allowed persona refused with {status}"
        return ""
    return "" if status == 403 else f"refused persona got {status}, not 403"


def check_access(
    personas: list[Persona], examples: dict[str, Example], world: Any, urlconf: str | None = None
) -> list[str]:
    """Every (route, persona) pair whose answer does not fit the route's policy."""
    if urlconf is not None:
        with override_settings(ROOT_URLCONF=urlconf):
            return check_access(personas, examples, world)
    problems = []
    for route in iter_routes(urlconf):
        policy = route_policy(route)
        if policy is None:
            problems.append(f"{route.name}: no access policy declared")
            continue
        example = examples.get(route.name)
        if route.kwarg_names and example is None:
            problems.append(f"{route.name}: add an Example of its URL arguments")
            continue
        kwargs = example.kwargs(world) if example else {}
        url = _url(route, kwargs, urlconf)
        for persona in personas:
            tenant = bool(example and example.tenant)
            response = persona.client.get(url)
            if response.status_code == 405 and persona.outsider and tenant:
                # A POST-only action on another organisation's object must be a 404 too.
                response = persona.client.post(url)
            problem = expected_problem(policy, persona, response, tenant)
            if problem:
                problems.append(f"{route.name} [{policy}] as {persona.key}: {problem}")
    return problems
