"""The request as PeerPath's middleware leaves it, for type checking."""

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from .roles import Role

if TYPE_CHECKING:
    from peerpath.organisations.models import Organisation


class PeerPathRequest(HttpRequest):
    """Set by OrganisationMiddleware for every request (empty when signed out)."""

    organisation: "Organisation | None"
    roles: frozenset[Role]  # roles in the current organisation
    all_roles: frozenset[Role]  # roles in any organisation
    organisations: list["Organisation"]
    csp_nonce: Any
    htmx: Any


class OrgRequest(PeerPathRequest):
    """A request that passed a roles() policy, so it has an organisation."""

    organisation: "Organisation"
