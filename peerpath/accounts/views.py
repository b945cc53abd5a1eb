"""Account pages PeerPath draws itself, in place of allauth's."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from peerpath.core.access import signed_in


@signed_in
@require_http_methods(["GET"])
def email_change(request: HttpRequest) -> HttpResponse:
    """The email address is how a person logs in, so an organisation admin changes it."""
    return TemplateResponse(request, "accounts/email_change.jinja")
