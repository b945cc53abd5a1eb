"""Invitation pages: accepting one from its link (and what an unusable link says), asking
for a new link, and the organisation admin's list of invitations not accepted yet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peerpath.accounts import services as account_services
from peerpath.core.access import get_in_organisation_or_404, public, roles
from peerpath.core.formpage import form_page, posted
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role

from . import invitation_services, presenters, selectors
from .forms import InvitationPasswordForm, InvitationRequestForm
from .invitation_tokens import INVITATION_VALID_FOR
from .selectors import InvitationLink, LinkProblem

PAGE_SIZE = 25
VALID_DAYS = INVITATION_VALID_FOR.days


def _problem_page(request: HttpRequest, link: InvitationLink, token: str) -> HttpResponse:
    invitation_services.invitation_link_refused(link=link, request=request)
    invitation = link.invitation
    return TemplateResponse(
        request,
        "organisations/invitation_problem.jinja",
        {
            "problem": link.problem.value,
            "renewable": link.renewable,
            "token": token,
            "masked_email": presenters.masked_email(invitation.email) if invitation else "",
            "valid_days": VALID_DAYS,
        },
        status=404 if link.problem == LinkProblem.NOT_RECOGNISED else 410,
    )


@public
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: welcome, create a password, then straight on."""
    link = selectors.invitation_from_link(token)
    if not link.usable or link.invitation is None:
        return _problem_page(request, link, token)
    invitation = link.invitation
    user = invitation.user
    if request.user.is_authenticated and request.user.pk != user.pk:
        # Accepting would log this browser in as someone else; they log out first.
        return TemplateResponse(
            request,
            "organisations/invitation_someone_else.jinja",
            {"token": token},
            status=403 if request.method == "POST" else 200,
        )
    staff = invitation_services.invitation_leads_to_two_factor(user)
    if request.method == "GET":
        invitation_services.invitation_link_opened(invitation=invitation, request=request)
    form = InvitationPasswordForm(posted(request), user=user)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_services.invitation_accept(
                token=token, password=form.cleaned_data["password1"], request=request
            )
        except invitation_services.InvitationNotUsable as refused:
            return _problem_page(request, refused.link, token)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            next_url = reverse("mfa_activate_totp") if staff else reverse("workspace:home")
            response = account_services.account_log_in(request, user=user, redirect_url=next_url)
            messages.success(
                request,
                "Your password is saved. Now set up two-factor authentication."
                if staff
                else "Your PeerPath account is ready.",
            )
            return response
    return TemplateResponse(
        request,
        "organisations/invitation_accept.jinja",
        {
            "form": form,
            "invitation": invitation,
            "inviter": presenters.inviter_name(invitation),
            "roles": presenters.roles_sentence(link.roles or tuple(invitation.role_list)),
            "staff": staff,
        },
    )


@public
@never_cache
@require_POST
def invitation_renew(request: HttpRequest, token: str) -> HttpResponse:
    """From an expired or replaced link: a new link, to the invited address only."""
    link = selectors.invitation_from_link(token)
    if not link.renewable or link.invitation is None:
        return redirect("organisations:invitation-accept", token=token)
    masked = presenters.masked_email(link.invitation.email)
    if invitation_services.invitation_renew_for_invitee(
        invitation=link.invitation, request=request
    ):
        messages.success(request, f"We have sent a new invitation link to {masked}.")
    else:
        messages.info(
            request,
            f"We sent a new invitation link to {masked} a few minutes ago. Check your inbox, "
            "and your spam or junk folder.",
        )
    return redirect("organisations:invitation-request-sent")


@public
@require_http_methods(["GET", "POST"])
@creates_once
def invitation_request(request: HttpRequest) -> HttpResponseBase:
    """Ask for a new link by typing the address the invitation went to."""

    def save(form: InvitationRequestForm) -> HttpResponse:
        invitation_services.invitation_request_new_link(
            email=form.cleaned_data["email"], request=request
        )
        return redirect("organisations:invitation-request-sent")

    return form_page(
        request, InvitationRequestForm, "organisations/invitation_request.jinja", {}, save=save
    )


@public
@require_GET
def invitation_request_sent(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "organisations/invitation_request_sent.jinja", {"valid_days": VALID_DAYS}
    )


@roles(Role.ORG_ADMIN)
@require_GET
def invitation_list(request: OrgRequest) -> HttpResponse:
    page = Paginator(
        selectors.invitations_waiting_with_roles(actor=request.actor), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "organisations/invitation_list.jinja",
        {
            "page": page,
            "rows": [presenters.invitation_row(i) for i in page.object_list],
            "valid_days": VALID_DAYS,
        },
    )


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def invitation_resend(request: OrgRequest, pk: int) -> HttpResponse:
    invitation = get_in_organisation_or_404(
        request, selectors.invitations_of(actor=request.actor), pk=pk
    )
    if request.method == "POST":
        try:
            invitation_services.invitation_resend(
                invitation=invitation, by=request.user, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"New invitation link sent to {invitation.user.email}.")
        return redirect("organisations:invitation-list")
    if not request.actor.may("organisations.resend_invitation", invitation):
        messages.info(
            request,
            f"{invitation.user.display_name} has already accepted their invitation."
            if invitation.accepted_at
            else "This invitation was withdrawn.",
        )
        return redirect("organisations:invitation-list")
    return TemplateResponse(
        request,
        "organisations/invitation_resend.jinja",
        {"invitation": invitation, "valid_days": VALID_DAYS},
    )
