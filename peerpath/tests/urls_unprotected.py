"""A test-only URLconf: the real one plus views that break the access rules."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from peerpath.config.urls import urlpatterns as real_urlpatterns
from peerpath.core.access import ROLES, Policy, roles
from peerpath.core.roles import Role


def undeclared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("anyone can see this")


def misdeclared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("the policy says admins only, but nothing checks it")


misdeclared.access_policy = Policy(ROLES, frozenset({Role.ORG_ADMIN}))  # type: ignore[attr-defined]


@roles(Role.ORG_ADMIN)
def unreachable(request: HttpRequest) -> HttpResponse:
    """Admins may use it, says the policy, but the view lets no admin in."""
    raise Http404


@roles(Role.ORG_ADMIN)
@require_POST
def unreachable_action(request: HttpRequest) -> HttpResponse:
    """A POST-only action that refuses even the role it names."""
    raise Http404


@roles(Role.ORG_ADMIN)
def leaking(request: HttpRequest, pk: int) -> HttpResponse:
    """Names an object in its URL but never asks whose it is: another organisation's
    admin sees it too."""
    return HttpResponse(f"object {pk}")


urlpatterns = [
    *real_urlpatterns,
    path("test-only/undeclared/", undeclared, name="undeclared"),
    path("test-only/misdeclared/", misdeclared, name="misdeclared"),
    path("test-only/unreachable/", unreachable, name="unreachable"),
    path("test-only/unreachable-action/", unreachable_action, name="unreachable-action"),
    path("test-only/leaking/<int:pk>/", leaking, name="leaking"),
]
