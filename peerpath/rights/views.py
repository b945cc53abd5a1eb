"""Pages of subject access: the person asks for a copy and downloads it; staff ask on their
behalf; a reviewer (organisation admin or safeguarding lead) decides about flagged records
and releases the copy (hazard H12)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, own_record_view, person_view
from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import attempt, form_page, form_status, posted
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, posted_version

from . import clock, selectors, services
from .forms import DecideForm, ExtendForm, RefuseForm, StaffRequestForm
from .models import AccessPackItem, AccessRequest, FileKind, OnBehalf
from .sar_registry import FLAG_LABELS, SAFEGUARDING

PAGE_SIZE = 25
ITEMS_PAGE_SIZE = 10  # each item shows its whole content and its own form
REVIEWERS = selectors.REVIEWERS

CONTENT_TYPES = {FileKind.PDF: "application/pdf", FileKind.JSON: "application/json"}


def _file_response(blob: bytes, kind: str, pk: int) -> HttpResponse:
    response = HttpResponse(blob, content_type=CONTENT_TYPES[FileKind(kind)])
    response["Content-Disposition"] = f'attachment; filename="peerpath-copy-{pk}.{kind}"'
    return response


# --- the person --------------------------------------------------------------------------


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@creates_once
@own_record_view("a copy of my record")
def my_copy(request: OrgRequest, person: Person) -> HttpResponseBase:
    """What they asked for and when it is due; one button to ask."""
    if request.method == "POST":
        services.access_request_create(
            person=person, by=request.user, on_behalf=OnBehalf.PERSON, request=request
        )
        messages.success(
            request,
            "Thank you. We have your request and will have your copy ready by "
            f"{clock.due_on(timezone.localdate()):%-d %B %Y} at the latest.",
        )
        return redirect("rights:my-copy")
    return TemplateResponse(
        request,
        "rights/my_copy.jinja",
        {"person": person, "requests": list(selectors.own_requests(person)[:20])},
    )


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("download a copy of my record")
def my_copy_download(request: OrgRequest, person: Person, pk: int, kind: str) -> HttpResponse:
    if kind not in FileKind.values:
        raise Http404
    pack_file = selectors.own_request_file(person, pk, kind)
    if pack_file is None:
        raise Http404
    blob = services.pack_file_download(pack_file=pack_file, by=request.user, request=request)
    return _file_response(blob, kind, pk)


# --- staff on the person's behalf --------------------------------------------------------


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("ask for a copy of the record on the person's behalf")
def request_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    def save(form: StaffRequestForm) -> HttpResponse:
        services.access_request_create(
            person=person,
            by=request.user,
            received_on=form.cleaned_data["received_on"],
            on_behalf=form.cleaned_data["on_behalf"],
            identity_checked=form.cleaned_data["identity_checked"],
            request=request,
        )
        messages.success(
            request,
            f"Request recorded. A reviewer will check the copy before {person.display_name} "
            "receives it.",
        )
        return redirect("workspace:person-detail", person=person.pk)

    return form_page(
        request,
        lambda data: StaffRequestForm(data, initial={"received_on": timezone.localdate()}),
        "rights/request_form.jinja",
        {"person": person},
        save=save,
    )


# --- reviewers ---------------------------------------------------------------------------


@roles(*REVIEWERS)
@require_http_methods(["GET"])
def review_list(request: OrgRequest) -> HttpResponse:
    rows = selectors.requests_for_review(request.actor)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "rights/review_list.jinja",
        {"page": page, "today": timezone.localdate()},
    )


def _review_context(
    request: OrgRequest, access_request: AccessRequest, **extra: Any
) -> dict[str, Any]:
    items = selectors.review_items(access_request)
    page = Paginator(items, ITEMS_PAGE_SIZE).get_page(request.GET.get("page"))
    actor = request.actor
    rows = [
        (
            item,
            DecideForm(item=item) if actor.may("rights.decide_item", item) else None,
        )
        for item in page.object_list
    ]
    return {
        "access_request": access_request,
        "page": page,
        "rows": rows,
        "flag_labels": FLAG_LABELS,
        "safeguarding": SAFEGUARDING,
        "waiting": services.pending_count(access_request),
        "may_review": actor.may("rights.review_request", access_request),
        "files": list(selectors.request_files(access_request)),
        "extend_form": extra.pop("extend_form", None)
        or ExtendForm(initial={"version": access_request.version}),
        "refuse_form": extra.pop("refuse_form", None)
        or RefuseForm(initial={"version": access_request.version}),
        "latest_extension": clock.latest_extension(access_request.due_on),
        "today": timezone.localdate(),
        **extra,
    }


def _reviewed(request: OrgRequest, pk: int) -> AccessRequest:
    return get_in_organisation_or_404(
        request,
        selectors.requests_for_review(request.actor).select_related("person"),
        audit_read=True,
        pk=pk,
    )


@roles(*REVIEWERS)
@require_http_methods(["GET"])
def review_detail(request: OrgRequest, pk: int) -> HttpResponse:
    access_request = _reviewed(request, pk)
    return TemplateResponse(
        request, "rights/review_detail.jinja", _review_context(request, access_request)
    )


@roles(*REVIEWERS)
@require_POST
def item_decide(request: OrgRequest, pk: int, item: int) -> HttpResponseBase:
    access_request = _reviewed(request, pk)
    found: AccessPackItem | None = selectors.review_items(access_request).filter(pk=item).first()
    if found is None or not request.actor.may("rights.decide_item", found):
        raise Http404
    form = DecideForm(request.POST, item=found)

    def save(form: DecideForm) -> HttpResponse:
        services.item_decide(
            item=found,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            fields=form.cleaned_data["parts"],
            expected_version=form.cleaned_data["version"],
            actor=request.actor,
            request=request,
        )
        messages.success(request, "Decision saved.")
        return redirect("rights:review-detail", pk=access_request.pk)

    if done := attempt(form, save, conflict=f"a decision about “{found.label}”"):
        return done
    context = _review_context(request, access_request)
    context["rows"] = [(i, form if i.pk == found.pk else f) for i, f in context["rows"]]
    return TemplateResponse(request, "rights/review_detail.jinja", context, status=400)


@roles(*REVIEWERS)
@require_POST
def release(request: OrgRequest, pk: int) -> HttpResponseBase:
    access_request = _reviewed(request, pk)
    try:
        services.access_release(
            access_request=access_request,
            expected_version=posted_version(request.POST),
            actor=request.actor,
            request=request,
        )
    except EditConflict:
        messages.error(request, "Someone else changed this request meanwhile. Check it again.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Released. The person is told by email that their copy is ready.")
    return redirect("rights:review-detail", pk=pk)


def _request_step(
    request: OrgRequest,
    pk: int,
    form_class: type[ExtendForm | RefuseForm],
    form_name: str,
    take: Callable[[AccessRequest, dict[str, Any]], str],
) -> HttpResponseBase:
    """A reviewer's step on the whole request (extend it, refuse it) from its own form on
    the request's page: `take(request, cleaned_data)` calls the service, which checks the
    version, and says what was done; else the page again with the form's errors."""
    access_request = _reviewed(request, pk)
    if not request.actor.may("rights.review_request", access_request):
        raise Http404
    form = form_class(posted(request))

    def save(form: ExtendForm | RefuseForm) -> HttpResponse:
        messages.success(request, take(access_request, form.cleaned_data))
        return redirect("rights:review-detail", pk=pk)

    if done := attempt(form, save, conflict="this request"):
        return done
    return TemplateResponse(
        request,
        "rights/review_detail.jinja",
        _review_context(request, access_request, **{form_name: form}),
        status=form_status(form),
    )


@roles(*REVIEWERS)
@require_POST
def extend(request: OrgRequest, pk: int) -> HttpResponseBase:
    def take(access_request: AccessRequest, data: dict[str, Any]) -> str:
        services.access_request_extend(
            access_request=access_request,
            extend_to=data["extend_to"],
            reason=data["reason"],
            expected_version=data["version"],
            by=request.user,
            request=request,
        )
        return "Due date extended. Tell the person why."

    return _request_step(request, pk, ExtendForm, "extend_form", take)


@roles(*REVIEWERS)
@require_POST
def refuse(request: OrgRequest, pk: int) -> HttpResponseBase:
    def take(access_request: AccessRequest, data: dict[str, Any]) -> str:
        services.access_request_refuse(
            access_request=access_request,
            reason=data["reason"],
            expected_version=data["version"],
            by=request.user,
            request=request,
        )
        return "Recorded: the copy is not provided."

    return _request_step(request, pk, RefuseForm, "refuse_form", take)


@roles(*REVIEWERS)
@require_http_methods(["GET"])
def review_download(request: OrgRequest, pk: int, kind: str) -> HttpResponse:
    access_request = _reviewed(request, pk)
    if kind not in FileKind.values:
        raise Http404
    pack_file = access_request.files.filter(kind=kind).first()
    if pack_file is None:
        raise Http404
    blob = services.pack_file_download(pack_file=pack_file, by=request.user, request=request)
    return _file_response(blob, kind, pk)
