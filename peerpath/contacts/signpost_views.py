"""Signposting: pointing the person to a service in the directory, and what came of it.

Every view fetches the person with `@person_view` first (scoped to the caller's caseload,
and audited), then the signpost from that person's own records.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, person_view
from peerpath.core.access import roles
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.versioning import EditConflict, show_conflict

from . import selectors, services
from .forms import MY_OUTCOMES, OutcomeForm, ServiceSearchForm, SignpostForm
from .models import Signpost

SERVICES_PER_PAGE = 10


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("signposting", read_only=True)
def signpost_list(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "contacts/signpost_list.jinja",
        {
            "person": person,
            "lists": selectors.signpost_lists(person),
            "today": timezone.localdate(),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("new signpost")
def signpost_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    """Two steps on one page: find a service in the directory, then the signposting form."""
    chosen = request.POST.get("service") if request.method == "POST" else request.GET.get("service")
    service = selectors.service_or_none(request.organisation, chosen)
    if service is None:
        search = ServiceSearchForm(request.GET)
        criteria = search.cleaned_data if search.is_valid() else {}
        results = selectors.services_to_signpost(
            request.organisation,
            text=criteria.get("q", "").strip(),
            need=criteria.get("need", "").strip(),
            locality=criteria.get("locality", "").strip(),
        )
        page = Paginator(results, SERVICES_PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return TemplateResponse(
            request,
            "contacts/signpost_choose.jinja",
            {
                "person": person,
                "search": search,
                "page": page,
                "query": query.urlencode(),
                "searched": any(request.GET.get(k) for k in ("q", "need", "locality")),
                "today": timezone.localdate(),
                "missing": request.method == "POST",
            },
            status=400 if request.method == "POST" else 200,
        )

    def save(form: SignpostForm) -> HttpResponse:
        signpost = services.signpost_create(
            person=person,
            service=service,
            willing_and_able=form.cleaned_data["willing_and_able"],
            note=form.cleaned_data["note"],
            follow_up_on=form.cleaned_data["follow_up_on"],
            by=request.user,
            request=request,
        )
        messages.success(
            request,
            f"Signposted to {service.name}. Follow up on "
            f"{signpost.follow_up_on.strftime('%-d %B %Y')}.",
        )
        return redirect("contacts:signpost-detail", person=person.pk, pk=signpost.pk)

    return form_page(
        request,
        lambda data: SignpostForm(data, person=person),
        "contacts/signpost_form.jinja",
        {"person": person, "service": service, "today": timezone.localdate()},
        save=save,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("signpost {pk}", read_only=True)
def signpost_detail(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    signpost = selectors.signpost_for_person_or_404(person, pk)
    return TemplateResponse(
        request,
        "contacts/signpost_detail.jinja",
        {
            "person": person,
            "signpost": signpost,
            "today": timezone.localdate(),
            "said": dict(MY_OUTCOMES),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("signpost {pk}")
def signpost_outcome(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    signpost = selectors.signpost_for_person_or_404(person, pk)
    if request.method == "GET" and signpost.outcome:
        messages.info(request, "The outcome is already recorded.")
        return redirect("contacts:signpost-detail", person=person.pk, pk=signpost.pk)
    form = OutcomeForm(posted(request), initial={"version": signpost.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and record_outcome(
            request,
            form,
            signpost,
            note=form.cleaned_data["outcome_note"],
            what="the outcome of this signpost",
        )
    ):
        messages.success(request, "Outcome recorded.")
        return redirect("contacts:signpost-detail", person=person.pk, pk=signpost.pk)
    return TemplateResponse(
        request,
        "contacts/signpost_outcome.jinja",
        {"person": person, "signpost": signpost, "form": form},
        status=form_status(form),
    )


def record_outcome(
    request: OrgRequest, form: forms.Form, signpost: Signpost, *, note: str, what: str
) -> bool:
    """Save what happened from a valid form (the worker's page and the person's). False,
    with the form saying why, when someone else saved first or it was already said."""
    try:
        services.signpost_record_outcome(
            signpost=signpost,
            outcome=form.cleaned_data["outcome"],
            note=note,
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
    except EditConflict as conflict:
        show_conflict(form, conflict, what="this signpost", saved=signpost)
        return False
    except services.AlreadyDone:
        show_conflict(form, EditConflict(signpost.version), what=what, once=True, saved=signpost)
        return False
    return True
