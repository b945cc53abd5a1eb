"""Request plumbing: session lifetime and caching. The actor is made by
`organisations.middleware`; staff two-factor set-up is enforced by `accounts.middleware`."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

Handler = Callable[[HttpRequest], HttpResponse]

SESSION_LOGIN_AT = "peerpath_login_at"
SESSION_SEEN_AT = "peerpath_seen_at"


class SessionLifetimeMiddleware:
    """End a session 12 hours after log-in, however active, and keep its idle timer running.

    The idle limit is the session's age (SESSION_COOKIE_AGE), renewed each time the session
    is saved. A request saves it only when something in it changed, or when it was last
    renewed SESSION_REFRESH_SECONDS ago or more: reading a page does not write the session
    row each time, yet an active person is never signed out for being idle.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_LOGIN_AT, now)
            if now - int(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
            seen = int(request.session.get(SESSION_SEEN_AT, 0))
            if now - seen >= settings.SESSION_REFRESH_SECONDS:
                request.session[SESSION_SEEN_AT] = now
        return self.get_response(request)


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
