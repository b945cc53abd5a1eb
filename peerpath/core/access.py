"""Deny by default: every view states who may use it.

Decorate each view with exactly one of `public`, `signed_in` or `roles(...)`. The decorator
enforces the policy and records it on the view as `access_policy`, which
`peerpath/tests/test_url_access.py` reads to check every URL pattern for every role. Views
we do not write (allauth, the Django admin) get their policy from `EXTERNAL_POLICIES`.
A view with no policy fails that test.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import resolve, reverse

from .audit import audit
from .models import AuditAction, AuditOutcome
from .roles import Role

View = TypeVar("View", bound=Callable[..., HttpResponseBase])

PUBLIC = "public"
SIGNED_IN = "signed in"
ROLES = "roles"


@dataclass(frozen=True)
class Policy:
    kind: str
    roles: frozenset[Role] = field(default_factory=frozenset)

    def __str__(self) -> str:
        if self.kind == ROLES:
            return "roles: " + ", ".join(sorted(r.label for r in self.roles))
        return self.kind

    def allows(self, request: HttpRequest) -> bool:
        """Whether this policy lets the request's user in (who they are, not which object)."""
        if self.kind == PUBLIC:
            return True
        if not request.user.is_authenticated:
            return False
        return self.kind == SIGNED_IN or bool(self.roles & request_roles(request))


def request_roles(request: HttpRequest) -> frozenset[Role]:
    return getattr(request, "roles", frozenset())


def deny(request: HttpRequest, *, reason: str = "") -> HttpResponse:
    """Refuse a signed-in user, audit it, and say so without detail."""
    audit(
        request,
        action=AuditAction.VIEW,
        outcome=AuditOutcome.DENIED,
        object_type="page",
        object_id=(request.resolver_match.view_name if request.resolver_match else "")[:64],
        reason=reason,
    )
    return TemplateResponse(request, "errors/403.jinja", status=403)


def _mark(view: Any, policy: Policy) -> Any:
    view.access_policy = policy
    return view


def public(view: View) -> View:
    """Anyone, signed in or not."""
    return _mark(view, Policy(PUBLIC))


def signed_in(view: View) -> View:
    """Any signed-in user, whatever their roles (their own account, organisation switch)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _mark(wrapper, Policy(SIGNED_IN))


def roles(*allowed: Role) -> Callable[[View], View]:
    """Signed-in users holding one of these roles in their current organisation."""
    if not allowed:
        raise ValueError("roles() needs at least one role")
    policy = Policy(ROLES, frozenset(allowed))

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not policy.roles & request_roles(request):
                return deny(request, reason=f"needs {policy}")
            return view(request, *args, **kwargs)

        return _mark(wrapper, policy)

    return decorator


M = TypeVar("M", bound=models.Model)


def _organisation_field_matches(obj: models.Model, organisation: Any) -> bool:
    return bool(getattr(obj, "organisation_id", None) == organisation.pk)


def get_in_organisation_or_404(
    request: HttpRequest,
    queryset: models.QuerySet[M],
    *,
    audit_read: bool = False,
    belongs: Callable[[M, Any], bool] = _organisation_field_matches,
    **lookup: Any,
) -> M:
    """Fetch one object of the current organisation, or 404 and an audit row.

    `queryset` is a selector's, already scoped to the actor (`actor=`); the object must
    also belong to the organisation (`belongs`). A miss is looked up once more without the
    scope, only so that an attempt on another organisation's object is recorded as such;
    the answer is the same 404 whether the object is elsewhere, out of scope or missing.

    With `audit_read`, the read is audited here, at the fetch (the one way a read of a
    personal record other than a person is audited), with the person it is about when the
    object has a `person_id`.
    """
    organisation = getattr(request, "organisation", None)
    obj = queryset.filter(**lookup).first()
    if obj is None or organisation is None or not belongs(obj, organisation):
        audit(
            request,
            action=AuditAction.VIEW,
            outcome=AuditOutcome.NOT_FOUND,
            object_type=queryset.model._meta.label_lower,
            object_id=str(next(iter(lookup.values()), "")),
            reason=_why_not_found(queryset, obj, organisation, belongs, lookup),
        )
        raise Http404
    if audit_read:
        audit(request, action=AuditAction.VIEW, obj=obj, person_id=getattr(obj, "person_id", None))
    return obj


def _why_not_found(
    queryset: models.QuerySet[M],
    obj: M | None,
    organisation: Any,
    belongs: Callable[[M, Any], bool],
    lookup: dict[str, Any],
) -> str:
    if obj is None:
        obj = queryset.model._default_manager.filter(**lookup).first()
        if obj is None:
            return "no such record"
    if organisation is None or not belongs(obj, organisation):
        return "another organisation's record"
    return "not theirs to open"


_allauth_public = (
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_confirm_email",
    "account_confirm_login_code",
    "mfa_authenticate",
    # Signing in with a passkey, instead of a password (consent lane, issue 13).
    "mfa_login_webauthn",
)
_allauth_signed_in = (
    "account_reauthenticate",
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    # Adding and managing one's own passkeys (consent lane, issue 13).
    "mfa_list_webauthn",
    "mfa_add_webauthn",
    "mfa_reauthenticate_webauthn",
    "mfa_remove_webauthn",
    "mfa_edit_webauthn",
)
# allauth's views, which PeerPath mounts but did not write; they enforce these themselves.
EXTERNAL_POLICIES: dict[str, Policy] = {
    **{name: Policy(PUBLIC) for name in _allauth_public},
    **{name: Policy(SIGNED_IN) for name in _allauth_signed_in},
}


def policy_of(callback: Callable[..., Any], url_name: str | None, namespace: str) -> Policy | None:
    """The declared policy of a URL pattern's view, or None when it has none."""
    policy: Policy | None = getattr(callback, "access_policy", None)
    if policy is not None:
        return policy
    if url_name is not None:
        return EXTERNAL_POLICIES.get(url_name)
    return None


def may_open(request: HttpRequest | None, view_name: str, **kwargs: Any) -> bool:
    """Whether the page's own declared policy lets this user in: for a template deciding
    whether to link to it, so that the link and the page cannot disagree about roles."""
    if request is None:
        return False
    match = resolve(reverse(view_name, kwargs=kwargs or None))
    policy = policy_of(match.func, match.url_name, match.namespace)
    return policy is not None and policy.allows(request)
