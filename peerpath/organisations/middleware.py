"""The request's actor: who is signed in, in which organisation, with which roles."""

from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse

from peerpath.core.actor import Actor
from peerpath.core.http import PeerPathRequest

from .selectors import memberships_for_user

Handler = Callable[[HttpRequest], HttpResponse]

SESSION_ORGANISATION = "peerpath_organisation_id"


class OrganisationMiddleware:
    """Make the request's `Actor` (`request.actor`): the user, the organisation chosen in
    this session (else their first), and the roles they hold there. One query.

    `request.organisation`, `request.roles`, `request.all_roles` and
    `request.organisations` are the actor's, for templates.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        actor = Actor.anonymous()
        if request.user.is_authenticated:
            actor = Actor.from_memberships(
                request.user,
                memberships_for_user(request.user),
                organisation_id=request.session.get(SESSION_ORGANISATION),
            )
        _set_actor(cast(PeerPathRequest, request), actor)
        return self.get_response(request)


def _set_actor(request: PeerPathRequest, actor: Actor) -> None:
    """The attributes `PeerPathRequest` declares: the actor, and its parts for templates."""
    request.actor = actor
    request.organisation = actor.organisation
    request.roles = actor.roles
    request.all_roles = actor.all_roles
    request.organisations = list(actor.organisations)
