"""Crawl PeerPath as a person moves through it: from the home page, by links and forms only.

`crawl` starts at a signed-in client's home page and follows every same-site link (`<a
href>`), every form's action and every HTMX request attribute it finds. GET pages are
fetched and read in turn; a POST form's action counts as reached (the crawl never submits
anything, so it changes nothing). Each route is fetched at most a few times, with
different objects, so the crawl stays small however large the data; downloads (PDF, CSV,
JSON) count as reached by their link and are not fetched.

`granted_routes` lists the routes whose declared access policy lets a role in, so a test
can compare what a role may use with what it can reach.
"""

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

from peerpath.core.access import PUBLIC, ROLES, SIGNED_IN
from peerpath.core.roles import Role

from .access_walk import iter_routes, route_policy

# Attributes that take a person somewhere or send something somewhere.
_TARGETS = {
    "a": ("href",),
    "form": ("action",),
    "button": ("formaction", "hx-get", "hx-post"),
    "input": ("formaction", "hx-get", "hx-post"),
    "textarea": ("hx-get", "hx-post"),
    "div": ("hx-get", "hx-post"),
}
_DOWNLOAD_ENDINGS = (".pdf", ".csv", ".json", "/pdf/", "/file/", "/download/")


@dataclass(frozen=True)
class Target:
    url: str
    fetch: bool  # a GET page to read in turn; False for a form that POSTs


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = _TARGETS.get(tag)
        if not names:
            return
        values = {k: v for k, v in attrs if v is not None}
        posts = tag == "form" and values.get("method", "get").lower() == "post"
        for name in names:
            if name in values:
                self.targets.append((values[name], not posts and name != "hx-post"))
        if tag == "form" and "action" not in values:
            self.targets.append(("", not posts))  # a form without action sends to its page


def route_name_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else match.route


@dataclass
class Crawl:
    reached: set[str] = field(default_factory=set)  # route names linked or submitted to
    fetched: list[str] = field(default_factory=list)  # URLs read, in order
    problems: list[str] = field(default_factory=list)  # server errors met on the way
    found_on: dict[str, str] = field(default_factory=dict)  # route -> first page linking it


def crawl(client: Client, *, start: str = "/", per_route: int = 8, max_pages: int = 800) -> Crawl:
    """Everything a signed-in client can reach from `start` by links and forms."""
    result = Crawl()
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    seen: set[str] = set()
    per: Counter[str] = Counter()
    while queue and len(result.fetched) < max_pages:
        url, source = queue.popleft()
        path = urlsplit(url).path
        name = route_name_of(path)
        if name is None:
            result.problems.append(f"{source} links to {url}, which is no page")
            continue
        result.reached.add(name)
        result.found_on.setdefault(name, source)
        if url in seen or per[name] >= per_route or path.endswith(_DOWNLOAD_ENDINGS):
            continue
        seen.add(url)
        per[name] += 1
        response = client.get(url)
        result.fetched.append(url)
        if response.status_code >= 500:
            result.problems.append(f"{url} (linked from {source}) answered {response.status_code}")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append((urljoin(url, response["Location"]), url))
            continue
        if response.status_code == 404:
            result.problems.append(f"{source} links to {url}, which answers 404")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for target, fetch in parser.targets:
            absolute = urljoin(url, target)
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "") or parts.netloc not in ("", "testserver"):
                continue  # another site, mailto:, tel:
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if fetch:
                queue.append((local, url))
            else:
                posted = route_name_of(parts.path)
                if posted is not None:
                    result.reached.add(posted)
                    result.found_on.setdefault(posted, url)
    return result


def granted_routes(role: Role) -> set[str]:
    """Routes a signed-in holder of `role` may use, by their declared policies."""
    granted = set()
    for route in iter_routes():
        policy = route_policy(route)
        if policy is None or policy.kind == PUBLIC:
            continue
        if policy.kind == SIGNED_IN or (policy.kind == ROLES and role in policy.roles):
            granted.add(route.name)
    return granted
