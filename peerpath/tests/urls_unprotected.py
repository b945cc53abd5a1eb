"""A test-only URLconf: the real one plus two views that break the access rules."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from peerpath.config.urls import urlpatterns as real_urlpatterns
from peerpath.core.access import ROLES, Policy
from peerpath.core.roles import Role


def undeclared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("anyone can see this")


def misdeclared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("the policy says admins only, but nothing checks it")


misdeclared.access_policy = Policy(ROLES, frozenset({Role.ORG_ADMIN}))  # type: ignore[attr-defined]

urlpatterns = [
    *real_urlpatterns,
    path("test-only/undeclared/", undeclared, name="undeclared"),
    path("test-only/misdeclared/", misdeclared, name="misdeclared"),
]
