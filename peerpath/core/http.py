"""The request as PeerPath's middleware leaves it, for type checking."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.http import HttpRequest

from .roles import Role

if TYPE_CHECKING:
    from peerpath.accounts.models import User
    from peerpath.organisations.models import Organisation

    from .actor import Actor


class PeerPathRequest(HttpRequest):
    """Set by OrganisationMiddleware for every request (empty when signed out)."""

    actor: "Actor"  # who is acting: pass it on as `actor=`
    organisation: "Organisation | None"
    roles: frozenset[Role]  # roles in the current organisation
    all_roles: frozenset[Role]  # roles in any organisation
    organisations: list["Organisation"]
    csp_nonce: Any
    htmx: Any


class OrgRequest(PeerPathRequest):
    """A request that passed a roles() policy, so it has a signed-in user (pass it on as
    `by=`) and an organisation."""

    organisation: "Organisation"
    user: "User"  # signed in: never AnonymousUser


View = TypeVar("View", bound=Callable[..., Any])


def no_personal_data(view: View) -> View:
    """The page says nothing about anyone (the same text for every visitor signed out), so
    a browser may keep it. Every other response gets `Cache-Control: no-store`
    (core.middleware.NoStoreMiddleware); signed in, every page does (its header names the
    person). Put it under the access policy: `@public` then `@no_personal_data`."""
    view.carries_no_personal_data = True  # type: ignore[attr-defined]
    return view


def search_text(request: HttpRequest, name: str = "q", *, limit: int = 200) -> str:
    """What was typed in a search box, as text the database can search for: trimmed, at
    most `limit` characters, without NUL bytes (no browser sends one, and PostgreSQL
    refuses them in text, which would answer a search with a server error)."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:limit]


def absolute_url(request: HttpRequest | None, path: str) -> str:
    """`path` as a full address for an email: from the request when there is one, else from
    the PEERPATH_BASE_URL setting (a background job, a command)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return str(settings.PEERPATH_BASE_URL).rstrip("/") + path
