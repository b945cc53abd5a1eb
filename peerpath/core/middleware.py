"""Request plumbing: session lifetime, the current organisation, staff two-factor, caching."""

import time
from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .actor import Actor
from .http import PeerPathRequest

Handler = Callable[[HttpRequest], HttpResponse]

SESSION_LOGIN_AT = "peerpath_login_at"
SESSION_ORGANISATION = "peerpath_organisation_id"


class SessionLifetimeMiddleware:
    """End a session 12 hours after log-in, however active (the idle limit is the cookie age)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_LOGIN_AT, now)
            if now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class OrganisationMiddleware:
    """Make the request's `Actor` (`request.actor`): the user, the organisation chosen in
    this session (else their first), and the roles they hold there. One query.

    `request.organisation`, `request.roles`, `request.all_roles` and
    `request.organisations` are the actor's, for templates.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from peerpath.organisations.selectors import memberships_for_user

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


class StaffTwoFactorMiddleware:
    """Staff must set up TOTP before they use anything else.

    allauth asks for the code at every log-in once an authenticator exists; this closes the
    gap before the first one is set up.
    """

    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not request.path.startswith(self.EXEMPT_PREFIXES)
            and needs_two_factor_setup(request)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


SESSION_TWO_FACTOR_READY = "peerpath_two_factor_ready"


def needs_two_factor_setup(request: HttpRequest) -> bool:
    """True for staff who have not set up an authenticator app yet.

    Once set up, staff cannot remove it (accounts/adapter.py), so the answer is kept in
    the session and costs no query after the first request.
    """
    from peerpath.accounts.selectors import user_has_totp
    from peerpath.core.roles import STAFF_ROLES

    if request.session.get(SESSION_TWO_FACTOR_READY):
        return False
    staff = bool(STAFF_ROLES & getattr(request, "all_roles", frozenset()))
    if not staff:
        return False
    if user_has_totp(request.user):
        request.session[SESSION_TWO_FACTOR_READY] = True
        return False
    return True


class NoStoreMiddleware:
    """No shared or browser caching of anything that may carry personal data: every response
    but static files and, signed out, the pages whose view says they carry none
    (core.http.no_personal_data). The applicant's private page, invitation links, the
    certificate checker's answer and password reset pages carry it without a log-in;
    signed in, every page names the person in its header."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL):
            return response
        match = request.resolver_match
        shareable = match is not None and getattr(match.func, "carries_no_personal_data", False)
        if request.user.is_authenticated or not shareable:
            response["Cache-Control"] = "no-store"
        return response
