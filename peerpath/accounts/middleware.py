"""Staff set up two-factor authentication before anything else."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from peerpath.core.roles import STAFF_ROLES

from .selectors import user_has_totp

Handler = Callable[[HttpRequest], HttpResponse]


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
    if request.session.get(SESSION_TWO_FACTOR_READY):
        return False
    staff = bool(STAFF_ROLES & getattr(request, "all_roles", frozenset()))
    if not staff:
        return False
    if user_has_totp(request.user):
        request.session[SESSION_TWO_FACTOR_READY] = True
        return False
    return True
