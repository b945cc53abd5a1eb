"""django-axes hooks: which account a failed log-in counts against, and the lock-out page."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def username_for_lockout(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """Count failures per email address, however it was typed."""
    credentials = credentials or {}
    value = (
        credentials.get("email")
        or credentials.get("username")
        or credentials.get("login")
        or request.POST.get("login", "")
    )
    return str(value).strip().lower()


def locked_out_response(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = TemplateResponse(
        request, "accounts/locked_out.jinja", {"minutes": minutes}, status=429
    )
    return response.render()


def credentials_for(user: Any) -> dict[str, str]:
    """The credentials django-axes counts a failure of this account's log-in against."""
    return {"username": str(user.email)}
