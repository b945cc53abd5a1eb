"""The worker reviews a change the person suggested to their plan: beside what the plan
says now, accepted as its next version (naming the person as co-author) or declined with
a reason the person reads.

The person comes from the URL through `@person_view` (scoped and audited), the suggestion
from that person's suggestions of the URL's kind, so another person's id is a 404.
"""

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, person_view
from peerpath.core.access import roles
from peerpath.core.formpage import attempt, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.versioning import EditConflict, conflict_message

from . import selectors, services
from .documents import EMERGENCY, SAMARITANS, compare, kind_for_slug
from .forms import AcceptForm, DeclineForm
from .models import ProposalStatus


def _reason(*, kind: str, pk: int) -> str:
    named = kind_for_slug(kind)
    return f"review a change suggested to the {named.title if named else 'plan'} ({pk})"


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view(_reason)
def proposal_review(request: OrgRequest, person: Person, kind: str, pk: int) -> HttpResponseBase:
    found_kind = kind_for_slug(kind)
    if found_kind is None:
        raise Http404
    proposal = selectors.proposal_for_person(person, pk, found_kind)
    found = selectors.document_current(person, found_kind)
    document, current = found if found else (None, None)
    now_number = current.number if current else 0
    action = request.POST.get("action") if request.method == "POST" else None
    accept = AcceptForm(
        posted(request) if action == "accept" else None,
        kind=found_kind,
        prefix="accept",
        initial={
            "version": proposal.version,
            "based_on": now_number,
            "review_on": current.review_on if current else None,
        },
    )
    decline = DeclineForm(
        posted(request) if action == "decline" else None,
        prefix="decline",
        initial={"version": proposal.version},
    )

    def save_accept(form: AcceptForm) -> HttpResponse:
        version = services.proposal_accept(
            proposal=proposal,
            kind=found_kind,
            review_on=form.cleaned_data["review_on"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
            expected_document_version=form.cleaned_data["based_on"],
            by=request.user,
            request=request,
        )
        messages.success(
            request,
            f"Version {version.number} of the {found_kind.title} saved, with "
            f"{person.display_name} as co-author.",
        )
        return redirect("recovery:document-detail", person=person.pk, kind=found_kind.slug)

    def save_decline(form: DeclineForm) -> HttpResponse:
        services.proposal_decline(
            proposal=proposal,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, f"{person.display_name} will see your answer and the reason.")
        if document is None:
            return redirect("recovery:plan-list", person=person.pk)
        return redirect("recovery:document-detail", person=person.pk, kind=found_kind.slug)

    if action == "accept" and proposal.status == ProposalStatus.WAITING:
        if accept.is_valid():
            try:
                return save_accept(accept)
            except EditConflict:
                # The plan moved on since this page was opened: nothing was written. The
                # page shows the plan as it is now; accepting again saves over that.
                found = selectors.document_current(person, found_kind)
                document, current = found if found else (None, None)
                proposal.refresh_from_db()
                data = cast(QueryDict, accept.data).copy()
                data[accept.add_prefix("based_on")] = str(current.number if current else 0)
                data[accept.add_prefix("version")] = str(proposal.version)
                accept.data = data
                accept.add_error(
                    None,
                    conflict_message(f"a new version of this {found_kind.title}")
                    + " Check the suggestion against what it says now before accepting.",
                )
            except ValidationError as error:
                add_service_errors(accept, error)
    elif action == "decline" and proposal.status == ProposalStatus.WAITING:
        if done := attempt(decline, save_decline, conflict="this suggestion"):
            return done
        proposal.refresh_from_db()
    elif action in ("accept", "decline"):
        # Decided (or withdrawn) since the page was opened: nothing more is written.
        answered = accept if action == "accept" else decline
        answered.is_valid()
        answered.add_error(None, conflict_message("an answer to this suggestion", typed=False))

    base_moved = proposal.based_on != (current.number if current else 0)
    changes = compare(found_kind, current.content if current else {}, proposal.content)
    errors = bool(accept.errors or decline.errors)
    return TemplateResponse(
        request,
        "recovery/proposal_review.jinja",
        {
            "person": person,
            "kind": found_kind,
            "proposal": proposal,
            "document": document,
            "current": current,
            "base_moved": base_moved,
            "changes": changes,
            "accept": accept,
            "decline": decline,
            "samaritans": SAMARITANS,
            "emergency": EMERGENCY,
            "today": timezone.localdate(),
        },
        status=400 if errors else 200,
    )
